package dev.flinkspipeline.ingest.http;

import dev.flinkspipeline.events.LoginReceived;
import dev.flinkspipeline.events.LoginSource;
import dev.flinkspipeline.ingest.config.IngestConfig;
import dev.flinkspipeline.ingest.connect.ConnectLogin;
import dev.flinkspipeline.ingest.connect.LoginEvents;
import dev.flinkspipeline.ingest.kafka.OutgoingRecord;
import dev.flinkspipeline.ingest.kafka.PublishFailure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jboss.logging.Logger;

/**
 * Emits {@code LoginReceived} for a validated Connect login, once its session is bound to the login: the
 * first login that presents a tag binds it, the same login again is a repeat (same eventId), any other is
 * refused.
 */
@ApplicationScoped
public class LoginPublisher {

    private static final Logger log = Logger.getLogger(LoginPublisher.class);

    @Inject
    IngestConfig config;

    @Inject
    ConnectStore store;

    @Inject
    Clock clock;

    public StoreAttempt<LoginReceived> store(ConnectLogin login, LoginSource via) {
        Instant receivedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        LoginReceived event = LoginEvents.loginReceived(login, via, receivedAt);
        OutgoingRecord record = OutgoingRecord.event(
                config.topics().loginReceived(), login.loginId(), event, config.source(), receivedAt);
        StoreAttempt<LoginReceived> attempt =
                store.store(login.session(), login.loginId(), LoginEvents.content(login), record, event);
        attempt.result().whenComplete((stored, error) -> {
            if (error == null) {
                log.infof(
                        "LoginReceived acknowledged: loginId=%s via=%s flow=%s eventId=%s",
                        login.loginId(), via, login.flow(), event.getEventId());
            } else if (StoreFailure.refusal(error).isPresent()) {
                log.infof(
                        "LoginReceived refused: loginId=%s via=%s eventId=%s reason=%s",
                        login.loginId(),
                        via,
                        event.getEventId(),
                        StoreFailure.refusal(error).get().code());
            } else {
                log.warnf(
                        "LoginReceived not acknowledged: loginId=%s via=%s eventId=%s outcome=%s cause=%s",
                        login.loginId(),
                        via,
                        event.getEventId(),
                        StoreFailure.of(attempt).code(),
                        PublishFailure.rootCause(error));
            }
        });
        return attempt;
    }
}
