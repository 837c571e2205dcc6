package dev.flinkspipeline.flinks.client.request;

/** The Attributes use-case packages and their {@code GET} endpoints (flinks-api.md 6.2). */
public enum AttributesUseCase {
    INCOME("GetIncomeAttributes"),
    LENDING("GetLendingAttributes"),
    CREDIT_RISK("GetCreditRiskAttributes"),
    USER_ANALYSIS("GetUserAnalysisAttributes"),
    BUSINESS_ANALYSIS("GetBusinessAnalysisAttributes"),
    ALL("GetAllAttributes"),
    ALL_BUSINESS("GetAllBusinessAttributes");

    private final String endpoint;

    AttributesUseCase(String endpoint) {
        this.endpoint = endpoint;
    }

    /** The last path segment, e.g. {@code GetIncomeAttributes}. */
    public String endpoint() {
        return endpoint;
    }
}
