package dev.flinkspipeline.flinks.events;

/**
 * A Flinks payload the events cannot hold as sent. The message names the JSON path and the defect, never
 * a value (it may be personal data), so it can go into logs, headers and {@code PipelineFailed.message}.
 */
public final class UnmappablePayloadException extends IllegalArgumentException {

    /** No {@code Login.Id}, and the channel does not know the login either. */
    public static final String MISSING_LOGIN_ID = "missing-login-id";
    /** A {@code Login.Id} that is no GUID, or not the login the channel asked for. */
    public static final String INVALID_LOGIN_ID = "invalid-login-id";
    /** No {@code RequestId}, and the channel does not know the session either. */
    public static final String MISSING_REQUEST_ID = "missing-request-id";
    /** A field the events cannot hold exactly (an amount needing rounding, an account without Id...). */
    public static final String INVALID_PAYLOAD = "invalid-payload";

    private static final long serialVersionUID = 1L;

    private final String reason;

    UnmappablePayloadException(String reason, String detail) {
        super(detail, null);
        this.reason = reason;
    }

    /** A short stable code: one of the constants of this class. */
    public String reason() {
        return reason;
    }

    static UnmappablePayloadException invalid(String path, String problem) {
        return new UnmappablePayloadException(INVALID_PAYLOAD, path + " " + problem + ".");
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        // Thrown for bad input, not for a defect of ours: the path in the message is what tells where.
        return this;
    }
}
