package dev.flinkspipeline.ingest.http;

import dev.flinkspipeline.ingest.binding.BindingDecision;
import dev.flinkspipeline.ingest.binding.TagBindings;
import dev.flinkspipeline.ingest.connect.ConnectSession;
import dev.flinkspipeline.ingest.kafka.EventPublisher;
import dev.flinkspipeline.ingest.kafka.OutgoingRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Stores one Connect outcome: first the session's binding to the login (when the outcome names one and the
 * session is signed), then the record. A session bound to another login, or to this login with other
 * content, fails the store with a 409 refusal and writes nothing.
 */
@ApplicationScoped
public class ConnectStore {

    @Inject
    TagBindings bindings;

    @Inject
    EventPublisher publisher;

    /**
     * @param loginId the login the outcome names, or null (a failure before Connect issued one: no claim)
     * @param content the LoginReceived content fingerprint, or null
     * @param value   what the result completes with once the record is acknowledged
     */
    public <T> StoreAttempt<T> store(
            ConnectSession session, String loginId, String content, OutgoingRecord record, T value) {
        StoreAttempt<T> attempt = new StoreAttempt<>();
        CompletableFuture<BindingDecision> claimed = loginId == null
                ? CompletableFuture.completedFuture(BindingDecision.BOUND)
                : bindings.claim(session, loginId, content);
        claimed.whenCompleteAsync(
                (decision, error) -> {
                    if (error != null) {
                        attempt.result().completeExceptionally(error);
                    } else if (!decision.bound()) {
                        attempt.result().completeExceptionally(decision.refusal());
                    } else {
                        send(attempt, record, value);
                    }
                },
                bindings.executor());
        return attempt;
    }

    private <T> void send(StoreAttempt<T> attempt, OutgoingRecord record, T value) {
        // Marked before the check: an answer given from now on says "may be stored", one given before it
        // said "not stored", and then the record must not go out.
        attempt.markSent(true);
        if (attempt.result().isDone()) {
            return;
        }
        try {
            publisher.publish(List.of(record)).whenComplete((ok, error) -> {
                if (error == null) {
                    attempt.result().complete(value);
                } else {
                    attempt.result().completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) {
            attempt.markSent(false); // refused before it reached the producer: certainly not stored
            attempt.result().completeExceptionally(e);
        }
    }
}
