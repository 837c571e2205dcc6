package dev.flinkspipeline.poller.metrics;

import dev.flinkspipeline.poller.job.JobOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The poller's own metrics (Flinks latency by endpoint and status comes from service-support's
 * {@code flinks.client.requests}):
 * <ul>
 *   <li>{@code poller.jobs.pending} (gauge): PollScheduled records not yet consumed on this instance's
 *       partitions (consumer lag: an upper bound, as transaction markers count too);</li>
 *   <li>{@code poller.jobs.in.flight} (gauge): steps running now;</li>
 *   <li>{@code poller.steps{outcome}}: steps by outcome ({@code accounts_ready}, {@code pending},
 *       {@code retry}, {@code failed}, {@code timed_out}, {@code credentials}: parked while Flinks refuses
 *       our credentials);</li>
 *   <li>{@code poller.login.to.accounts.ready} (timer): LoginReceived.receivedAt to AccountsReady;</li>
 *   <li>{@code poller.poll.lateness} (timer): how long after its due time a scheduled step started;</li>
 *   <li>{@code poller.retries{reason}}: transient failures rescheduled, by FlinksCode or HTTP status;</li>
 *   <li>{@code poller.failures{reason,flinks_code}}: PipelineFailed written;</li>
 *   <li>{@code poller.dead.letters{topic}}: records sent to a dead-letter topic;</li>
 *   <li>{@code poller.batch.steps{listener}} and {@code poller.batch.commit{listener}} (timers): per
 *       consumed batch, how long its steps ran (concurrently) and how long its transaction took; what a
 *       consumer thread is busy with between two polls.</li>
 * </ul>
 */
public final class PollerMetrics {

    private final MeterRegistry registry;
    private final Timer loginToAccounts;
    private final Timer lateness;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<Object, AtomicLong> pendingBySource = new ConcurrentHashMap<>();

    public PollerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.loginToAccounts = Timer.builder("poller.login.to.accounts.ready")
                .description("From LoginReceived.receivedAt to AccountsReady written")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofMinutes(40))
                .register(registry);
        this.lateness = Timer.builder("poller.poll.lateness")
                .description("How long after its due time a scheduled step started")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(registry);
        Gauge.builder("poller.jobs.in.flight", inFlight, AtomicInteger::get)
                .description("Job steps running now").register(registry);
        Gauge.builder("poller.jobs.pending", pendingBySource, PollerMetrics::sum)
                .description("PollScheduled records not yet consumed on this instance's partitions (consumer lag)")
                .register(registry);
    }

    public void stepsStarted(int count) {
        inFlight.addAndGet(count);
    }

    public void stepsEnded(int count) {
        inFlight.addAndGet(-count);
    }

    /** The pending count seen by one consumer (each consumer thread reports its own partitions). */
    public void pending(Object consumer, long pending) {
        pendingBySource.computeIfAbsent(consumer, k -> new AtomicLong()).set(pending);
    }

    /** One batch of {@code listener}: its steps' time (zero when none ran) and its commit's. */
    public void batch(String listener, Duration steps, Duration commit) {
        Timer.builder("poller.batch.steps").description("How long a consumed batch's steps ran (concurrently)")
                .tag("listener", listener).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(2))
                .register(registry).record(steps);
        Timer.builder("poller.batch.commit").description("How long a consumed batch's transaction took")
                .tag("listener", listener).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(2))
                .register(registry).record(commit);
    }

    public void lateness(Duration late) {
        lateness.record(late.isNegative() ? Duration.ZERO : late);
    }

    public Timer latenessTimer() {
        return lateness;
    }

    public void outcome(JobOutcome outcome, boolean timedOut, Instant now) {
        String tag;
        if (outcome instanceof JobOutcome.AccountsFetched fetched) {
            tag = "accounts_ready";
            Instant received = fetched.job().loginReceivedAt();
            if (received != null) {
                loginToAccounts.record(Duration.between(received, now).isNegative() ? Duration.ZERO
                        : Duration.between(received, now));
            }
        } else if (outcome instanceof JobOutcome.Rescheduled rescheduled) {
            if (rescheduled.why() == JobOutcome.Rescheduled.Why.PENDING) {
                tag = "pending";
            } else if (rescheduled.why() == JobOutcome.Rescheduled.Why.CREDENTIALS) {
                tag = "credentials";
            } else {
                tag = timedOut ? "timed_out" : "retry";
                String reason = rescheduled.flinksCode() != null ? rescheduled.flinksCode()
                        : rescheduled.httpStatus() == 0 ? "no_answer" : "http_" + rescheduled.httpStatus();
                Counter.builder("poller.retries").description("Transient failures rescheduled")
                        .tag("reason", reason).register(registry).increment();
            }
        } else {
            JobOutcome.Failed failed = (JobOutcome.Failed) outcome;
            tag = "failed";
            failed(failed.reason().name(), failed.flinksCode());
        }
        Counter.builder("poller.steps").description("Job steps by outcome").tag("outcome", tag)
                .register(registry).increment();
    }

    /** Accounts were fetched but a PipelineFailed({@code reason}) was written instead. */
    public void accountsNotWritten(String reason) {
        Counter.builder("poller.steps").description("Job steps by outcome").tag("outcome", "failed")
                .register(registry).increment();
        failed(reason, null);
    }

    public void failed(String reason, String flinksCode) {
        Counter.builder("poller.failures").description("PipelineFailed written")
                .tag("reason", reason).tag("flinks_code", flinksCode == null ? "none" : flinksCode)
                .register(registry).increment();
    }

    public void deadLetter(String topic) {
        Counter.builder("poller.dead.letters").description("Records sent to a dead-letter topic")
                .tag("topic", topic).register(registry).increment();
    }

    /** A LoginReceived whose eventId was already taken on: not started again. */
    public void duplicateLogin() {
        Counter.builder("poller.duplicate.logins").description("LoginReceived skipped: same eventId already taken on")
                .register(registry).increment();
    }

    private static double sum(Map<Object, AtomicLong> values) {
        return values.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** A webhook-flow login started waiting for its webhook (nothing is polled meanwhile). */
    public void webhookWaitStarted() {
        Counter.builder("poller.webhook.waits").description("Webhook-flow logins that started waiting for their webhook")
                .register(registry).increment();
    }

    /**
     * A webhook-flow login's wait ended: {@code arrived} when its AccountsReady came, otherwise the
     * missing-webhook fallback fetches it (an operational fault to fix at Flinks).
     */
    public void webhookWaitEnded(boolean arrived) {
        Counter.builder("poller.webhook.wait.outcomes")
                .description("Webhook-flow waits by outcome: arrived, or missing (a fallback fetch follows)")
                .tag("outcome", arrived ? "arrived" : "missing").register(registry).increment();
    }
}
