package dev.flinkspipeline.service.job;

import dev.flinkspipeline.service.kafka.ConsumedRecords;
import io.micrometer.observation.Observation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One service's steps, run a batch at a time concurrently and awaited at most the engine's step timeout, so a stuck
 * call never holds a consumer past {@code max.poll.interval.ms}. Each step runs in a span continuing its record's trace.
 *
 * @param <J> a job
 * @param <R> what a step yields (its outcome and records)
 */
public abstract class StepBatch<J, R> {

    private static final Logger log = LoggerFactory.getLogger(StepBatch.class);

    protected final JobEngine engine;
    private final Function<J, String> loginId;
    private final Function<J, String> requestId;

    /** @param loginId the login of a job (for its span and logs), {@code requestId} its Flinks request (logs) */
    protected StepBatch(JobEngine engine, Function<J, String> loginId, Function<J, String> requestId) {
        this.engine = engine;
        this.loginId = loginId;
        this.requestId = requestId;
    }

    /**
     * Runs {@code job}'s step; what it yields is built on the thread that completes it, so the consumer thread only
     * appends it. {@code traceparent} is for the records it causes.
     */
    protected abstract CompletableFuture<R> step(J job, String traceparent);

    /** The engine these steps run on. */
    public final JobEngine engine() {
        return engine;
    }

    /** What a step yields when it did not end in time or failed: retried later. */
    protected abstract R abandoned(J job, String traceparent);

    /** The records {@code result} writes, in order (built in the batch's transaction). */
    protected abstract List<ProducerRecord<Object, Object>> records(R result);

    /** {@code result} written otherwise, Kafka having refused its records for their size; or throws. */
    protected R tooLarge(R result) {
        throw new IllegalStateException("records larger than Kafka accepts");
    }

    /** Counts and logs {@code result} once its transaction committed. */
    protected abstract void committed(R result);

    /** One result per job, in order; {@code jobs.get(i)} came from {@code sources.get(i)}. */
    public final List<R> run(String listener, List<J> jobs, List<ConsumerRecord<Object, Object>> sources) {
        if (jobs.isEmpty()) {
            return List.of();
        }
        engine.metrics().inFlight(jobs.size());
        try {
            List<CompletableFuture<R>> futures = new ArrayList<>(jobs.size());
            List<String> produced = new ArrayList<>(jobs.size());
            for (int i = 0; i < jobs.size(); i++) {
                J job = jobs.get(i);
                String consumed = ConsumedRecords.traceparent(sources.get(i));
                Observation span = engine.traces().consumed(listener, consumed, loginId.apply(job));
                String traceparent = engine.traces().produced(span, consumed);
                produced.add(traceparent);
                CompletableFuture<R> future = span.scoped(() -> step(job, traceparent));
                future.whenComplete((r, error) -> span.stop());
                futures.add(future);
            }
            await(futures);
            List<R> results = new ArrayList<>(jobs.size());
            for (int i = 0; i < jobs.size(); i++) {
                CompletableFuture<R> future = futures.get(i);
                results.add(
                        switch (future.state()) {
                            case SUCCESS -> future.join();
                            case FAILED, CANCELLED -> {
                                log.warn(
                                        "{}: loginId={} requestId={}: the step failed, retrying it: {}",
                                        listener,
                                        loginId.apply(jobs.get(i)),
                                        requestId.apply(jobs.get(i)),
                                        future.handle((r, t) -> t).join().toString());
                                yield abandoned(jobs.get(i), produced.get(i));
                            }
                            case RUNNING -> {
                                future.cancel(true);
                                yield abandoned(jobs.get(i), produced.get(i));
                            }
                        });
            }
            return results;
        } finally {
            engine.metrics().inFlight(-jobs.size());
        }
    }

    private void await(List<CompletableFuture<R>> futures) {
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                    .get(engine.stepTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // Handled step by step.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
