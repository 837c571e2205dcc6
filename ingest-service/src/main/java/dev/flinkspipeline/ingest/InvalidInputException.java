package dev.flinkspipeline.ingest;

/**
 * Input that is refused: the HTTP layer answers {@link #status()} with a problem body whose type ends
 * in {@link #code()}. The message (detail) names fields and positions, never values, so it can be
 * returned and logged without leaking personal data or secrets.
 */
public class InvalidInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final String title;

    public InvalidInputException(int status, String code, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.title = title;
    }

    /** 400: the request itself is malformed. */
    public static InvalidInputException badRequest(String code, String title, String detail) {
        return new InvalidInputException(400, code, title, detail);
    }

    /** 422: well-formed, but its content cannot be accepted. */
    public static InvalidInputException unprocessable(String code, String title, String detail) {
        return new InvalidInputException(422, code, title, detail);
    }

    public int status() {
        return status;
    }

    /** Short stable code (kebab-case): problem type suffix, metric reason, failure-redirect error. */
    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }
}
