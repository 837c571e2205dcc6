package dev.flinkspipeline.flinks.client;

/** Where a {@link FlinksResult.Failure} came from, for metrics and messages (the class says what to do). */
public enum FailureKind {
    /** Flinks answered with an error envelope carrying a {@code FlinksCode}. */
    FLINKS_ERROR,
    /** An unsuccessful HTTP status without a {@code FlinksCode} (e.g. a proxy's 502 page). */
    HTTP_ERROR,
    /** The connection could not be made or broke (refused, reset, TLS, DNS). */
    TRANSPORT,
    /** No complete answer within the configured connect or request timeout. */
    TIMEOUT,
    /** A success status with a body that is empty, not JSON, truncated or of the wrong shape. */
    MALFORMED_RESPONSE,
    /** The body exceeded the configured maximum size and was abandoned while streaming. */
    RESPONSE_TOO_LARGE
}
