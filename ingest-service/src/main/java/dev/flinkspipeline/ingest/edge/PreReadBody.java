package dev.flinkspipeline.ingest.edge;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A request body read at the edge, handed to the servlet, and the share of the {@link BodyBudget} it
 * holds until its answer is written ({@link #release()}, idempotent).
 */
public final class PreReadBody {

    /** Key in the routing context and name of the servlet request attribute. */
    public static final String KEY = PreReadBody.class.getName();

    private final byte[] bytes;
    private final BodyBudget budget;
    private final AtomicBoolean released = new AtomicBoolean();

    PreReadBody(byte[] bytes, BodyBudget budget) {
        this.bytes = bytes;
        this.budget = budget;
    }

    /** The body, exactly as received (not a copy). */
    public byte[] bytes() {
        return bytes;
    }

    public void release() {
        if (released.compareAndSet(false, true)) {
            budget.release(bytes.length);
        }
    }
}
