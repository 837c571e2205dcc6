package dev.flinkspipeline.attributes.job;

import java.time.Instant;

/** What to write after an attempt: the job's result, or its next attempt. */
public sealed interface JobDecision permits JobDecision.Done, JobDecision.GaveUp, JobDecision.Retry {

    Job job();

    /** AttributesReady. */
    record Done(AttemptResult.Fetched fetched) implements JobDecision {
        public Job job() {
            return fetched.job();
        }
    }

    /** PipelineFailed(ATTRIBUTES). */
    record GaveUp(AttemptResult.Failed failed) implements JobDecision {
        public Job job() {
            return failed.job();
        }
    }

    /** AttributesScheduled: attempt again at {@code dueAt}. */
    record Retry(AttemptResult.RetryLater retry, Instant dueAt) implements JobDecision {
        public Job job() {
            return retry.job();
        }
    }
}
