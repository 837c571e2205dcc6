package dev.flinkspipeline.ingest.http;

import dev.flinkspipeline.events.PipelineFailed;
import dev.flinkspipeline.ingest.config.IngestConfig;
import dev.flinkspipeline.ingest.connect.ConnectEvent;
import dev.flinkspipeline.ingest.connect.ConnectFailure;
import dev.flinkspipeline.ingest.connect.ConnectFailures;
import dev.flinkspipeline.ingest.connect.ConnectSession;
import dev.flinkspipeline.ingest.kafka.OutgoingRecord;
import dev.flinkspipeline.ingest.kafka.PublishFailure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jboss.logging.Logger;

/**
 * Emits {@code PipelineFailed(CONNECT)} for a terminal Connect event. A failure naming a login binds the
 * session to it like a login does (and is refused when the session is bound to another); one without a
 * loginId binds nothing.
 */
@ApplicationScoped
public class ConnectFailurePublisher {

    private static final Logger log = Logger.getLogger(ConnectFailurePublisher.class);

    @Inject
    IngestConfig config;

    @Inject
    ConnectStore store;

    @Inject
    Clock clock;

    /**
     * @param key     the record key: the loginId, or the session's {@code connect-session:<nonce>}
     * @param loginId the event's loginId (normalised), or null
     */
    public StoreAttempt<PipelineFailed> store(
            String key, String loginId, ConnectEvent event, ConnectFailure failure, ConnectSession session) {
        Instant failedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        PipelineFailed failed = ConnectFailures.pipelineFailed(key, event, failure, session, failedAt);
        OutgoingRecord record =
                OutgoingRecord.event(config.topics().pipelineFailed(), key, failed, config.source(), failedAt);
        StoreAttempt<PipelineFailed> attempt = store.store(session, loginId, null, record, failed);
        attempt.result().whenComplete((stored, error) -> {
            if (error == null) {
                log.infof(
                        "PipelineFailed(CONNECT) acknowledged: key=%s reason=%s flow=%s eventId=%s",
                        key, failure.reason(), session.flow(), failed.getEventId());
            } else if (StoreFailure.refusal(error).isPresent()) {
                log.infof(
                        "PipelineFailed(CONNECT) refused: key=%s reason=%s",
                        key, StoreFailure.refusal(error).get().code());
            } else {
                log.warnf(
                        "PipelineFailed(CONNECT) not acknowledged: key=%s outcome=%s cause=%s",
                        key, StoreFailure.of(attempt).code(), PublishFailure.rootCause(error));
            }
        });
        return attempt;
    }
}
