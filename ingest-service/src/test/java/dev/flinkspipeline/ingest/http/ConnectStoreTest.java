package dev.flinkspipeline.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkspipeline.events.FlinksFlow;
import dev.flinkspipeline.ingest.InvalidInputException;
import dev.flinkspipeline.ingest.binding.BindingDecision;
import dev.flinkspipeline.ingest.binding.TagBindings;
import dev.flinkspipeline.ingest.connect.ConnectSession;
import dev.flinkspipeline.ingest.kafka.EventPublisher;
import dev.flinkspipeline.ingest.kafka.OutgoingRecord;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** The order of a Connect store's steps, and what a failed store may say about what was written. */
class ConnectStoreTest {

    private static final ConnectSession SESSION = new ConnectSession(
            "v2.tag", "user", FlinksFlow.STANDARD, "nonce", Instant.now().plusSeconds(600));
    private static final OutgoingRecord RECORD = new OutgoingRecord(
            "LoginReceived", "event-1", new ProducerRecord<>("flinks.login-received", "login", "value"));

    private final CompletableFuture<BindingDecision> claim = new CompletableFuture<>();
    private final CompletableFuture<Void> ack = new CompletableFuture<>();
    private final AtomicInteger sends = new AtomicInteger();
    private final ConnectStore store = new ConnectStore();

    ConnectStoreTest() {
        store.bindings = new TagBindings() {
            @Override
            public CompletableFuture<BindingDecision> claim(ConnectSession session, String loginId, String content) {
                return claim;
            }

            @Override
            public Executor executor() {
                return Runnable::run;
            }
        };
        store.publisher = new EventPublisher() {
            @Override
            public CompletableFuture<Void> publish(List<OutgoingRecord> records) {
                sends.incrementAndGet();
                return ack;
            }
        };
    }

    @Test
    void aBoundClaimIsFollowedByTheRecordAndItsAcknowledgement() {
        StoreAttempt<String> attempt = store.store(SESSION, "login", "c", RECORD, "stored");
        assertThat(sends).hasValue(0);
        claim.complete(BindingDecision.BOUND);
        assertThat(sends).hasValue(1);
        assertThat(attempt.sent()).isTrue();
        assertThat(attempt.result()).isNotDone();
        ack.complete(null);
        assertThat(attempt.result()).isCompletedWithValue("stored");
    }

    @Test
    void aStoreAnsweredBeforeItsClaimWasDecidedNeverSendsItsRecord() {
        StoreAttempt<String> attempt = store.store(SESSION, "login", "c", RECORD, "stored");
        // the answer's timeout: "not stored"
        attempt.result().completeExceptionally(new TimeoutException());
        assertThat(StoreFailure.of(attempt)).isEqualTo(StoreFailure.NOT_STORED);
        claim.complete(BindingDecision.BOUND);
        assertThat(sends).as("nothing may land after a not-stored answer").hasValue(0);
    }

    @Test
    void aStoreAnsweredAfterItsRecordWentOutMayStillBeStored() {
        StoreAttempt<String> attempt = store.store(SESSION, "login", "c", RECORD, "stored");
        claim.complete(BindingDecision.BOUND);
        attempt.result().completeExceptionally(new TimeoutException());
        assertThat(StoreFailure.of(attempt)).isEqualTo(StoreFailure.UNCONFIRMED);
    }

    @Test
    void aRefusedClaimWritesNothingAndFailsWithItsProblem() {
        StoreAttempt<String> attempt = store.store(SESSION, "other-login", "c", RECORD, "stored");
        claim.complete(BindingDecision.OTHER_LOGIN);
        assertThat(sends).hasValue(0);
        assertThat(attempt.result()).isCompletedExceptionally();
        InvalidInputException refusal = StoreFailure.refusal(
                        attempt.result().handle((v, e) -> e).join())
                .orElseThrow();
        assertThat(refusal.status()).isEqualTo(409);
        assertThat(refusal.code()).isEqualTo("tag-already-used");
    }

    @Test
    void aClaimThatCouldNotBeWrittenIsNotStored() {
        StoreAttempt<String> attempt = store.store(SESSION, "login", "c", RECORD, "stored");
        claim.completeExceptionally(new IllegalStateException("no broker"));
        assertThat(attempt.result()).isCompletedExceptionally();
        assertThat(StoreFailure.refusal(attempt.result().handle((v, e) -> e).join()))
                .isEmpty();
        assertThat(StoreFailure.of(attempt)).isEqualTo(StoreFailure.NOT_STORED);
        assertThat(sends).hasValue(0);
    }

    @Test
    void aRecordTheProducerRefusesAtOnceIsNotStored() {
        store.publisher = new EventPublisher() {
            @Override
            public CompletableFuture<Void> publish(List<OutgoingRecord> records) {
                throw new IllegalStateException("no metadata within max.block.ms");
            }
        };
        StoreAttempt<String> attempt = store.store(SESSION, "login", "c", RECORD, "stored");
        claim.complete(BindingDecision.BOUND);
        assertThat(attempt.result()).isCompletedExceptionally();
        assertThat(StoreFailure.of(attempt)).isEqualTo(StoreFailure.NOT_STORED);
    }

    @Test
    void aFailureWithoutALoginClaimsNothing() {
        StoreAttempt<String> attempt = store.store(SESSION, null, null, RECORD, "stored");
        assertThat(sends).as("no claim to wait for").hasValue(1);
        ack.complete(null);
        assertThat(attempt.result()).isCompletedWithValue("stored");
    }
}
