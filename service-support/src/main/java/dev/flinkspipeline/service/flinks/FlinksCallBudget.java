package dev.flinkspipeline.service.flinks;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The budget of calls a service makes toward Flinks: at most {@code maxInFlight} calls at once and at
 * most {@code requestsPerSecond} call starts per second (a token bucket holding up to {@code burst}
 * tokens). Everything a service sends to Flinks goes through one instance, so a burst of due polls
 * cannot exceed what was agreed with Flinks.
 *
 * <p>Never blocks a thread: {@link #submit} returns at once with a future; the call itself starts later,
 * on whichever thread frees a permit (a completing call) or on the budget's timer thread when the next
 * token is due. Waiting calls sit in two FIFO lanes holding at most {@code maxQueued} entries together;
 * beyond that {@code submit} fails fast with {@link RejectedExecutionException} in the returned future.
 * A waiting {@link Lane#HIGH} call always starts before a waiting {@link Lane#NORMAL} one (strict
 * priority: e.g. scheduled polls, whose schedule is promised, before the first calls of new logins).
 */
public final class FlinksCallBudget implements AutoCloseable {

    /** Which queue a waiting call is in. */
    public enum Lane {
        /** Started before any waiting NORMAL call. */
        HIGH,
        NORMAL
    }

    private final Settings settings;
    private final ScheduledExecutorService timer;
    private final LongSupplier nanoTime;
    private final double tokensPerNano;

    private final Object lock = new Object();
    private final ArrayDeque<Waiting<?>> high = new ArrayDeque<>();
    private final ArrayDeque<Waiting<?>> normal = new ArrayDeque<>();
    private final AtomicInteger drainWork = new AtomicInteger();
    // Guarded by lock.
    private int inFlight;
    private double tokens;
    private long refilledAt;
    private boolean timerArmed;
    private boolean closed;
    private long started;

    /**
     * @param maxInFlight       calls running at once, at least 1
     * @param requestsPerSecond call starts per second; 0 or less: no rate limit
     * @param burst             tokens the bucket holds (starts allowed back to back after a quiet time), at least 1
     * @param maxQueued         calls allowed to wait, at least 1
     */
    public record Settings(int maxInFlight, double requestsPerSecond, int burst, int maxQueued) {
        public Settings {
            require(maxInFlight >= 1, "maxInFlight must be at least 1");
            require(burst >= 1, "burst must be at least 1");
            require(maxQueued >= 1, "maxQueued must be at least 1");
            require(Double.isFinite(requestsPerSecond), "requestsPerSecond must be a finite number");
        }

        private static void require(boolean valid, String message) {
            if (!valid) {
                throw new IllegalArgumentException(message);
            }
        }

        /** No rate limit, {@code maxInFlight} calls at once, a large queue. */
        public static Settings concurrencyOnly(int maxInFlight) {
            return new Settings(maxInFlight, 0, 1, 1_000_000);
        }

        boolean rateLimited() {
            return requestsPerSecond > 0;
        }
    }

    /** A budget with its own daemon timer thread (token waits), stopped by {@link #close()}. */
    public FlinksCallBudget(Settings settings) {
        this(settings, System::nanoTime);
    }

    /** @param nanoTime the clock (tests) */
    FlinksCallBudget(Settings settings, LongSupplier nanoTime) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "flinks-call-budget");
            t.setDaemon(true);
            return t;
        });
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.tokensPerNano = settings.requestsPerSecond() / 1e9;
        this.tokens = settings.burst();
        this.refilledAt = nanoTime.getAsLong();
    }

    /**
     * Starts {@code call} as soon as a permit and a token are free. The returned future completes with
     * the call's outcome; cancelling it while the call waits removes it from the queue, cancelling it
     * while the call runs cancels the call's own future (best effort).
     */
    public <T> CompletableFuture<T> submit(Supplier<? extends CompletionStage<T>> call) {
        return submit(Lane.NORMAL, call);
    }

    /** {@link #submit(Supplier)} in lane {@code lane}. */
    public <T> CompletableFuture<T> submit(Lane lane, Supplier<? extends CompletionStage<T>> call) {
        Objects.requireNonNull(lane, "lane");
        Objects.requireNonNull(call, "call");
        Waiting<T> waiting = new Waiting<>(call);
        synchronized (lock) {
            if (closed) {
                return CompletableFuture.failedFuture(
                        new RejectedExecutionException("the Flinks call budget is closed"));
            }
            if (high.size() + normal.size() >= settings.maxQueued()) {
                return CompletableFuture.failedFuture(new RejectedExecutionException(
                        "more than " + settings.maxQueued() + " Flinks calls are waiting"));
            }
            (lane == Lane.HIGH ? high : normal).addLast(waiting);
        }
        drain();
        return waiting.result;
    }

    /** Calls running now. */
    public int inFlight() {
        synchronized (lock) {
            return inFlight;
        }
    }

    /** Calls waiting for a permit or a token. */
    public int queued() {
        synchronized (lock) {
            return high.size() + normal.size();
        }
    }

    /** Calls waiting in {@code lane}. */
    public int queued(Lane lane) {
        synchronized (lock) {
            return (lane == Lane.HIGH ? high : normal).size();
        }
    }

    /** Calls started since creation. */
    public long started() {
        synchronized (lock) {
            return started;
        }
    }

    /** Rejects new calls and cancels the waiting ones; running calls finish. */
    @Override
    public void close() {
        List<Waiting<?>> cancelled;
        synchronized (lock) {
            closed = true;
            cancelled = new ArrayList<>(high);
            cancelled.addAll(normal);
            high.clear();
            normal.clear();
        }
        cancelled.forEach(
                w -> w.result.completeExceptionally(new CancellationException("the Flinks call budget closed")));
        timer.shutdownNow();
    }

    /**
     * Starts what can start. Several threads may ask at once (completions, the timer, submitters): one
     * of them drains while the others only record that another pass is needed, so a call that completes
     * synchronously does not recurse.
     */
    private void drain() {
        if (drainWork.getAndIncrement() != 0) {
            return;
        }
        do {
            List<Waiting<?>> toStart = new ArrayList<>();
            synchronized (lock) {
                refill();
                while ((!high.isEmpty() || !normal.isEmpty()) && inFlight < settings.maxInFlight()) {
                    ArrayDeque<Waiting<?>> queue = high.isEmpty() ? normal : high;
                    Waiting<?> head = queue.peekFirst();
                    if (head.result.isDone()) {
                        queue.pollFirst(); // cancelled while waiting
                        continue;
                    }
                    if (settings.rateLimited() && tokens < 1) {
                        armTimer((long) Math.ceil((1 - tokens) / tokensPerNano));
                        break;
                    }
                    if (settings.rateLimited()) {
                        tokens -= 1;
                    }
                    queue.pollFirst();
                    inFlight++;
                    started++;
                    toStart.add(head);
                }
            }
            toStart.forEach(this::start);
        } while (drainWork.decrementAndGet() != 0);
    }

    private void refill() {
        if (!settings.rateLimited()) {
            return;
        }
        long now = nanoTime.getAsLong();
        long elapsed = now - refilledAt;
        if (elapsed > 0) {
            tokens = Math.min(settings.burst(), tokens + elapsed * tokensPerNano);
            refilledAt = now;
        }
    }

    private void armTimer(long delayNanos) {
        if (timerArmed || closed) {
            return;
        }
        timerArmed = true;
        try {
            timer.schedule(
                    () -> {
                        synchronized (lock) {
                            timerArmed = false;
                        }
                        drain();
                    },
                    Math.max(delayNanos, 1),
                    TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            timerArmed = false; // the timer was shut down: the budget is closing
        }
    }

    private <T> void start(Waiting<T> waiting) {
        CompletionStage<T> stage;
        try {
            stage = Objects.requireNonNull(waiting.call.get(), "the call returned no future");
        } catch (RuntimeException e) {
            release();
            waiting.result.completeExceptionally(e);
            return;
        }
        waiting.running = stage;
        stage.whenComplete((value, error) -> {
            release();
            if (error != null) {
                waiting.result.completeExceptionally(error);
            } else {
                waiting.result.complete(value);
            }
        });
    }

    private void release() {
        synchronized (lock) {
            inFlight--;
        }
        drain();
    }

    private static final class Waiting<T> {
        final Supplier<? extends CompletionStage<T>> call;
        final CompletableFuture<T> result;
        volatile CompletionStage<T> running;

        Waiting(Supplier<? extends CompletionStage<T>> call) {
            this.call = call;
            this.result = new CompletableFuture<>() {
                @Override
                public boolean cancel(boolean mayInterruptIfRunning) {
                    boolean cancelled = super.cancel(mayInterruptIfRunning);
                    CompletionStage<T> stage = running;
                    if (cancelled && stage != null) {
                        try {
                            stage.toCompletableFuture().cancel(mayInterruptIfRunning);
                        } catch (UnsupportedOperationException e) {
                            // a stage that cannot be cancelled simply runs to its end
                        }
                    }
                    return cancelled;
                }
            };
        }
    }
}
