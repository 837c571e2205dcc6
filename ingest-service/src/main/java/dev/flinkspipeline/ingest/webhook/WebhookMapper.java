package dev.flinkspipeline.ingest.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flinkspipeline.events.PipelineFailed;
import dev.flinkspipeline.ingest.InvalidInputException;
import dev.flinkspipeline.ingest.security.TagUserReferences;
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
 * <p>Events name their user when the webhook's {@code Tag} is one this service signed.
 */
public final class WebhookMapper {

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
        JsonNode document;
        try {
            document = parser.read(body);
        } catch (InvalidInputException e) {
            if (!authenticated) {
                throw e;
            }
            // Not JSON at all: no login can be read from it.
            return unhandled(body, e.code(), e.detail(), null, null, null, receivedAt);
        }
        if (!(document instanceof ObjectNode root)) {
            InvalidInputException e = WebhookParser.notAnObject();
            return unhandled(body, e.code(), e.detail(), null, null, null, receivedAt);
        }
        try {
            WebhookParser.requireValidUnicode(root);
        } catch (InvalidInputException e) {
            if (!authenticated) {
                throw e;
            }
            return unhandled(body, e.code(), e.detail(), WebhookParser.responseType(root), root, unmappable(),
                    receivedAt);
        }
        try {
            return mapObject(parser.classify(root), body, receivedAt);
        } catch (InvalidInputException e) {
            return unhandled(body, e.code(), e.detail(), WebhookParser.responseType(root), root, unmappable(),
                    receivedAt);
        } catch (RuntimeException e) {
            // A defect of the mapping itself: Flinks' data must still be kept (the class names the defect;
            // a message could quote a value).
            return unhandled(body, "mapping-error", "The webhook could not be mapped (" + e.getClass().getSimpleName()
                    + ").", WebhookParser.responseType(root), root, unmappable(), receivedAt);
        }
    }

    private WebhookOutcome mapObject(ParsedWebhook webhook, byte[] body, Instant receivedAt) {
        ObjectNode root = webhook.root();
        String type = webhook.responseType();
        return switch (webhook.kind()) {
            case KYC -> new WebhookOutcome.Kyc(WebhookEvents.kycReceived(root,
                    WebhookEvents.payloadEventId(WebhookEvents.KYC_RECEIVED, body), userReference(root), receivedAt));
            case ACCOUNTS_DETAIL -> new WebhookOutcome.AccountsDetail(
                    WebhookEvents.accountsReady(root, userReference(root), receivedAt));
            case FAILED_REQUEST -> unhandled(body, "failed-request",
                    "Flinks announced HTTP " + webhook.httpStatus() + " in a " + type + " webhook.", type, root,
                    new Failure(WebhookFailures.FLINKS_ERROR, WebhookEvents.flinksCodeOrNull(root),
                            webhook.httpStatus()), receivedAt);
            case UNKNOWN_TYPE -> unhandled(body, "unknown-type",
                    type == null ? "The webhook has no ResponseType." : "ResponseType " + type + " is not mapped.",
                    type, root, new Failure(WebhookFailures.UNKNOWN_WEBHOOK_TYPE, null, null), receivedAt);
        };
    }

    private String userReference(ObjectNode root) {
        return userReferences.of(WebhookEvents.tagOrNull(root));
    }

    private static Failure unmappable() {
        return new Failure(WebhookFailures.UNMAPPABLE_WEBHOOK, null, null);
    }

    private static WebhookOutcome.Unhandled unhandled(byte[] body, String reason, String detail, String responseType,
                                                      ObjectNode root, Failure failure, Instant receivedAt) {
        String loginId = root == null ? null : WebhookEvents.loginIdOrNull(root);
        String requestId = root == null ? null : WebhookEvents.requestIdOrNull(root);
        PipelineFailed failed = loginId == null || failure == null ? null
                : WebhookFailures.pipelineFailed(body, loginId, requestId, failure.reason(), failure.flinksCode(),
                        failure.httpStatus(), detail, receivedAt);
        return new WebhookOutcome.Unhandled(WebhookEvents.payloadEventId(WebhookEvents.WEBHOOK_UNHANDLED, body),
                reason, detail, responseType, loginId, requestId, failed);
    }

    /** The PipelineFailed parts a kind of defect implies. */
    private record Failure(String reason, String flinksCode, Integer httpStatus) {
    }
}
