package dev.flinkspipeline.service.job;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The meters of one kind of job ({@code pipeline_job_*}, {@code pipeline_jobs_*}, tagged {@code job}; listed in
 * docs/architecture.md); a service may add tags of its own, the same keys at every call of a meter.
 */
public final class JobMetrics {

    private static final Duration TWO_MINUTES = Duration.ofMinutes(2);

    private final MeterRegistry registry;
    private final String job;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<Object, AtomicLong> pendingByConsumer = new ConcurrentHashMap<>();
    private final Timer lateness;

    public JobMetrics(MeterRegistry registry, String job) {
        this.registry = registry;
        this.job = job;
        this.lateness =
                timer("pipeline.job.lateness", "How long after its due time a step started", Duration.ofMinutes(5));
        Gauge.builder("pipeline.jobs.in.flight", inFlight, AtomicInteger::get)
                .description("Steps running now")
                .tag("job", job)
                .register(registry);
        Gauge.builder(
                        "pipeline.jobs.pending",
                        pendingByConsumer,
                        m -> m.values().stream().mapToLong(AtomicLong::get).sum())
                .description("Scheduled records not yet consumed on this instance's partitions (consumer lag)")
                .tag("job", job)
                .register(registry);
    }

    public void started(String... tags) {
        count("pipeline.jobs.started", "Jobs started", tags);
    }

    /** A step ended with {@code outcome}. */
    public void step(String outcome, String... tags) {
        count("pipeline.job.steps", "Job steps by outcome", with(tags, "outcome", outcome));
    }

    /** A step is tried again later, for {@code reason}. */
    public void retry(String reason, String... tags) {
        count("pipeline.job.retries", "Steps rescheduled", with(tags, "reason", reason));
    }

    /** A job ended in PipelineFailed. */
    public void failed(String reason, String flinksCode) {
        String code = flinksCode == null ? "none" : flinksCode;
        count("pipeline.job.failures", "PipelineFailed written", "reason", reason, "flinks_code", code);
    }

    /** An input already taken on was skipped. */
    public void duplicate(String reason, String... tags) {
        count("pipeline.job.duplicates", "Inputs already taken on, skipped", with(tags, "reason", reason));
    }

    public void deadLetter(String topic, String reason) {
        count("pipeline.job.dead.letters", "Records sent to a dead-letter topic", "topic", topic, "reason", reason);
    }

    /** A scheduled step moved behind a due one to keep its partition on time. */
    public void requeued() {
        count("pipeline.job.requeued", "Scheduled steps re-enqueued behind a due one");
    }

    /** A batch whose transaction could not be committed (it is read again). */
    public void batchFailed(String listener) {
        count("pipeline.job.batches.failed", "Batches whose transaction failed (read again)", "listener", listener);
    }

    /** One batch of {@code listener}: how long its steps ran (zero when none ran) and its commit took. */
    public void batch(String listener, Duration steps, Duration commit) {
        String[] tags = {"listener", listener};
        timer("pipeline.job.batch.steps", "How long a consumed batch's steps ran (concurrently)", TWO_MINUTES, tags)
                .record(steps);
        timer("pipeline.job.batch.commit", "How long a consumed batch's transaction took", TWO_MINUTES, tags)
                .record(commit);
    }

    /** From a job's start to its {@code outcome}. */
    public void duration(String outcome, Duration duration) {
        timer("pipeline.job.duration", "From a job's start to its outcome", Duration.ofMinutes(40), "outcome", outcome)
                .record(duration.isNegative() ? Duration.ZERO : duration);
    }

    public void lateness(Duration late) {
        lateness.record(late.isNegative() ? Duration.ZERO : late);
    }

    /** {@code count} steps started (positive) or ended (negative). */
    public void inFlight(int count) {
        inFlight.addAndGet(count);
    }

    /** Scheduled records not yet consumed on one consumer's partitions (each consumer thread reports its own). */
    public void pending(Object consumer, long pending) {
        pendingByConsumer.computeIfAbsent(consumer, k -> new AtomicLong()).set(pending);
    }

    /** Keys known to the idempotency ledger {@code ledger}. */
    public void ledgerSize(String ledger, Supplier<Number> size) {
        Gauge.builder("pipeline.job.ledger.keys", size, s -> s.get().doubleValue())
                .description("Keys known to an idempotency ledger on this instance")
                .tags("job", job, "ledger", ledger)
                .register(registry);
    }

    private void count(String name, String description, String... tags) {
        Counter.builder(name)
                .description(description)
                .tag("job", job)
                .tags(Tags.of(tags))
                .register(registry)
                .increment();
    }

    private Timer timer(String name, String description, Duration max, String... tags) {
        return Timer.builder(name)
                .description(description)
                .tag("job", job)
                .tags(Tags.of(tags))
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(max)
                .register(registry);
    }

    private static String[] with(String[] tags, String key, String value) {
        return Stream.concat(Stream.of(key, value), Stream.of(tags)).toArray(String[]::new);
    }
}
