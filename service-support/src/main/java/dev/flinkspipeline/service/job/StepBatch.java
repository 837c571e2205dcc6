package dev.flinkspipeline.service.job;

import dev.flinkspipeline.service.tracing.RecordTraces;
import io.micrometer.observation.Observation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Runs the steps of a batch's jobs concurrently (the Flinks call budget bounds them) and waits for all, at most
 * {@code timeout}: a step still running then is abandoned and retried later, so a stuck call can never hold a
 * consumer past {@code max.poll.interval.ms}. Each step runs in a span of its own continuing the trace of the
 * record its job came from, and its records carry that trace on ({@link RecordTraces}).
 */
public final class StepBatch {

    /**
     * One service's steps.
     *
     * @param <J> a job
     * @param <R> what a step yields (its outcome and records)
     */
    public interface Steps<J, R> {

        /** The login of {@code job} (for its span). */
        String loginId(J job);

        /**
         * Runs {@code job}'s step; what it yields is built on the thread that completes it, so the consumer
         * thread only appends it. {@code traceparent} is for the records it causes.
         */
        CompletableFuture<R> run(J job, String traceparent);

        /** What a step yields when it did not end in time ({@code failure} null) or failed: retried later. */
        R abandoned(J job, String traceparent, Throwable failure);

        /** The records {@code result} writes, in order (built in the batch's transaction). */
        List<ProducerRecord<Object, Object>> records(R result);

        /** {@code result} written otherwise, Kafka having refused its records for their size; or throws. */
        default R tooLarge(R result) {
            throw new IllegalStateException("records larger than Kafka accepts");
        }

        /** Counts and logs {@code result} once its transaction committed. */
        void committed(R result);
    }

    private StepBatch() {}

    /**
     * One result per job, in order; {@code traceparents.get(i)} is the trace of the record {@code jobs.get(i)}
     * came from (or null); the spans are named after {@code listener}.
     */
    public static <J, R> List<R> run(
            Steps<J, R> steps,
            List<J> jobs,
            List<String> traceparents,
            String listener,
            RecordTraces traces,
            JobMetrics metrics,
            Duration timeout) {
        if (jobs.isEmpty()) {
            return List.of();
        }
        metrics.stepsStarted(jobs.size());
        try {
            List<CompletableFuture<R>> futures = new ArrayList<>(jobs.size());
            List<String> produced = new ArrayList<>(jobs.size());
            for (int i = 0; i < jobs.size(); i++) {
                J job = jobs.get(i);
                Observation span = traces.consumed(listener, traceparents.get(i), steps.loginId(job));
                String traceparent = traces.produced(span, traceparents.get(i));
                produced.add(traceparent);
                CompletableFuture<R> future = span.scoped(() -> steps.run(job, traceparent));
                future.whenComplete((r, error) -> span.stop());
                futures.add(future);
            }
            await(futures, timeout);
            List<R> results = new ArrayList<>(jobs.size());
            for (int i = 0; i < jobs.size(); i++) {
                CompletableFuture<R> future = futures.get(i);
                if (future.isDone() && !future.isCompletedExceptionally()) {
                    results.add(future.join());
                } else if (future.isDone()) {
                    results.add(steps.abandoned(
                            jobs.get(i),
                            produced.get(i),
                            future.handle((r, t) -> t).join()));
                } else {
                    future.cancel(true);
                    results.add(steps.abandoned(jobs.get(i), produced.get(i), null));
                }
            }
            return results;
        } finally {
            metrics.stepsEnded(jobs.size());
        }
    }

    private static void await(List<? extends CompletableFuture<?>> futures, Duration timeout) {
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // Handled step by step.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
