package dev.flinkspipeline.poller.kafka;

import dev.flinkspipeline.poller.job.JobOutcome;
import dev.flinkspipeline.poller.job.JobRunner;
import dev.flinkspipeline.poller.job.PollJob;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the steps of a batch's jobs concurrently (the Flinks call budget bounds them) and waits for all,
 * at most {@code timeout}: a step still running then is abandoned and retried later, so a stuck call can
 * never hold a consumer past {@code max.poll.interval.ms}.
 */
final class JobBatch {

    /** A step's outcome; {@code timedOut} when it was abandoned. */
    record Step(PollJob job, JobOutcome outcome, boolean timedOut) {
    }

    private JobBatch() {
    }

    static List<Step> run(JobRunner runner, List<PollJob> jobs, Duration timeout) {
        List<CompletableFuture<JobOutcome>> futures = new ArrayList<>(jobs.size());
        for (PollJob job : jobs) {
            futures.add(runner.run(job));
        }
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // Handled below, step by step.
        } catch (ExecutionException e) {
            // Steps never fail (JobRunner turns errors into retries); handled below anyway.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Step> steps = new ArrayList<>(jobs.size());
        for (int i = 0; i < jobs.size(); i++) {
            CompletableFuture<JobOutcome> future = futures.get(i);
            JobOutcome outcome = future.isDone() && !future.isCompletedExceptionally() ? future.join() : null;
            if (outcome == null) {
                future.cancel(true);
                steps.add(new Step(jobs.get(i), runner.timedOut(jobs.get(i)), true));
            } else {
                steps.add(new Step(jobs.get(i), outcome, false));
            }
        }
        return steps;
    }
}
