package dev.flinkspipeline.flinks.client;

/** Where a {@link FlinksResult.Failure} came from, for metrics and messages (the class says what to do). */
public enum FailureKind {
    /** Flinks answered with an error envelope carrying a {@code FlinksCode}. */
    FLINKS_ERROR,
    /** An unsuccessful HTTP status without a {@code FlinksCode} (e.g. a proxy's 502 page). */
    HTTP_ERROR,
    /** The connection could not be made or broke (refused, reset, TLS, DNS). */
    TRANSPORT,
    /** The request was sent but no complete answer came within the request timeout. */
    TIMEOUT,
    /** No connection within the connect timeout: the request was never sent. */
    CONNECT_TIMEOUT,
    /** A success status with a body that is empty, not JSON, truncated or of the wrong shape. */
    MALFORMED_RESPONSE,
    /** The body exceeded the configured maximum size and was abandoned while streaming. */
    RESPONSE_TOO_LARGE
}
