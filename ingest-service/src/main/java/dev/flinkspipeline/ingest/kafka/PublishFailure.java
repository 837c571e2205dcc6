package dev.flinkspipeline.ingest.kafka;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.RecordTooLargeException;

/** What a failed write means for the caller. */
public enum PublishFailure {
    /** The record can never be written (over the record size limit): retrying will not help. */
    TOO_LARGE,
    /** Kafka did not acknowledge in time. */
    TIMEOUT,
    /** Kafka or the schema registry is unavailable or refused the write: retry later. */
    UNAVAILABLE;

    public static PublishFailure of(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof RecordTooLargeException) {
                return TOO_LARGE;
            }
            if (t instanceof TimeoutException) {
                return TIMEOUT;
            }
            if (!(t instanceof CompletionException || t instanceof ExecutionException)) {
                break;
            }
        }
        return UNAVAILABLE;
    }

    /** The class name of the innermost cause, for logs (messages may carry record contents). */
    public static String rootCause(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getName();
    }
}
