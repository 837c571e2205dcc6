package dev.flinkspipeline.flinks.sandbox.admin.client;

/**
 * An admin call that did not succeed: the sandbox answered an unexpected status ({@link #status()} &gt; 0,
 * {@link #body()} holds its answer) or could not be reached ({@link #status()} == 0, the cause says why).
 */
public final class SandboxAdminException extends RuntimeException {

    private final int status;
    private final String body;

    SandboxAdminException(String message, int status, String body, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.body = body;
    }

    /** The HTTP status the sandbox answered, or 0 when no answer arrived. */
    public int status() {
        return status;
    }

    /** The body the sandbox answered (possibly empty), or null when no answer arrived. */
    public String body() {
        return body;
    }
}
