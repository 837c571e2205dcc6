package dev.flinkspipeline.poller.kafka;

import dev.flinkspipeline.poller.job.JobOutcome;
import dev.flinkspipeline.poller.job.JobRunner;
import dev.flinkspipeline.poller.job.PollJob;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the steps of a batch's jobs concurrently (the Flinks call budget bounds them) and waits for all,
 * at most {@code timeout}: a step still running then is abandoned and retried later, so a stuck call can
 * never hold a consumer past {@code max.poll.interval.ms}. Each step's record is built as soon as the step
 * ends, on the thread that completed it (see {@link OutcomeRecords}). Each step runs in a span of its own,
 * continuing the trace of the record it came from, and its record carries that trace on ({@link RecordTraces}).
 */
final class JobBatch {

    private static final Logger log = LoggerFactory.getLogger(JobBatch.class);

    /**
     * A step's outcome and its records (one, or the parts of one AccountsReady).
     *
     * @param timedOut      the step was abandoned (or could not be turned into a record) and is retried
     * @param failureReason see {@link OutcomeRecords.Prepared#failureReason()}
     */
    record Step(
            JobOutcome outcome, boolean timedOut, List<ProducerRecord<Object, Object>> records, String failureReason) {}

    private JobBatch() {}

    /**
     * {@code traceparents.get(i)} is the trace of the record {@code jobs.get(i)} came from (or null); the
     * steps' spans are named after {@code listener}.
     */
    static List<Step> run(
            JobRunner runner,
            OutcomeRecords records,
            RecordTraces traces,
            String listener,
            List<PollJob> jobs,
            List<String> traceparents,
            Duration timeout) {
        List<CompletableFuture<OutcomeRecords.Prepared>> futures = new ArrayList<>(jobs.size());
        List<Observation> spans = new ArrayList<>(jobs.size());
        for (int i = 0; i < jobs.size(); i++) {
            PollJob job = jobs.get(i);
            String traceparent = traceparents.get(i);
            Observation span = traces.consumed(listener, traceparent, job.loginId());
            spans.add(span);
            CompletableFuture<OutcomeRecords.Prepared> future = span.scoped(() -> runner.run(job))
                    .thenApply(outcome -> records.prepare(outcome, traces.produced(span, traceparent)));
            future.whenComplete((prepared, error) -> span.stop());
            futures.add(future);
        }
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // Handled below, step by step.
        } catch (ExecutionException e) {
            // Handled below, step by step.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Step> steps = new ArrayList<>(jobs.size());
        for (int i = 0; i < jobs.size(); i++) {
            CompletableFuture<OutcomeRecords.Prepared> future = futures.get(i);
            PollJob job = jobs.get(i);
            OutcomeRecords.Prepared prepared = null;
            if (future.isDone() && !future.isCompletedExceptionally()) {
                prepared = future.join();
            } else if (future.isDone()) {
                // Steps never fail (JobRunner turns errors into retries); building the record can (registry down).
                log.warn(
                        "loginId={} requestId={}: the step's record could not be built, retrying the step: {}",
                        job.loginId(),
                        job.requestId(),
                        future.handle((v, t) -> t).join().toString());
            } else {
                future.cancel(true);
            }
            if (prepared == null) {
                OutcomeRecords.Prepared retry =
                        records.prepare(runner.timedOut(job), traces.produced(spans.get(i), traceparents.get(i)));
                steps.add(new Step(retry.outcome(), true, retry.records(), null));
            } else {
                steps.add(new Step(prepared.outcome(), false, prepared.records(), prepared.failureReason()));
            }
        }
        return steps;
    }
}
