package dev.flinkspipeline.attributes.job;

import dev.flinkspipeline.flinks.client.model.AttributesResponse;
import dev.flinkspipeline.service.job.FailureReason;
import java.time.Duration;

/** How one attempt of an Attributes job ended. {@link #job()} already counts the attempt. */
public sealed interface AttemptResult permits AttemptResult.Fetched, AttemptResult.Failed, AttemptResult.RetryLater {

    Job job();

    /** Flinks answered the Attributes; {@code job.requestId()} is the requestId used. */
    record Fetched(Job job, AttributesResponse response) implements AttemptResult, JobDecision {
        /** Whether the AccountsReady requestId served (no session of this job's own). */
        public boolean requestIdReused() {
            return job.authorizations() == 0 && job.accountsRequestId().equals(job.requestId());
        }
    }

    /** The job cannot succeed. */
    record Failed(Job job, FailureReason reason, LastAnswer answer) implements AttemptResult, JobDecision {}

    /** Not finished: try again later from {@code job.step()}; {@code notBefore} is the server's Retry-After, or null. */
    record RetryLater(Job job, RetryKind kind, LastAnswer answer, Duration notBefore) implements AttemptResult {
        public RetryLater(Job job, RetryKind kind, LastAnswer answer) {
            this(job, kind, answer, null);
        }
    }

    /** Why a job waits. */
    enum RetryKind {
        /** Flinks said 202 (still computing): poll again at the pending interval. */
        PENDING,
        /** A transient failure (5xx, RETRY_LATER, TOO_MANY_REQUESTS, transport): exponential backoff. */
        FAULT,
        /** The attempt ran out of time: exponential backoff. */
        TIMEOUT,
        /** Our own credentials were refused (circuit open): attempt again once it closes, whatever the deadline. */
        CREDENTIALS
    }
}
