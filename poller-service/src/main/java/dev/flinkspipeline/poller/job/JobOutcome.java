package dev.flinkspipeline.poller.job;

import dev.flinkspipeline.flinks.client.model.AccountsDetailResponse;
import dev.flinkspipeline.service.job.FailureReason;
import java.time.Instant;
import java.util.Objects;

/** What one step of a job ended with: exactly one record follows from it. */
public sealed interface JobOutcome {

    /** The job as it was when the step ran. */
    PollJob job();

    /**
     * GetAccountsDetail(Async) answered 200.
     *
     * @param accounts            the answer; null once it was turned into a record ({@link #released()})
     * @param requestIdLastUsedAt when the successful call was sent (Flinks' idle clock of the RequestId)
     */
    record AccountsFetched(
            PollJob job,
            AccountsDetailResponse accounts,
            String requestId,
            Instant requestIdLastUsedAt,
            Instant receivedAt)
            implements JobOutcome {
        public AccountsFetched {
            Objects.requireNonNull(requestId, "requestId");
        }

        /** Without its accounts: a batch keeps only the record built from them, many times smaller. */
        public AccountsFetched released() {
            return new AccountsFetched(job, null, requestId, requestIdLastUsedAt, receivedAt);
        }
    }

    /** The job waits: {@code next} goes to PollScheduled. */
    record Rescheduled(PollJob job, PollJob next, Why why, String flinksCode, int httpStatus) implements JobOutcome {
        /** Flinks still working (202), a transient failure, or our own credentials refused (waits for the circuit). */
        public enum Why {
            PENDING,
            RETRY,
            CREDENTIALS
        }
    }

    /** The job ends without accounts. */
    record Failed(
            PollJob job, String requestId, FailureReason reason, String flinksCode, int httpStatus, String message)
            implements JobOutcome {}
}
