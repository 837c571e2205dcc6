package dev.flinkspipeline.ingest.http;

import dev.flinkspipeline.ingest.InvalidInputException;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * What a failed Connect store tells its caller. Either way the answer is 503 with {@code Retry-After}:
 * "not stored, retry". A retry is always safe: it names the same eventId and the same binding claim, so
 * when an earlier record did land after all, the repeat is a duplicate consumers already drop.
 */
enum StoreFailure {
    /** Nothing of the login or failure was handed to Kafka, and nothing will be for this request. */
    NOT_STORED(
            "not-stored",
            "not stored",
            "Nothing was stored: Kafka did not confirm the Connect session's binding in time. Send the same request again."),
    /** The record went to Kafka without a confirmation in time: it may still be stored. */
    UNCONFIRMED(
            "store-unconfirmed",
            "storing not confirmed",
            "Kafka did not confirm the record in time; it may still be stored. Send the same request again: the"
                    + " repeat carries the same eventId and is harmless.");

    private final String code;
    private final String title;
    private final String detail;

    StoreFailure(String code, String title, String detail) {
        this.code = code;
        this.title = title;
        this.detail = detail;
    }

    static StoreFailure of(StoreAttempt<?> attempt) {
        return attempt.sent() ? UNCONFIRMED : NOT_STORED;
    }

    /** The 409 refusal of a store whose session is bound otherwise, when that is why it failed. */
    static Optional<InvalidInputException> refusal(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t instanceof InvalidInputException refused ? Optional.of(refused) : Optional.empty();
    }

    String code() {
        return code;
    }

    Problem problem() {
        return new Problem(503, code, title, detail);
    }
}
