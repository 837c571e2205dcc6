package dev.flinkspipeline.service.tracing;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Carries a thread's current observation (and so its trace) across a thread hop: the Flinks call budget may
 * start a call on another caller's thread, and a call completes on a client thread. Captured where work is
 * handed over, restored where it goes on, so each job's Flinks calls stay in that job's trace.
 */
public final class TraceContext {

    /** Carries nothing (no tracing). */
    public static final TraceContext NONE = new TraceContext(ObservationRegistry.NOOP);

    private final ObservationRegistry registry;

    public TraceContext(ObservationRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** The current thread's context. */
    public Captured capture() {
        return new Captured(registry.getCurrentObservation());
    }

    /** A captured context. */
    public static final class Captured {
        private final Observation observation;

        private Captured(Observation observation) {
            this.observation = observation;
        }

        /** Runs {@code task} with this context current. */
        public <T> T call(Supplier<T> task) {
            return observation == null ? task.get() : observation.scoped(task);
        }

        /** Runs {@code task} with this context current. */
        public void run(Runnable task) {
            if (observation == null) {
                task.run();
            } else {
                observation.scoped(task);
            }
        }

        /**
         * A future that completes like {@code future}, with this context current: what is chained on it
         * continues this context, whichever thread completes {@code future}. Cancelling it cancels
         * {@code future}.
         */
        public <T> CompletableFuture<T> completeWithin(CompletableFuture<T> future) {
            if (observation == null) {
                return future;
            }
            CompletableFuture<T> result = new CompletableFuture<>();
            future.whenComplete((value, error) -> run(() -> {
                if (error != null) {
                    result.completeExceptionally(error);
                } else {
                    result.complete(value);
                }
            }));
            result.whenComplete((value, error) -> {
                if (result.isCancelled()) {
                    future.cancel(true);
                }
            });
            return result;
        }
    }
}
