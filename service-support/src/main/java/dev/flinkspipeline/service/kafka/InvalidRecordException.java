package dev.flinkspipeline.service.kafka;

/**
 * A record that was read but cannot be processed (wrong event type, missing fields, impossible values):
 * it goes to the dead-letter topic with this message as its reason.
 */
public class InvalidRecordException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidRecordException(String message) {
        super(message);
    }

    public InvalidRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
