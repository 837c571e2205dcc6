package dev.flinkspipeline.ingest.webhook;

import dev.flinkspipeline.events.PipelineFailed;
import dev.flinkspipeline.flinks.events.AccountsDelivery;
import dev.flinkspipeline.flinks.events.AccountsReadyMapping;
import dev.flinkspipeline.flinks.events.KycReceivedMapping;
import dev.flinkspipeline.flinks.events.UnmappablePayloadException;
import dev.flinkspipeline.ingest.InvalidInputException;
import dev.flinkspipeline.ingest.security.TagUserReferences;
import dev.flinkspipeline.schemas.EventIds;
import java.time.Instant;
import java.util.Objects;

/**
 * Decides what a webhook becomes. Flinks retries any answer but 200 for hours and then drops the
 * webhook, so an authenticated webhook is never refused for its content: what cannot be mapped is kept
 * as received, with why, and reported on the login as {@code PipelineFailed(INGEST)}.
 *
 * <p>Only a body that is not well-formed JSON (malformed, duplicate keys, invalid Unicode) is refused, and
 * only when it is not authenticated: without a webhook secret anyone can post, and such bytes are noise.
 *
 * <p>A GetAccountsDetail or KYC webhook is mapped by flinks-client's mapping, the one the poller uses for
 * the same payloads. Events name their user when the webhook's {@code Tag} is one this service signed.
 */
public final class WebhookMapper {

    /** The event type a KycReceived's eventId derives from (with the body). */
    public static final String KYC_RECEIVED = "KycReceived";

    private final WebhookParser parser = new WebhookParser();
    private final TagUserReferences userReferences;

    public WebhookMapper(TagUserReferences userReferences) {
        this.userReferences = Objects.requireNonNull(userReferences, "userReferences");
    }

    /**
     * @param authenticated whether the body's signature verified (false when verification is off)
     * @throws InvalidInputException (400) only for an unauthenticated body that is not well-formed JSON
     */
    public WebhookOutcome map(byte[] body, boolean authenticated, Instant receivedAt) {
        WebhookHead head;
        try {
            head = parser.scan(body);
        } catch (InvalidInputException e) {
            if (!authenticated) {
                throw e;
            }
            // Not JSON at all: no login can be read from it.
            return unhandled(body, e.code(), e.detail(), null, null, receivedAt);
        }
        if (!head.object()) {
            return unhandled(body, "invalid-webhook", "The body is JSON but not an object.", null, null, receivedAt);
        }
        if (head.unpairedSurrogate() != null) {
            InvalidInputException e = InvalidInputException.badRequest(
                    "invalid-unicode",
                    "invalid Unicode",
                    head.unpairedSurrogate() + " holds an unpaired UTF-16 surrogate.");
            if (!authenticated) {
                throw e;
            }
            return unhandled(body, e.code(), e.detail(), head, unmappable(), receivedAt);
        }
        try {
            return mapObject(head, body, receivedAt);
        } catch (InvalidInputException e) {
            return unhandled(body, e.code(), e.detail(), head, unmappable(), receivedAt);
        } catch (UnmappablePayloadException e) {
            return unhandled(body, e.reason(), e.getMessage(), head, unmappable(), receivedAt);
        } catch (RuntimeException e) {
            // A defect of the mapping itself: Flinks' data must still be kept (the class names the defect;
            // a message could quote a value).
            return unhandled(
                    body,
                    "mapping-error",
                    "The webhook could not be mapped (" + e.getClass().getSimpleName() + ").",
                    head,
                    unmappable(),
                    receivedAt);
        }
    }

    private WebhookOutcome mapObject(WebhookHead head, byte[] body, Instant receivedAt) {
        if (head.httpStatusInvalid()) {
            throw InvalidInputException.unprocessable(
                    "invalid-payload", "payload field is invalid", "HttpStatusCode must be an integer.");
        }
        String type = head.responseType();
        return switch (head.kind()) {
            case KYC ->
                new WebhookOutcome.Kyc(KycReceivedMapping.map(
                        parser.kyc(body),
                        EventIds.forPayload(KYC_RECEIVED, body).toString(),
                        userReferences.of(head.tag()),
                        receivedAt));
            case ACCOUNTS_DETAIL ->
                new WebhookOutcome.AccountsDetail(AccountsReadyMapping.map(
                        parser.accountsDetail(body),
                        AccountsDelivery.webhook(userReferences.of(head.tag()), receivedAt)));
            case FAILED_REQUEST ->
                unhandled(
                        body,
                        "failed-request",
                        "Flinks announced HTTP " + head.httpStatus() + " in a " + type + " webhook.",
                        head,
                        new Failure(WebhookFailures.FLINKS_ERROR, head.flinksCode(), head.httpStatus()),
                        receivedAt);
            case UNKNOWN_TYPE ->
                unhandled(
                        body,
                        "unknown-type",
                        type == null ? "The webhook has no ResponseType." : "ResponseType " + type + " is not mapped.",
                        head,
                        new Failure(WebhookFailures.UNKNOWN_WEBHOOK_TYPE, null, null),
                        receivedAt);
        };
    }

    private static Failure unmappable() {
        return new Failure(WebhookFailures.UNMAPPABLE_WEBHOOK, null, null);
    }

    private static WebhookOutcome.Unhandled unhandled(
            byte[] body, String reason, String detail, WebhookHead head, Failure failure, Instant receivedAt) {
        String loginId = head == null ? null : head.loginId();
        String requestId = head == null ? null : head.requestId();
        PipelineFailed failed = loginId == null || failure == null
                ? null
                : WebhookFailures.pipelineFailed(
                        body,
                        loginId,
                        requestId,
                        failure.reason(),
                        failure.flinksCode(),
                        failure.httpStatus(),
                        detail,
                        receivedAt);
        return new WebhookOutcome.Unhandled(
                EventIds.forPayload(WebhookOutcome.Unhandled.TYPE, body).toString(),
                reason,
                detail,
                head == null ? null : head.responseType(),
                loginId,
                requestId,
                failed);
    }

    /** The PipelineFailed parts a kind of defect implies. */
    private record Failure(String reason, String flinksCode, Integer httpStatus) {}
}
