package dev.flinkspipeline.tools.stack;

/** A component that cannot be started or is not healthy; the message says what to do. */
public class StackException extends RuntimeException {

    public StackException(String message) {
        super(message);
    }

    public StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
