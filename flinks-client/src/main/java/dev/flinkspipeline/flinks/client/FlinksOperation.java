package dev.flinkspipeline.flinks.client;

/** The Flinks API calls this client makes; {@link #endpoint()} is Flinks' own name, used in messages and metrics. */
public enum FlinksOperation {
    GENERATE_AUTHORIZE_TOKEN("GenerateAuthorizeToken", Credential.SECRET_KEY),
    AUTHORIZE("Authorize", Credential.SECRET_KEY),
    GET_ACCOUNTS_DETAIL("GetAccountsDetail", Credential.API_KEY),
    GET_ACCOUNTS_DETAIL_ASYNC("GetAccountsDetailAsync", Credential.API_KEY),
    GET_ATTRIBUTES("Attributes", Credential.API_KEY),
    GET_CUSTOM_ATTRIBUTES("CustomAttributes", Credential.API_KEY);

    private final String endpoint;
    private final Credential credential;

    FlinksOperation(String endpoint, Credential credential) {
        this.endpoint = endpoint;
        this.credential = credential;
    }

    public String endpoint() {
        return endpoint;
    }

    /** Which of our credentials the call presents (Authorize: the token GenerateAuthorizeToken made with the secret key). */
    public Credential credential() {
        return credential;
    }
}
