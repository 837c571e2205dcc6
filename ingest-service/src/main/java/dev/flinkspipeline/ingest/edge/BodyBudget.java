package dev.flinkspipeline.ingest.edge;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of request bodies the whole service may hold at once. A body takes its bytes as they
 * arrive (never what it declares) and gives them back when its answer is written. A chunk that does not
 * fit waits in line; waiters are served first come, first served, so a stream of small chunks cannot
 * starve a large body that is already waiting. Thread-safe; callbacks run on the releasing thread.
 */
public final class BodyBudget {

    private final long capacity;
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private long used;

    public BodyBudget(long capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("the body budget must be positive");
        }
        this.capacity = capacity;
    }

    public long capacity() {
        return capacity;
    }

    public synchronized long used() {
        return used;
    }

    /** Takes {@code bytes} now when they fit and nobody is waiting; false otherwise (nothing taken). */
    public synchronized boolean tryTake(long bytes) {
        if (!waiters.isEmpty() || used + bytes > capacity) {
            return false;
        }
        used += bytes;
        return true;
    }

    /**
     * Waits in line for {@code bytes}: {@code granted} runs once they are taken (possibly at once, on this
     * thread). {@link #cancel} the returned waiter to give up.
     */
    public Waiter await(long bytes, Runnable granted) {
        Waiter waiter = new Waiter(bytes, granted);
        synchronized (this) {
            waiters.addLast(waiter);
        }
        grantWaiters();
        return waiter;
    }

    /** Gives up waiting: true when the waiter had not been granted (nothing to give back). */
    public synchronized boolean cancel(Waiter waiter) {
        return waiters.remove(waiter);
    }

    public void release(long bytes) {
        if (bytes <= 0) {
            return;
        }
        synchronized (this) {
            used = Math.max(0, used - bytes);
        }
        grantWaiters();
    }

    private void grantWaiters() {
        List<Runnable> granted = new ArrayList<>();
        synchronized (this) {
            while (!waiters.isEmpty() && used + waiters.peekFirst().bytes <= capacity) {
                Waiter next = waiters.pollFirst();
                used += next.bytes;
                granted.add(next.granted);
            }
        }
        granted.forEach(Runnable::run);
    }

    /** A place in line. */
    public static final class Waiter {
        private final long bytes;
        private final Runnable granted;

        private Waiter(long bytes, Runnable granted) {
            this.bytes = bytes;
            this.granted = granted;
        }
    }
}
