package dev.flinkspipeline.flinks.client;

/** One of our own Flinks credentials (configuration, the same for every login), as a call presents it. */
public enum Credential {
    /** The secret key ({@code flinks-auth-key}) of GenerateAuthorizeToken; Authorize presents a token made with it. */
    SECRET_KEY,
    /** The {@code x-api-key} of the data and Attributes endpoints. */
    API_KEY
}
