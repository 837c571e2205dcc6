package dev.flinkspipeline.attributes.job;

import java.time.Instant;

/** What to write after an attempt: AttributesReady, PipelineFailed(ATTRIBUTES), or the next attempt. */
public sealed interface JobDecision permits AttemptResult.Fetched, AttemptResult.Failed, JobDecision.Retry {

    Job job();

    /** AttributesScheduled: attempt again at {@code dueAt}. */
    record Retry(AttemptResult.RetryLater retry, Instant dueAt) implements JobDecision {
        public Job job() {
            return retry.job();
        }
    }
}
