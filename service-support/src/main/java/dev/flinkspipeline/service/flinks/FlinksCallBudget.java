package dev.flinkspipeline.service.flinks;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The one budget of a service's calls toward Flinks: at most {@code maxInFlight} at once, at most
 * {@code requestsPerSecond} starts a second (bursts of {@code burst}), at most {@code maxQueued} waiting in two
 * FIFO lanes, a waiting {@link Lane#HIGH} call (the next step of a live job) always before a NORMAL one.
 * Hand-written: no limiter of Spring, Micrometer or the JDK queues asynchronous calls by priority without
 * blocking a thread; {@link #submit} returns at once and the call starts on whichever thread frees room.
 */
public final class FlinksCallBudget implements AutoCloseable {

    public enum Lane {
        HIGH,
        NORMAL
    }

    /** {@code flinks.budget.*}; {@code requestsPerSecond} 0 or less: no rate limit. */
    public record Settings(
            @DefaultValue("32") int maxInFlight,
            @DefaultValue("0") double requestsPerSecond,
            @DefaultValue("50") int burst,
            @DefaultValue("100000") int maxQueued) {
        public Settings {
            if (maxInFlight < 1 || burst < 1 || maxQueued < 1 || !Double.isFinite(requestsPerSecond)) {
                throw new IllegalArgumentException(
                        "flinks.budget wants max-in-flight, burst, max-queued of at least 1, a finite requests-per-second");
            }
        }
    }

    private record Waiting<T>(Supplier<CompletableFuture<T>> call, CompletableFuture<T> result) {}

    private final Settings settings;
    private final LongSupplier nanoTime;
    private final long nanosPerStart; // 0: no rate limit
    private final List<ArrayDeque<Waiting<?>>> lanes = List.of(new ArrayDeque<>(), new ArrayDeque<>());
    private final AtomicInteger drainWork = new AtomicInteger();
    // Guarded by this; nextStartAt is the rate limit's bucket as one time (GCRA): starts run ahead of it by burst.
    private int inFlight;
    private long started;
    private long nextStartAt;
    private boolean timerArmed;
    private boolean closed;

    public FlinksCallBudget(Settings settings) {
        this(settings, System::nanoTime);
    }

    /** @param nanoTime the clock (tests) */
    FlinksCallBudget(Settings settings, LongSupplier nanoTime) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.nanoTime = nanoTime;
        this.nanosPerStart =
                settings.requestsPerSecond() > 0 ? Math.max(1, Math.round(1e9 / settings.requestsPerSecond())) : 0;
        this.nextStartAt = nanoTime.getAsLong();
    }

    /**
     * Two common-pool threads on a 1- or 2-CPU machine unless set: the JDK's HttpClient completes every response
     * there, and one thread means a new thread per response. Call first in {@code main}.
     */
    public static void ensureCommonPoolThreads() {
        String parallelism = "java.util.concurrent.ForkJoinPool.common.parallelism";
        if (System.getProperty(parallelism) == null && Runtime.getRuntime().availableProcessors() <= 2) {
            System.setProperty(parallelism, "2");
        }
        if (ForkJoinPool.getCommonPoolParallelism() < 2) { // started before main: too late to set
            String fix = "one new thread per Flinks response: start the JVM with -D" + parallelism + "=2";
            System.getLogger(FlinksCallBudget.class.getName()).log(Level.WARNING, fix);
        }
    }

    /**
     * Starts {@code call} when the budget has room; the future completes with its outcome, or a
     * {@link RejectedExecutionException} when the queue is full. Cancelling it cancels the call, waiting or running.
     */
    public <T> CompletableFuture<T> submit(Lane lane, Supplier<CompletableFuture<T>> call) {
        Waiting<T> waiting = new Waiting<>(Objects.requireNonNull(call, "call"), new CompletableFuture<>());
        synchronized (this) {
            if (closed || queued() >= settings.maxQueued()) {
                String why =
                        closed ? "the Flinks budget is closed" : "more Flinks calls wait than flinks.budget.max-queued";
                return CompletableFuture.failedFuture(new RejectedExecutionException(why));
            }
            lanes.get(lane.ordinal()).addLast(waiting);
        }
        drain();
        return waiting.result();
    }

    public synchronized int inFlight() {
        return inFlight;
    }

    public synchronized int queued() {
        return lanes.get(0).size() + lanes.get(1).size();
    }

    public synchronized int queued(Lane lane) {
        return lanes.get(lane.ordinal()).size();
    }

    public synchronized long started() {
        return started;
    }

    /** Rejects new calls and cancels the waiting ones; running calls finish. */
    @Override
    public void close() {
        List<Waiting<?>> cancelled = new ArrayList<>();
        synchronized (this) {
            closed = true;
            lanes.forEach(cancelled::addAll);
            lanes.forEach(ArrayDeque::clear);
        }
        cancelled.forEach(w -> w.result().completeExceptionally(new CancellationException("the budget closed")));
    }

    /** Starts what can start; of threads asking at once one drains, so a synchronous call does not recurse. */
    private void drain() {
        if (drainWork.getAndIncrement() != 0) {
            return;
        }
        do {
            List<Waiting<?>> toStart = new ArrayList<>();
            synchronized (this) {
                while (inFlight < settings.maxInFlight()) {
                    ArrayDeque<Waiting<?>> lane = lanes.get(0).isEmpty() ? lanes.get(1) : lanes.get(0);
                    Waiting<?> head = lane.peekFirst();
                    boolean cancelled = head != null && head.result().isDone(); // while waiting
                    if (head == null || !cancelled && !takeStart()) {
                        break;
                    }
                    lane.pollFirst();
                    if (!cancelled) {
                        inFlight++;
                        started++;
                        toStart.add(head);
                    }
                }
            }
            toStart.forEach(this::start);
        } while (drainWork.decrementAndGet() != 0);
    }

    /** Whether the rate limit allows a start now (then taken); if not, a timer drains again when it does. */
    private boolean takeStart() {
        long now = nanoTime.getAsLong();
        long wait = nextStartAt - (settings.burst() - 1) * nanosPerStart - now;
        if (nanosPerStart == 0 || wait <= 0) {
            nextStartAt = Math.max(nextStartAt, now) + nanosPerStart;
            return true;
        }
        if (!timerArmed) {
            timerArmed = true;
            CompletableFuture.delayedExecutor(wait, TimeUnit.NANOSECONDS).execute(() -> {
                synchronized (this) {
                    timerArmed = false;
                }
                drain();
            });
        }
        return false;
    }

    private <T> void start(Waiting<T> waiting) {
        CompletableFuture<T> running;
        try {
            running = Objects.requireNonNull(waiting.call().get(), "the call returned no future");
        } catch (RuntimeException e) {
            running = CompletableFuture.failedFuture(e);
        }
        cancelling(waiting.result(), running);
        running.whenComplete((value, error) -> {
            synchronized (this) {
                inFlight--;
            }
            drain();
            if (error != null) {
                waiting.result().completeExceptionally(error);
            } else {
                waiting.result().complete(value);
            }
        });
    }

    /** Cancelling {@code result}, the future handed out, cancels {@code source}, the running call's. */
    static void cancelling(CompletableFuture<?> result, CompletableFuture<?> source) {
        result.whenComplete((value, error) -> {
            if (result.isCancelled()) {
                source.cancel(true);
            }
        });
    }
}
