package dev.flinkspipeline.ingest.webhook;

/**
 * What a scan of a webhook body tells before any mapping: what it is and which login it names.
 *
 * @param object            whether the document is a JSON object (else nothing below is set)
 * @param responseType      {@code ResponseType} as sent (sanitised, at most 100 characters), or null
 * @param httpStatus        {@code HttpStatusCode}, or null when absent or not an integer
 * @param httpStatusInvalid whether {@code HttpStatusCode} is present but not an integer
 * @param loginId           {@code Login.Id} in lower case when it is a GUID, else null
 * @param requestId         {@code RequestId} when it looks like an identifier, else null
 * @param tag               {@code Tag} when it is a string, else null
 * @param flinksCode        {@code FlinksCode} when it has the form of one ({@code DISABLED_LOGIN}), else null
 * @param unpairedSurrogate the path of the first key or string holding an unpaired UTF-16 surrogate, or null
 */
public record WebhookHead(
        boolean object,
        String responseType,
        Integer httpStatus,
        boolean httpStatusInvalid,
        String loginId,
        String requestId,
        String tag,
        String flinksCode,
        String unpairedSurrogate) {

    static final WebhookHead NOT_AN_OBJECT = new WebhookHead(false, null, null, false, null, null, null, null, null);

    /** What it is. */
    public WebhookKind kind() {
        boolean kyc = "KYC".equalsIgnoreCase(responseType);
        boolean accounts = "GetAccountsDetail".equalsIgnoreCase(responseType);
        if (!kyc && !accounts) {
            return WebhookKind.UNKNOWN_TYPE;
        }
        // A body announcing a non-200 status has no data to map: Flinks tells us the request failed.
        if (httpStatus != null && httpStatus != 200) {
            return WebhookKind.FAILED_REQUEST;
        }
        return kyc ? WebhookKind.KYC : WebhookKind.ACCOUNTS_DETAIL;
    }

    @Override
    public String toString() {
        return "WebhookHead[kind=" + kind() + ", responseType=" + responseType + ", httpStatus=" + httpStatus
                + ", loginId=" + loginId + ", requestId=" + requestId + "]";
    }
}
