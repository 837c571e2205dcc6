package dev.flinkspipeline.tools.stack;

/**
 * Credentials of the local stack. None is secret: the Flinks values are the public toolbox ones (the
 * sandbox's defaults), the others exist only on this machine. A real deployment takes its own from its
 * secret store (see README, "Run it on your cluster").
 */
public final class LocalSecrets {

    /** Flinks toolbox customerId (public, documented by Flinks). */
    public static final String FLINKS_CUSTOMER_ID = "43387ca6-0391-4c82-857d-70d95f087ecb";
    /** Flinks toolbox secret key for GenerateAuthorizeToken (public, documented by Flinks). */
    public static final String FLINKS_SECRET_KEY = "c4569c54-e167-4d34-8de6-f4113bc82414";
    /** Flinks toolbox x-api-key (public, documented by Flinks). */
    public static final String FLINKS_API_KEY = "3d5266a8-b697-48d4-8de6-52e2e2662acc";
    /** HMAC secret the sandbox signs webhooks with and ingest verifies. */
    public static final String WEBHOOK_SECRET = "local-stack-webhook-secret";
    /** HMAC secret of ingest's signed Connect tags. */
    public static final String TAG_SECRET = "local-stack-tag-signing-secret";
    /** API key of the app's back end on ingest's {@code POST /connect/sessions}. */
    public static final String APP_API_KEY = "local-stack-app-key";

    private LocalSecrets() {}
}
