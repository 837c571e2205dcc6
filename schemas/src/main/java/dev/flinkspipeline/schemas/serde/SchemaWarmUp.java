package dev.flinkspipeline.schemas.serde;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;

/**
 * Resolves the schemas of a service's output topics with the registry while it starts, as its serializer would on
 * the first record ({@link AvroSerializer#resolve}), so the first customer does not wait for it. A service may start
 * before the registry: while the registry is unreachable the resolution is scheduled again every {@link #RETRY}, up
 * to a patience; nothing waits between tries.
 */
public final class SchemaWarmUp {

    static final Duration RETRY = Duration.ofMillis(500);

    private final AvroSerializer serializer;
    private final Map<String, Schema> pending;
    private final ScheduledExecutorService scheduler;
    private final long deadline;
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    private SchemaWarmUp(
            AvroSerializer serializer,
            Map<String, Schema> schemas,
            Duration patience,
            ScheduledExecutorService scheduler) {
        this.serializer = serializer;
        this.pending = new LinkedHashMap<>(schemas);
        this.scheduler = scheduler;
        this.deadline = System.nanoTime() + patience.toNanos();
    }

    /**
     * Starts resolving {@code schemas} (topic to its value schema) on {@code scheduler}. The future completes when
     * every one is resolved, or fails with the first answer that is not "unreachable" (e.g. a 409 incompatible),
     * or with the last {@link SchemaRegistryException.Unreachable} once {@code patience} is over.
     */
    public static CompletableFuture<Void> start(
            AvroSerializer serializer,
            Map<String, Schema> schemas,
            Duration patience,
            ScheduledExecutorService scheduler) {
        SchemaWarmUp warmUp = new SchemaWarmUp(serializer, schemas, patience, scheduler);
        warmUp.schedule(0);
        return warmUp.done;
    }

    /** A scheduler for a service's warm-up: one daemon thread, {@code producer-warm-up}; shut it down at the end. */
    public static ScheduledExecutorService newScheduler() {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "producer-warm-up");
            thread.setDaemon(true);
            return thread;
        });
    }

    private void attempt() {
        try {
            for (Iterator<Map.Entry<String, Schema>> it = pending.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, Schema> output = it.next();
                serializer.resolve(output.getKey(), output.getValue());
                it.remove();
            }
            done.complete(null);
        } catch (SchemaRegistryException.Unreachable e) {
            if (System.nanoTime() - deadline > 0) {
                done.completeExceptionally(e);
            } else {
                schedule(RETRY.toMillis());
            }
        } catch (RuntimeException e) {
            String topic = pending.keySet().iterator().next();
            done.completeExceptionally(new IllegalStateException("schema of " + topic + ": " + e.getMessage(), e));
        }
    }

    private void schedule(long delayMillis) {
        try {
            scheduler.schedule(this::attempt, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) { // the service is stopping
            done.completeExceptionally(e);
        }
    }
}
