package dev.flinkspipeline.flinks.events;

import dev.flinkspipeline.events.AccountsSource;
import java.time.Instant;
import java.util.Objects;

/**
 * How a GetAccountsDetail payload reached us, and what the channel knows besides it.
 *
 * @param source              POLL (poll or missing-webhook fallback) or WEBHOOK
 * @param loginId             the login the channel asked Flinks about; null for a webhook
 * @param requestId           the session the channel used; null for a webhook (its {@code RequestId} names it)
 * @param requestIdLastUsedAt when the successful call was sent; null for a webhook
 * @param receivedAt          when the payload arrived
 * @param tag                 the login's tag when the payload has none, or null
 * @param institution         the login's institution when the payload has none, or null
 * @param userReference       the user the login's signed tag names, or null
 * @param loginReceivedAt     {@code LoginReceived.receivedAt} of the login, or null
 * @param fallback            fetched because the webhook of a webhook-flow login did not come
 */
public record AccountsDelivery(
        AccountsSource source,
        String loginId,
        String requestId,
        Instant requestIdLastUsedAt,
        Instant receivedAt,
        String tag,
        String institution,
        String userReference,
        Instant loginReceivedAt,
        boolean fallback) {

    public AccountsDelivery {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    /** A GetAccountsDetail webhook: everything but the user comes from its body. */
    public static AccountsDelivery webhook(String userReference, Instant receivedAt) {
        return new AccountsDelivery(
                AccountsSource.WEBHOOK, null, null, null, receivedAt, null, null, userReference, null, false);
    }
}
