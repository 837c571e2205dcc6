package dev.flinkspipeline.attributes.metrics;

import dev.flinkspipeline.attributes.dedup.SnapshotVerdict;
import dev.flinkspipeline.attributes.job.AttemptResult;
import dev.flinkspipeline.attributes.job.JobDecision;
import dev.flinkspipeline.attributes.session.SessionChoice;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The service's meters (Prometheus names: {@code flinks_attributes_*}). Outcome meters are recorded after
 * the Kafka transaction that wrote the outcome committed, so a replayed batch is not counted twice.
 */
public final class AttributesMetrics {

    private final MeterRegistry registry;

    public AttributesMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Gauge of the snapshots known to the deduplication ledger. */
    public void snapshotsKnown(Supplier<Number> count) {
        registry.gauge("flinks.attributes.snapshots.known", count, s -> s.get().doubleValue());
    }

    /** A job started: reuse of the AccountsReady requestId or re-authorization, and why. */
    public void jobStarted(SessionChoice choice, String source) {
        Counter.builder("flinks.attributes.jobs.started")
                .description("Attributes jobs started, by session path and reason")
                .tag("path", choice.path()).tag("reason", choice.name()).tag("source", source)
                .register(registry).increment();
    }

    /** A snapshot arrived that was already taken on. */
    public void duplicate(SnapshotVerdict verdict, String source) {
        Counter.builder("flinks.attributes.duplicates")
                .description("AccountsReady records whose snapshot was already taken on (not re-fetched)")
                .tag("verdict", verdict.tag()).tag("source", source)
                .register(registry).increment();
    }

    public void deadLetter(String topic, String reason) {
        Counter.builder("flinks.attributes.dead.letters")
                .description("Records sent to a dead-letter topic")
                .tag("topic", topic).tag("reason", reason)
                .register(registry).increment();
    }

    /** A scheduled job was moved behind a due one to keep its partition on time. */
    public void requeued() {
        Counter.builder("flinks.attributes.jobs.requeued")
                .description("Scheduled jobs re-enqueued because a later job in their partition was due first")
                .register(registry).increment();
    }

    public void batchFailed(String listener) {
        Counter.builder("flinks.attributes.batches.failed")
                .description("Batches whose outcomes could not be written to Kafka (retried)")
                .tag("listener", listener).register(registry).increment();
    }

    /** A committed decision. */
    public void decided(JobDecision decision, Instant now) {
        if (decision instanceof JobDecision.Done done) {
            AttemptResult.Fetched fetched = done.fetched();
            Counter.builder("flinks.attributes.fetched")
                    .description("Attributes fetched and emitted")
                    .tag("path", fetched.requestIdReused() ? "reuse" : "reauthorize")
                    .tag("attribute_set", fetched.job().attributeSet())
                    .tag("source", fetched.job().source())
                    .register(registry).increment();
            jobDuration("fetched", decision, now);
        } else if (decision instanceof JobDecision.GaveUp gaveUp) {
            AttemptResult.Failed failed = gaveUp.failed();
            String code = failed.answer().flinksCode();
            Counter.builder("flinks.attributes.failures")
                    .description("Jobs that ended in PipelineFailed, by reason and FlinksCode")
                    .tag("reason", failed.reason())
                    .tag("flinks_code", code == null ? "none" : code)
                    .register(registry).increment();
            jobDuration("failed", decision, now);
        } else if (decision instanceof JobDecision.Retry retry) {
            Counter.builder("flinks.attributes.retries")
                    .description("Attempts that will be retried, by step and kind")
                    .tag("step", retry.job().step().name())
                    .tag("kind", retry.retry().kind().name())
                    .register(registry).increment();
        }
    }

    private void jobDuration(String outcome, JobDecision decision, Instant now) {
        Timer.builder("flinks.attributes.job.duration")
                .description("From a job's first attempt to its outcome")
                .tag("outcome", outcome)
                .register(registry)
                .record(Duration.between(decision.job().firstAttemptAt(), now));
    }
}
