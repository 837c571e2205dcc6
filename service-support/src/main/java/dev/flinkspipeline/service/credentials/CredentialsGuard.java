package dev.flinkspipeline.service.credentials;

import dev.flinkspipeline.flinks.client.Credential;
import dev.flinkspipeline.flinks.client.FailureClass;
import dev.flinkspipeline.flinks.client.FlinksResult;
import dev.flinkspipeline.service.credentials.ProbeVerdict.Verdict;
import dev.flinkspipeline.service.flinks.FlinksClientProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Keeps our own credential faults from failing logins: a failure suspecting one of our credentials waits for a
 * probe of it ({@link #vet}). Refused: the circuit opens (containers paused, one ERROR naming the setting) and the
 * failure is {@code CREDENTIALS}, so the job waits. Accepted: the login's own fault passes, one without a FlinksCode
 * (saying nothing about the login) is RETRY_LATER, as is no verdict. While open, a refused credential's fault is
 * {@code CREDENTIALS} at once, and a probe every {@code probeInterval} closes the circuit once all are accepted.
 */
public final class CredentialsGuard implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CredentialsGuard.class);

    private final CredentialsCircuit circuit;
    private final Function<Credential, CompletableFuture<ProbeVerdict>> probe;
    private final KafkaListenerEndpointRegistry containers;
    private final Clock clock;
    private final Duration probeInterval;
    private final MeterRegistry meters;
    // Probe rounds (guarded by this): one probe per credential runs; who asks meanwhile waits for the next one,
    // started when it ends. A burst costs two probes, and every verdict comes from a probe sent after the fault.
    private final Set<Credential> probing = EnumSet.noneOf(Credential.class);
    private final Map<Credential, CompletableFuture<ProbeVerdict>> nextRound = new EnumMap<>(Credential.class);
    private final List<MessageListenerContainer> pausedHere = new ArrayList<>(); // guarded by this
    private volatile boolean closed;

    public CredentialsGuard(
            CredentialsCircuit circuit,
            Function<Credential, CompletableFuture<ProbeVerdict>> probe,
            KafkaListenerEndpointRegistry containers,
            Clock clock,
            Duration probeInterval,
            MeterRegistry meters) {
        if (!probeInterval.isPositive()) {
            throw new IllegalArgumentException("the probe interval must be positive");
        }
        this.circuit = circuit;
        this.probe = probe;
        this.containers = containers;
        this.clock = clock;
        this.probeInterval = probeInterval;
        this.meters = meters;
        Gauge.builder("flinks.credentials.circuit.open", circuit, c -> c.isOpen() ? 1 : 0)
                .description("1 while Flinks refuses one of our credentials (consumption paused)")
                .register(meters);
    }

    /** {@code result} as the caller should see it; completes at once unless a probe has to decide. */
    public <T> CompletableFuture<FlinksResult<T>> vet(FlinksResult<T> result) {
        if (!(result instanceof FlinksResult.Failure<T> failure)
                || failure.failureClass() == FailureClass.CREDENTIALS
                || failure.suspectedCredential().isEmpty()) {
            return CompletableFuture.completedFuture(result);
        }
        Credential credential = failure.suspectedCredential().get();
        if (circuit.refused().contains(credential)) {
            return CompletableFuture.completedFuture(credentialsFault(failure, credential));
        }
        return nextProbe(credential).thenApply(verdict -> judge(failure, credential, verdict));
    }

    private <T> FlinksResult<T> judge(FlinksResult.Failure<T> failure, Credential credential, ProbeVerdict verdict) {
        return switch (verdict.verdict()) {
            case REFUSED -> {
                refused(credential, failure.message() + "; probe: " + verdict.detail());
                yield credentialsFault(failure, credential);
            }
            case ACCEPTED ->
                failure.flinksCode() != null
                        ? failure
                        : retried(failure, "our " + name(credential) + " works: a refusal of this one call");
            case UNKNOWN -> retried(failure, "could not check our " + name(credential) + ": " + verdict.detail());
        };
    }

    private static <T> FlinksResult<T> retried(FlinksResult.Failure<T> failure, String why) {
        return failure.reclassified(FailureClass.RETRY_LATER, failure.message() + " (" + why + "; retried)");
    }

    private static <T> FlinksResult<T> credentialsFault(FlinksResult.Failure<T> failure, Credential credential) {
        String why = " (Flinks refuses our " + name(credential) + ")";
        return failure.reclassified(FailureClass.CREDENTIALS, failure.message() + why);
    }

    /** The verdict of a probe of {@code credential} that starts now or as soon as the running one ends. */
    CompletableFuture<ProbeVerdict> nextProbe(Credential credential) {
        synchronized (this) {
            if (!probing.add(credential)) {
                return nextRound.computeIfAbsent(credential, c -> new CompletableFuture<>());
            }
        }
        CompletableFuture<ProbeVerdict> verdict = new CompletableFuture<>();
        startProbe(credential, verdict);
        return verdict;
    }

    private void startProbe(Credential credential, CompletableFuture<ProbeVerdict> verdict) {
        // thenCompose on a completed future: a probe that throws completes exceptionally instead.
        CompletableFuture.completedFuture(credential).thenCompose(probe).whenComplete((found, error) -> {
            CompletableFuture<ProbeVerdict> following;
            synchronized (this) {
                following = nextRound.remove(credential);
                if (following == null) {
                    probing.remove(credential);
                }
            }
            verdict.complete(found != null ? found : new ProbeVerdict(Verdict.UNKNOWN, "the probe failed: " + error));
            if (following != null) {
                startProbe(credential, following);
            }
        });
    }

    private void refused(Credential credential, String evidence) {
        CredentialsCircuit.Change change = circuit.refused(credential, clock.instant());
        if (change == CredentialsCircuit.Change.NONE) {
            return;
        }
        boolean opened = change == CredentialsCircuit.Change.OPENED;
        log.error(
                "Flinks refuses our {}: check {}. {}; no login is failed for it: consumption is paused and jobs "
                        + "wait until a probe every {} s finds it accepted. Evidence: {}",
                name(credential),
                FlinksClientProperties.settingOf(credential),
                opened ? "Credentials circuit open" : "Credentials circuit already open",
                probeInterval.toMillis() / 1000.0,
                evidence);
        if (opened) {
            Counter.builder("flinks.credentials.circuit.openings")
                    .description("Times the credentials circuit opened, by the credential Flinks refused")
                    .tag("credential", credential.name().toLowerCase(Locale.ROOT))
                    .register(meters)
                    .increment();
        }
        pauseContainers();
        probeLater(credential);
    }

    /** Probes a refused credential every interval until accepted; the last accepted closes the circuit. */
    private void probeLater(Credential credential) {
        if (closed) {
            return;
        }
        Executor later = CompletableFuture.delayedExecutor(probeInterval.toNanos(), TimeUnit.NANOSECONDS);
        CompletableFuture.supplyAsync(() -> credential, later)
                .thenCompose(this::nextProbe)
                .thenAccept(verdict -> {
                    if (verdict.verdict() != Verdict.ACCEPTED) {
                        log.debug("Probe of our {}: {} ({})", name(credential), verdict.verdict(), verdict.detail());
                        probeLater(credential);
                        return;
                    }
                    circuit.accepted(credential, clock.instant()).ifPresent(openFor -> {
                        log.warn(
                                "Flinks accepts our credentials again: credentials circuit closed after {} s, "
                                        + "consumption resumed",
                                openFor.toMillis() / 1000.0);
                        resumeContainers();
                    });
                });
    }

    /**
     * Pauses every listener container but one paused by someone else (an operator's to resume): its consumer keeps
     * its partitions but fetches nothing; a partition's own pause ({@code PartitionPauser}) holds past the resume.
     * Hand-written: spring-kafka's {@code ListenerContainerPauseService} pauses for a fixed time, not until an event.
     */
    synchronized void pauseContainers() {
        for (MessageListenerContainer container : containers.getListenerContainers()) {
            if (!container.isPauseRequested()) {
                container.pause();
                pausedHere.add(container);
            }
        }
    }

    synchronized void resumeContainers() {
        pausedHere.forEach(MessageListenerContainer::resume);
        pausedHere.clear();
    }

    synchronized int pausedContainers() {
        return pausedHere.size();
    }

    /** How a credential is called in messages. */
    public static String name(Credential credential) {
        return credential.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** Stops probing (the service is closing). */
    @Override
    public void close() {
        closed = true;
    }
}
