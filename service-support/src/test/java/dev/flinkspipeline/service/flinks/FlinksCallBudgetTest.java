package dev.flinkspipeline.service.flinks;

import static dev.flinkspipeline.service.flinks.FlinksCallBudget.Lane.HIGH;
import static dev.flinkspipeline.service.flinks.FlinksCallBudget.Lane.NORMAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FlinksCallBudgetTest {

    @Test
    void neverRunsMoreCallsThanTheInFlightLimit() {
        try (FlinksCallBudget budget = new FlinksCallBudget(new FlinksCallBudget.Settings(3, 0, 1, 1_000_000))) {
            List<CompletableFuture<Integer>> calls = new ArrayList<>();
            AtomicInteger startedCalls = new AtomicInteger();
            List<CompletableFuture<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                CompletableFuture<Integer> call = new CompletableFuture<>();
                calls.add(call);
                results.add(budget.submit(NORMAL, () -> {
                    startedCalls.incrementAndGet();
                    return call;
                }));
            }
            assertThat(startedCalls).hasValue(3);
            assertThat(budget.inFlight()).isEqualTo(3);
            assertThat(budget.queued()).isEqualTo(7);

            for (int i = 0; i < 10; i++) {
                calls.get(i).complete(i);
                assertThat(budget.inFlight()).isLessThanOrEqualTo(3);
            }
            assertThat(startedCalls).hasValue(10);
            assertThat(results).allSatisfy(r -> assertThat(r).isDone());
            assertThat(results.get(9).join()).isEqualTo(9);
            assertThat(budget.inFlight()).isZero();
        }
    }

    @Test
    void waitingHighLaneCallsStartBeforeWaitingNormalOnesEachLaneInOrder() {
        try (FlinksCallBudget budget = new FlinksCallBudget(new FlinksCallBudget.Settings(1, 0, 1, 1_000_000))) {
            CompletableFuture<String> gate = new CompletableFuture<>();
            budget.submit(NORMAL, () -> gate);
            List<String> order = new ArrayList<>();
            for (String name : List.of("login-1", "login-2")) {
                budget.submit(NORMAL, () -> {
                    order.add(name);
                    return CompletableFuture.completedFuture(name);
                });
            }
            for (String name : List.of("poll-1", "poll-2")) {
                budget.submit(HIGH, () -> {
                    order.add(name);
                    return CompletableFuture.completedFuture(name);
                });
            }
            assertThat(budget.queued(HIGH)).isEqualTo(2);
            assertThat(budget.queued(NORMAL)).isEqualTo(2);
            assertThat(budget.queued()).isEqualTo(4);

            gate.complete("first");

            assertThat(order).containsExactly("poll-1", "poll-2", "login-1", "login-2");
            assertThat(budget.queued()).isZero();
        }
    }

    @Test
    void theQueueBoundCountsBothLanes() {
        try (FlinksCallBudget budget = new FlinksCallBudget(new FlinksCallBudget.Settings(1, 0, 1, 2))) {
            budget.submit(NORMAL, CompletableFuture::new);
            budget.submit(HIGH, CompletableFuture::new);
            budget.submit(NORMAL, CompletableFuture::new);
            assertThat(budget.submit(HIGH, CompletableFuture::new)).isCompletedExceptionally();
        }
    }

    @Test
    void synchronousCallsDoNotRecurseThroughTheQueue() {
        try (FlinksCallBudget budget = new FlinksCallBudget(new FlinksCallBudget.Settings(1, 0, 1, 1_000_000))) {
            CompletableFuture<Integer> gate = new CompletableFuture<>();
            CompletableFuture<Integer> first = budget.submit(NORMAL, () -> gate);
            List<CompletableFuture<Integer>> rest = new ArrayList<>();
            for (int i = 0; i < 50_000; i++) {
                int n = i;
                rest.add(budget.submit(NORMAL, () -> CompletableFuture.completedFuture(n)));
            }
            gate.complete(-1);
            assertThat(first.join()).isEqualTo(-1);
            assertThat(rest.get(49_999).join()).isEqualTo(49_999);
            assertThat(budget.started()).isEqualTo(50_001);
        }
    }

    @Test
    void startsNoMoreThanTheBucketAllowsUntilTimePasses() {
        AtomicLong now = new AtomicLong(1_000_000_000L);
        // 100 per second: one token every 10 ms of the (fake) clock.
        try (FlinksCallBudget budget =
                new FlinksCallBudget(new FlinksCallBudget.Settings(100, 100, 2, 100), now::get)) {
            List<CompletableFuture<String>> results = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                results.add(budget.submit(NORMAL, () -> CompletableFuture.completedFuture("ok")));
            }
            assertThat(budget.started()).isEqualTo(2);
            // The timer fires on real time but the fake clock has not moved: still no token.
            await().pollDelay(Duration.ofMillis(50))
                    .atMost(Duration.ofSeconds(2))
                    .untilAsserted(() -> assertThat(budget.started()).isEqualTo(2));

            now.addAndGet(Duration.ofMillis(10).toNanos());
            await().atMost(Duration.ofSeconds(2)).until(() -> budget.started() == 3);
            now.addAndGet(Duration.ofSeconds(1).toNanos());
            await().atMost(Duration.ofSeconds(2)).until(() -> budget.started() == 5);
            assertThat(results).allSatisfy(r -> assertThat(r.join()).isEqualTo("ok"));
        }
    }

    @Test
    void aFullBucketHoldsOnlyTheBurst() {
        AtomicLong now = new AtomicLong(0);
        try (FlinksCallBudget budget = new FlinksCallBudget(new FlinksCallBudget.Settings(100, 10, 3, 100), now::get)) {
            now.addAndGet(Duration.ofHours(1).toNanos());
            for (int i = 0; i < 10; i++) {
                budget.submit(NORMAL, () -> CompletableFuture.completedFuture(1));
            }
            assertThat(budget.started()).isEqualTo(3);
        }
    }

    @Test
    void aFailingCallFreesItsPermitAndReportsTheFailure() {
        try (FlinksCallBudget budget = new FlinksCallBudget(new FlinksCallBudget.Settings(1, 0, 1, 1_000_000))) {
            CompletableFuture<Object> thrown = budget.submit(NORMAL, () -> {
                throw new IllegalStateException("boom");
            });
            CompletableFuture<Object> failed =
                    budget.submit(NORMAL, () -> CompletableFuture.failedFuture(new RuntimeException("down")));
            CompletableFuture<String> next = budget.submit(NORMAL, () -> CompletableFuture.completedFuture("next"));
            assertThat(thrown).isCompletedExceptionally();
            assertThat(failed).isCompletedExceptionally();
            assertThat(next.join()).isEqualTo("next");
            assertThat(budget.inFlight()).isZero();
        }
    }

    @Test
    void aCancelledWaitingCallNeverStarts() {
        try (FlinksCallBudget budget = new FlinksCallBudget(new FlinksCallBudget.Settings(1, 0, 1, 1_000_000))) {
            CompletableFuture<String> gate = new CompletableFuture<>();
            budget.submit(NORMAL, () -> gate);
            AtomicInteger startedLater = new AtomicInteger();
            CompletableFuture<String> waiting = budget.submit(NORMAL, () -> {
                startedLater.incrementAndGet();
                return CompletableFuture.completedFuture("x");
            });
            waiting.cancel(false);
            gate.complete("done");
            assertThat(startedLater).hasValue(0);
            assertThat(budget.queued()).isZero();
        }
    }

    @Test
    void rejectsBeyondTheQueueBoundAndAfterClose() {
        FlinksCallBudget budget = new FlinksCallBudget(new FlinksCallBudget.Settings(1, 0, 1, 1));
        budget.submit(NORMAL, CompletableFuture::new); // runs forever
        CompletableFuture<Object> queued = budget.submit(NORMAL, CompletableFuture::new);
        assertThat(budget.submit(NORMAL, CompletableFuture::new))
                .failsWithin(Duration.ZERO)
                .withThrowableThat()
                .withCauseInstanceOf(RejectedExecutionException.class);
        budget.close();
        assertThat(queued).isCompletedExceptionally();
        assertThat(queued.handle((v, e) -> e).join()).isInstanceOf(CancellationException.class);
        assertThat(budget.submit(NORMAL, CompletableFuture::new)).isCompletedExceptionally();
    }
}
