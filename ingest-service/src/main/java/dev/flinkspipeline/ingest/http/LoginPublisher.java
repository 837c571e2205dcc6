package dev.flinkspipeline.ingest.http;

import dev.flinkspipeline.events.LoginReceived;
import dev.flinkspipeline.events.LoginSource;
import dev.flinkspipeline.ingest.config.IngestConfig;
import dev.flinkspipeline.ingest.connect.ConnectLogin;
import dev.flinkspipeline.ingest.connect.LoginEvents;
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

/** Emits {@code LoginReceived} for a validated Connect login and answers once Kafka acknowledged it. */
@ApplicationScoped
public class LoginPublisher {

    private static final Logger log = Logger.getLogger(LoginPublisher.class);

    @Inject
    IngestConfig config;
    @Inject
    EventPublisher publisher;
    @Inject
    Clock clock;

    public void publish(HttpServletRequest request, ConnectLogin login, LoginSource via,
                        Function<LoginReceived, AsyncReply.Answer> onAcked, Function<Throwable, AsyncReply.Answer> onFailure) {
        Instant receivedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        LoginReceived event = LoginEvents.loginReceived(login, via, receivedAt);
        OutgoingRecord record = OutgoingRecord.event(config.topics().loginReceived(), login.loginId(), event,
                config.source(), receivedAt);
        Supplier<AsyncReply.Answer> acked = () -> {
            log.infof("LoginReceived acknowledged: loginId=%s via=%s flow=%s eventId=%s", login.loginId(), via,
                    login.flow(), event.getEventId());
            return onAcked.apply(event);
        };
        AsyncReply.await(request, config.connect().ackTimeout(), () -> publisher.publish(List.of(record)), acked,
                error -> {
                    log.warnf("LoginReceived not acknowledged: loginId=%s via=%s cause=%s", login.loginId(), via,
                            PublishFailure.rootCause(error));
                    return onFailure.apply(error);
                });
    }
}
