package dev.flinkspipeline.attributes.job;

/** The {@code PipelineFailed.reason} values of the ATTRIBUTES stage. */
public final class FailureReasons {

    /** Flinks answered with a terminal FlinksCode (INVALID_LOGIN, INVALID_REQUEST, ...). */
    public static final String FLINKS_ERROR = "FLINKS_ERROR";
    /** A cached Authorize asked security questions: the customer has to reconnect. */
    public static final String MFA_REQUIRED = "MFA_REQUIRED";
    /** The session kept expiring: the job opened as many sessions as allowed. */
    public static final String REAUTHORIZE_LIMIT = "REAUTHORIZE_LIMIT";
    /** Transient failures lasted beyond the retry budget. */
    public static final String RETRIES_EXHAUSTED = "RETRIES_EXHAUSTED";
    /** Flinks kept answering 202 beyond the retry budget. */
    public static final String ATTRIBUTES_TIMEOUT = "ATTRIBUTES_TIMEOUT";

    private FailureReasons() {}
}
