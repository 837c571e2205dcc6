package dev.flinkspipeline.service.job;

/** Why a job gave up: {@code PipelineFailed.reason}. */
public enum FailureReason {
    /** A terminal FlinksCode (see PipelineFailed.flinksCode). */
    FLINKS_ERROR,
    /** A cached Authorize asked for MFA: the customer must reconnect. */
    MFA_REQUIRED,
    /** The session kept disappearing: the job opened as many sessions as allowed. */
    REAUTHORIZE_LIMIT,
    /** Transient failures until the deadline or the retry limit. */
    RETRIES_EXHAUSTED,
    /** GetAccountsDetailAsync still answered 202 at the poller's deadline. */
    POLL_TIMEOUT,
    /** Attributes still answered 202 at the job's deadline. */
    ATTRIBUTES_TIMEOUT
}
