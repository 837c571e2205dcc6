package dev.flinkspipeline.flinks.client.model;

import java.util.List;

/**
 * The {@code KYC} webhook: the holders' identity, sent before the accounts (flinks-api.md 7.2).
 *
 * @param holders the holders; empty when absent
 */
public record KycWebhook(
        Integer httpStatusCode,
        String responseType,
        String requestId,
        String institution,
        String tag,
        Login login,
        List<Holder> holders) {

    public KycWebhook {
        holders = Extras.list(holders);
    }

    @Override
    public String toString() {
        return "KycWebhook[requestId=" + requestId + ", loginId=" + (login == null ? null : login.id()) + ", holders="
                + holders.size() + "]";
    }
}
