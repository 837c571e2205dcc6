package dev.flinkspipeline.ingest.http;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One store of a Connect outcome in progress: its result, and whether its record was handed to the
 * producer. The answer to a failed store depends on the latter: before it, nothing was stored (and nothing
 * will be: a store answered already does not send its record afterwards); after it, the record may still
 * land.
 */
public final class StoreAttempt<T> {

    private final CompletableFuture<T> result = new CompletableFuture<>();
    private final AtomicBoolean sent = new AtomicBoolean();

    /** Completes with the stored value, or exceptionally: a 409 refusal, a failure, or the answer's timeout. */
    public CompletableFuture<T> result() {
        return result;
    }

    /** Whether the record went to the producer: after a failure it may still be stored. */
    public boolean sent() {
        return sent.get();
    }

    void markSent(boolean value) {
        sent.set(value);
    }
}
