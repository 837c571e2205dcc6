package dev.flinkspipeline.ingest.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flinkspipeline.ingest.InvalidInputException;
import dev.flinkspipeline.ingest.config.IngestConfig;
import dev.flinkspipeline.ingest.kafka.EventPublisher;
import dev.flinkspipeline.ingest.kafka.OutgoingRecord;
import dev.flinkspipeline.ingest.kafka.PublishFailure;
import dev.flinkspipeline.ingest.metrics.IngestMetrics;
import dev.flinkspipeline.ingest.security.WebhookSignatureVerifier;
import dev.flinkspipeline.ingest.webhook.ParsedWebhook;
import dev.flinkspipeline.ingest.webhook.WebhookEvents;
import dev.flinkspipeline.ingest.webhook.WebhookKind;
import dev.flinkspipeline.ingest.webhook.WebhookParser;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * {@code POST /webhooks/flinks}: a Flinks webhook becomes an event on Kafka, and Flinks gets 200 only
 * once Kafka acknowledged it (acks=all). When Kafka does not acknowledge within the ack timeout the
 * answer is 503 with {@code Retry-After}, so Flinks delivers again (the same body yields the same
 * eventId). Steps: content type, body within the limit (streamed), HMAC, JSON, mapping, Kafka.
 *
 * <p>{@code POST /webhooks/flinks/baseline} (only with {@code ingest.webhook.baseline-enabled}) does all
 * of it except Kafka, for the benchmark.
 */
@WebServlet(name = "flinks-webhook", urlPatterns = {"/webhooks/flinks", "/webhooks/flinks/baseline"},
        asyncSupported = true)
public class FlinksWebhookServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger log = Logger.getLogger(FlinksWebhookServlet.class);
    static final String ENDPOINT = "webhook";

    @Inject
    IngestConfig config;
    @Inject
    WebhookSignatureVerifier verifier;
    @Inject
    EventPublisher publisher;
    @Inject
    IngestMetrics metrics;
    @Inject
    Clock clock;

    private final WebhookParser parser = new WebhookParser();

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean baseline = request.getServletPath().endsWith("/baseline") || request.getRequestURI().endsWith("/baseline");
        if (baseline && !config.webhook().baselineEnabled()) {
            new Problem(404, "not-found", "not found", "No such endpoint.").writeTo(response);
            return;
        }
        Instant receivedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Accepted accepted;
        try {
            accepted = accept(request, receivedAt);
        } catch (InvalidInputException e) {
            metrics.request(ENDPOINT, IngestMetrics.REJECTED, e.code());
            log.infof("webhook rejected: %s (%d)", e.code(), e.status());
            Problem.of(e).writeTo(response);
            return;
        }
        if (baseline) {
            metrics.request(ENDPOINT + "_baseline", IngestMetrics.ACCEPTED, IngestMetrics.NONE);
            Http.json(response, 200, accepted.answerBody());
            return;
        }
        AsyncReply.await(request, config.webhook().ackTimeout(),
                () -> publisher.publish(List.of(accepted.record())),
                () -> resp -> {
                    metrics.request(ENDPOINT, IngestMetrics.ACCEPTED, accepted.reason());
                    log.infof("webhook %s acknowledged: loginId=%s requestId=%s eventId=%s", accepted.responseType(),
                            accepted.loginId(), accepted.requestId(), accepted.record().eventId());
                    Http.json(resp, 200, accepted.answerBody());
                },
                error -> resp -> failed(resp, accepted, error));
    }

    private void failed(HttpServletResponse response, Accepted accepted, Throwable error) throws IOException {
        PublishFailure failure = PublishFailure.of(error);
        if (failure == PublishFailure.TOO_LARGE) {
            metrics.request(ENDPOINT, IngestMetrics.REJECTED, "record-too-large");
            log.warnf("webhook too large for Kafka: loginId=%s requestId=%s", accepted.loginId(), accepted.requestId());
            new Problem(413, "record-too-large", "event too large",
                    "The event exceeds the Kafka record size limit (max.request.size / max.message.bytes).")
                    .writeTo(response);
            return;
        }
        String reason = failure == PublishFailure.TIMEOUT ? "kafka-timeout" : "kafka-unavailable";
        metrics.request(ENDPOINT, IngestMetrics.UNAVAILABLE, reason);
        log.warnf("webhook not acknowledged (%s, answering 503): loginId=%s requestId=%s cause=%s", reason,
                accepted.loginId(), accepted.requestId(), PublishFailure.rootCause(error));
        Http.unavailable(response, config.webhook().retryAfter(), reason, "event not stored",
                "Kafka did not acknowledge the event in time; deliver the webhook again later.");
    }

    /** Everything before Kafka; throws {@link InvalidInputException} for a refused request. */
    private Accepted accept(HttpServletRequest request, Instant receivedAt) throws IOException {
        Http.requireJson(request);
        byte[] body = Http.body(request, config.webhook().maxBodySize().asLongValue());
        String signature = request.getHeader(WebhookSignatureVerifier.HEADER);
        if (signature == null) {
            signature = request.getHeader(WebhookSignatureVerifier.ALTERNATE_HEADER);
        }
        switch (verifier.verify(body, signature)) {
            case MISSING -> throw new InvalidInputException(401, "missing-signature", "signature missing",
                    "The " + WebhookSignatureVerifier.HEADER + " header is required.");
            case INVALID -> throw new InvalidInputException(401, "invalid-signature", "signature does not verify",
                    "The " + WebhookSignatureVerifier.HEADER + " header is not the HMAC-SHA256 of the body.");
            case VALID, DISABLED -> { }
        }
        ParsedWebhook webhook = parser.parse(body);
        String eventId = WebhookEvents.eventId(webhook.kind(), body);
        String source = config.source();
        IngestConfig.Topics topics = config.topics();
        return switch (webhook.kind()) {
            case ACCOUNTS_DETAIL -> {
                var event = WebhookEvents.accountsReady(webhook.root(), eventId, receivedAt);
                yield accepted(webhook, event.getLoginId(), event.getRequestId(),
                        OutgoingRecord.event(topics.accountsReady(), event.getLoginId(), event, source, receivedAt));
            }
            case KYC -> {
                var event = WebhookEvents.kycReceived(webhook.root(), eventId, receivedAt);
                yield accepted(webhook, event.getLoginId(), event.getRequestId(),
                        OutgoingRecord.event(topics.kycReceived(), event.getLoginId(), event, source, receivedAt));
            }
            case UNHANDLED -> {
                String loginId = WebhookEvents.loginIdOrNull(webhook.root());
                yield accepted(webhook, loginId, requestIdOf(webhook.root()),
                        OutgoingRecord.rawWebhook(topics.webhookUnhandled(), loginId, body,
                                WebhookEvents.WEBHOOK_UNHANDLED, eventId, webhook.responseType(), source, receivedAt));
            }
        };
    }

    private static Accepted accepted(ParsedWebhook webhook, String loginId, String requestId, OutgoingRecord record) {
        return new Accepted(webhook.kind(), webhook.responseType(), loginId, Http.loggable(requestId), record);
    }

    private static String requestIdOf(ObjectNode root) {
        var node = root.get("RequestId");
        return node != null && node.isTextual() ? node.textValue() : null;
    }

    /** A webhook that passed every check, with the one record it becomes. */
    private record Accepted(WebhookKind kind, String responseType, String loginId, String requestId,
                            OutgoingRecord record) {

        String reason() {
            return kind == WebhookKind.UNHANDLED ? "unhandled-type" : IngestMetrics.NONE;
        }

        ObjectNode answerBody() {
            return Http.object().put("status", "accepted").put("eventId", record.eventId())
                    .put("type", record.type());
        }
    }
}
