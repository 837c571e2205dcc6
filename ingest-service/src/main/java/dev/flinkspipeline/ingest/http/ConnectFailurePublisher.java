package dev.flinkspipeline.ingest.http;

import dev.flinkspipeline.events.PipelineFailed;
import dev.flinkspipeline.ingest.config.IngestConfig;
import dev.flinkspipeline.ingest.connect.ConnectEvent;
import dev.flinkspipeline.ingest.connect.ConnectFailure;
import dev.flinkspipeline.ingest.connect.ConnectFailures;
import dev.flinkspipeline.ingest.connect.ConnectSession;
import dev.flinkspipeline.ingest.kafka.EventPublisher;
import dev.flinkspipeline.ingest.kafka.OutgoingRecord;
import dev.flinkspipeline.ingest.kafka.PublishFailure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/** Emits {@code PipelineFailed(CONNECT)} for a terminal Connect event and answers once Kafka acknowledged it. */
@ApplicationScoped
public class ConnectFailurePublisher {

    private static final Logger log = Logger.getLogger(ConnectFailurePublisher.class);

    @Inject
    IngestConfig config;
    @Inject
    EventPublisher publisher;
    @Inject
    Clock clock;

    /** @param key the record key: the loginId, or the session's {@code connect-session:<nonce>} */
    public void publish(HttpServletRequest request, String key, ConnectEvent event, ConnectFailure failure,
                        ConnectSession session, Function<PipelineFailed, AsyncReply.Answer> onAcked,
                        Function<Throwable, AsyncReply.Answer> onFailure) {
        Instant failedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        PipelineFailed failed = ConnectFailures.pipelineFailed(key, event, failure, session, failedAt);
        OutgoingRecord record = OutgoingRecord.event(config.topics().pipelineFailed(), key, failed, config.source(),
                failedAt);
        Supplier<AsyncReply.Answer> acked = () -> {
            log.infof("PipelineFailed(CONNECT) acknowledged: key=%s reason=%s flow=%s eventId=%s", key,
                    failure.reason(), session.flow(), failed.getEventId());
            return onAcked.apply(failed);
        };
        AsyncReply.await(request, config.connect().ackTimeout(), () -> publisher.publish(List.of(record)), acked,
                error -> {
                    log.warnf("PipelineFailed(CONNECT) not acknowledged: key=%s cause=%s", key,
                            PublishFailure.rootCause(error));
                    return onFailure.apply(error);
                });
    }
}
