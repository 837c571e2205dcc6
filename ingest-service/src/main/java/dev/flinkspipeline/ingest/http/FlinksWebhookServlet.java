package dev.flinkspipeline.ingest.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.ingest.InvalidInputException;
import dev.flinkspipeline.ingest.config.IngestConfig;
import dev.flinkspipeline.ingest.kafka.EventPublisher;
import dev.flinkspipeline.ingest.kafka.OutgoingRecord;
import dev.flinkspipeline.ingest.kafka.PublishFailure;
import dev.flinkspipeline.ingest.metrics.IngestMetrics;
import dev.flinkspipeline.ingest.security.WebhookSignatureVerifier;
import dev.flinkspipeline.ingest.webhook.WebhookMapper;
import dev.flinkspipeline.ingest.webhook.WebhookOutcome;
import dev.flinkspipeline.schemas.snapshot.AccountsReadySplitter;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * {@code POST /webhooks/flinks}: a Flinks webhook becomes an event on Kafka, and Flinks gets 200 only
 * once Kafka acknowledged it (acks=all). When Kafka does not acknowledge within the ack timeout the
 * answer is 503 with {@code Retry-After}, so Flinks delivers again (the same body yields the same
 * eventIds). Steps: content type, body within the limit (streamed), HMAC, mapping, Kafka. Once the
 * signature verified, nothing in the content refuses the webhook: what cannot be mapped is kept raw
 * with the login's {@code PipelineFailed} (see {@link WebhookMapper}).
 *
 * <p>{@code POST /webhooks/flinks/baseline} (only with {@code ingest.webhook.baseline-enabled}) does all
 * of it except Kafka, for the benchmark.
 */
@WebServlet(
        name = "flinks-webhook",
        urlPatterns = {"/webhooks/flinks", "/webhooks/flinks/baseline"},
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
    WebhookMapper mapper;

    @Inject
    EventPublisher publisher;

    @Inject
    AccountsReadySplitter splitter;

    @Inject
    IngestMetrics metrics;

    @Inject
    Clock clock;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean baseline = request.getServletPath().endsWith("/baseline")
                || request.getRequestURI().endsWith("/baseline");
        if (baseline && !config.webhook().baselineEnabled()) {
            new Problem(404, "not-found", "not found", "No such endpoint.").writeTo(response);
            return;
        }
        Instant receivedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Mapped mapped;
        try {
            mapped = accept(request, receivedAt);
        } catch (InvalidInputException e) {
            metrics.request(ENDPOINT, IngestMetrics.REJECTED, e.code());
            log.infof("webhook rejected: %s (%d)", e.code(), e.status());
            Problem.of(e).writeTo(response);
            return;
        }
        Accepted accepted;
        try {
            accepted = new Accepted(mapped.outcome(), records(mapped.outcome(), mapped.body(), receivedAt));
        } catch (RuntimeException e) {
            // Encoding needs the schema's id from the registry: unreachable, it is answered as Kafka would be.
            failed(response, mapped.outcome(), e);
            return;
        }
        if (baseline) {
            metrics.request(ENDPOINT + "_baseline", IngestMetrics.ACCEPTED, IngestMetrics.NONE);
            Http.json(response, 200, accepted.answerBody());
            return;
        }
        AsyncReply.await(
                request,
                config.webhook().ackTimeout(),
                () -> publisher.publish(accepted.records()),
                () -> resp -> {
                    acknowledged(accepted);
                    Http.json(resp, 200, accepted.answerBody());
                },
                error -> resp -> failed(resp, accepted.outcome(), error));
    }

    private void acknowledged(Accepted accepted) {
        String reason = accepted.unhandledReason();
        metrics.request(ENDPOINT, IngestMetrics.ACCEPTED, reason == null ? IngestMetrics.NONE : reason);
        if (reason == null) {
            log.infof(
                    "webhook %s acknowledged: loginId=%s requestId=%s eventId=%s records=%d",
                    accepted.record().type(),
                    accepted.loginId(),
                    accepted.requestId(),
                    accepted.eventId(),
                    accepted.records().size());
            return;
        }
        metrics.webhookUnhandled(reason, accepted.loginId() != null);
        if (accepted.loginId() == null) {
            // No login to report the failure on: the raw record and this line are all there is.
            log.warnf(
                    "webhook kept unhandled (%s) without a loginId: eventId=%s",
                    reason, accepted.record().eventId());
        } else {
            log.infof(
                    "webhook kept unhandled (%s), PipelineFailed emitted: loginId=%s requestId=%s eventId=%s "
                            + "failureEventId=%s",
                    reason,
                    accepted.loginId(),
                    accepted.requestId(),
                    accepted.record().eventId(),
                    accepted.records().get(1).eventId());
        }
    }

    private void failed(HttpServletResponse response, WebhookOutcome outcome, Throwable error) throws IOException {
        String loginId = outcome.loginId();
        String requestId = Accepted.requestIdOf(outcome);
        PublishFailure failure = PublishFailure.of(error);
        if (failure == PublishFailure.TOO_LARGE) {
            metrics.request(ENDPOINT, IngestMetrics.REJECTED, "record-too-large");
            log.warnf("webhook too large for Kafka: loginId=%s requestId=%s", loginId, requestId);
            new Problem(
                            413,
                            "record-too-large",
                            "event too large",
                            "The event exceeds the Kafka record size limit (max.request.size / max.message.bytes).")
                    .writeTo(response);
            return;
        }
        String reason = failure == PublishFailure.TIMEOUT ? "kafka-timeout" : "kafka-unavailable";
        metrics.request(ENDPOINT, IngestMetrics.UNAVAILABLE, reason);
        log.warnf(
                "webhook not acknowledged (%s, answering 503): loginId=%s requestId=%s cause=%s",
                reason, loginId, requestId, PublishFailure.rootCause(error));
        Http.unavailable(
                response,
                config.webhook().retryAfter(),
                reason,
                "event not stored",
                "Kafka did not acknowledge the event in time; deliver the webhook again later.");
    }

    /** Every check and the mapping; throws {@link InvalidInputException} for a refused request. */
    private Mapped accept(HttpServletRequest request, Instant receivedAt) {
        Http.requireJson(request);
        byte[] body = Http.body(request, config.webhook().maxBodySize().asLongValue());
        String signature = request.getHeader(WebhookSignatureVerifier.HEADER);
        if (signature == null) {
            signature = request.getHeader(WebhookSignatureVerifier.ALTERNATE_HEADER);
        }
        WebhookSignatureVerifier.Result verified = verifier.verify(body, signature);
        switch (verified) {
            case MISSING ->
                throw new InvalidInputException(
                        401,
                        "missing-signature",
                        "signature missing",
                        "The " + WebhookSignatureVerifier.HEADER + " header is required.");
            case INVALID ->
                throw new InvalidInputException(
                        401,
                        "invalid-signature",
                        "signature does not verify",
                        "The " + WebhookSignatureVerifier.HEADER + " header is not the HMAC-SHA256 of the body.");
            case VALID, DISABLED -> {}
        }
        return new Mapped(mapper.map(body, verified == WebhookSignatureVerifier.Result.VALID, receivedAt), body);
    }

    private List<OutgoingRecord> records(WebhookOutcome outcome, byte[] body, Instant receivedAt) {
        String source = config.source();
        IngestConfig.Topics topics = config.topics();
        if (outcome instanceof WebhookOutcome.Kyc kyc) {
            return List.of(OutgoingRecord.event(topics.kycReceived(), kyc.loginId(), kyc.event(), source, receivedAt));
        }
        if (outcome instanceof WebhookOutcome.AccountsDetail accounts) {
            OutgoingRecord whole = OutgoingRecord.event(
                    topics.accountsReady(), accounts.loginId(), accounts.event(), source, receivedAt);
            // Encoded once: the bytes measured against the record size limit are the bytes sent.
            byte[] value = publisher.encode(whole);
            if (value.length <= splitter.maxRecordBytes()) {
                return List.of(whole.encodedAs(value));
            }
            // A snapshot larger than one record goes as ordered parts, same key, all in this one publish: the
            // 200 waits for every part, and a redelivery writes the same parts (same eventIds) again.
            List<OutgoingRecord> records = new ArrayList<>();
            for (AccountsReady part : parts(accounts.event())) {
                records.add(OutgoingRecord.event(topics.accountsReady(), accounts.loginId(), part, source, receivedAt));
            }
            return records;
        }
        WebhookOutcome.Unhandled unhandled = (WebhookOutcome.Unhandled) outcome;
        OutgoingRecord raw = OutgoingRecord.rawWebhook(
                topics.webhookUnhandled(),
                unhandled.loginId(),
                body,
                WebhookOutcome.Unhandled.TYPE,
                unhandled.eventId(),
                unhandled.responseType(),
                unhandled.reason(),
                unhandled.detail(),
                source,
                receivedAt);
        if (unhandled.failure() == null) {
            return List.of(raw);
        }
        // Both in one publish: the 200 waits for the raw bytes and the login's failure alike.
        return List.of(
                raw,
                OutgoingRecord.event(
                        topics.pipelineFailed(), unhandled.loginId(), unhandled.failure(), source, receivedAt));
    }

    private List<AccountsReady> parts(AccountsReady event) {
        try {
            return splitter.split(event);
        } catch (IllegalArgumentException e) {
            // A limit too small for even one transaction: Kafka answers for the record as it is (413 if too large).
            log.warnf(
                    "webhook AccountsReady cannot be cut into parts: loginId=%s requestId=%s: %s",
                    event.getLoginId(), Http.loggable(event.getRequestId()), e.getMessage());
            return List.of(event);
        }
    }

    /** A webhook that passed every check, mapped, and its body. */
    private record Mapped(WebhookOutcome outcome, byte[] body) {}

    /** A webhook that passed every check, with the records it becomes (the first is the one answered). */
    private record Accepted(WebhookOutcome outcome, List<OutgoingRecord> records) {

        OutgoingRecord record() {
            return records.get(0);
        }

        String loginId() {
            return outcome.loginId();
        }

        String requestId() {
            return requestIdOf(outcome);
        }

        static String requestIdOf(WebhookOutcome outcome) {
            if (outcome instanceof WebhookOutcome.Kyc kyc) {
                return Http.loggable(kyc.event().getRequestId());
            }
            if (outcome instanceof WebhookOutcome.AccountsDetail accounts) {
                return Http.loggable(accounts.event().getRequestId());
            }
            return ((WebhookOutcome.Unhandled) outcome).requestId();
        }

        /** The unhandled reason, null for a mapped webhook. */
        String unhandledReason() {
            return outcome instanceof WebhookOutcome.Unhandled unhandled ? unhandled.reason() : null;
        }

        /** The answered eventId: for accounts the snapshot's, whether it went as one record or as parts. */
        String eventId() {
            return outcome instanceof WebhookOutcome.AccountsDetail accounts
                    ? accounts.event().getEventId()
                    : record().eventId();
        }

        ObjectNode answerBody() {
            ObjectNode body = Http.object()
                    .put("status", "accepted")
                    .put("eventId", eventId())
                    .put("type", record().type());
            if (outcome instanceof WebhookOutcome.AccountsDetail && records.size() > 1) {
                body.put("parts", records.size());
            }
            return unhandledReason() == null ? body : body.put("reason", unhandledReason());
        }
    }
}
