package dev.flinkspipeline.flinks.client;

/** The Flinks API calls this client makes; {@link #endpoint()} is Flinks' own name, used in messages and metrics. */
public enum FlinksOperation {
    GENERATE_AUTHORIZE_TOKEN("GenerateAuthorizeToken"),
    AUTHORIZE("Authorize"),
    GET_ACCOUNTS_DETAIL("GetAccountsDetail"),
    GET_ACCOUNTS_DETAIL_ASYNC("GetAccountsDetailAsync"),
    GET_ATTRIBUTES("Attributes"),
    GET_CUSTOM_ATTRIBUTES("CustomAttributes");

    private final String endpoint;

    FlinksOperation(String endpoint) {
        this.endpoint = endpoint;
    }

    public String endpoint() {
        return endpoint;
    }
}
