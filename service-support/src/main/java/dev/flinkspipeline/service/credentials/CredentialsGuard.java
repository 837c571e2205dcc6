package dev.flinkspipeline.service.credentials;

import dev.flinkspipeline.flinks.client.Credential;
import dev.flinkspipeline.flinks.client.FailureClass;
import dev.flinkspipeline.flinks.client.FlinksResult;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps our own credential faults from failing logins. Every Flinks result passes {@link #vet}: a failure that
 * suspects one of our credentials is checked with a probe of that credential alone.
 * <ul>
 *   <li>Probe refused: the circuit opens (listeners pause consumption, log, count) and the failure becomes
 *       {@link FailureClass#CREDENTIALS}: the job waits without losing anything.</li>
 *   <li>Probe accepted: the fault is the login's own (e.g. a data call on a session waiting for MFA) and
 *       passes unchanged; a 401/403 without a FlinksCode is no answer about the login, so it becomes
 *       RETRY_LATER (retry limits and deadlines still bound it).</li>
 *   <li>No verdict (Flinks busy, unreachable): RETRY_LATER.</li>
 * </ul>
 * While the circuit is open, a suspected fault of a refused credential is {@code CREDENTIALS} at once, and the
 * refused credentials are probed every {@code probeInterval} (on a timer: no thread waits) until all are
 * accepted; then the circuit closes and listeners resume consumption.
 */
public final class CredentialsGuard implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CredentialsGuard.class);

    private final CredentialsCircuit circuit;
    private final ProbeRounds rounds;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    private final Duration probeInterval;
    private final List<CircuitListener> listeners = new CopyOnWriteArrayList<>();
    private boolean recovering; // guarded by this

    /** With its own daemon timer thread for the probes while the circuit is open, stopped by {@link #close()}. */
    public CredentialsGuard(CredentialsCircuit circuit, CredentialProbe probe, Clock clock, Duration probeInterval) {
        if (probeInterval == null || probeInterval.isNegative() || probeInterval.isZero()) {
            throw new IllegalArgumentException("the probe interval must be positive");
        }
        this.circuit = Objects.requireNonNull(circuit, "circuit");
        this.rounds = new ProbeRounds(probe);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.probeInterval = probeInterval;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "flinks-credentials-probe");
            t.setDaemon(true);
            return t;
        });
    }

    public CredentialsCircuit circuit() {
        return circuit;
    }

    public void addListener(CircuitListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** {@code result} as the caller should see it; completes at once unless a probe has to decide. */
    public <T> CompletableFuture<FlinksResult<T>> vet(FlinksResult<T> result) {
        if (!(result instanceof FlinksResult.Failure<T> failure)) {
            return CompletableFuture.completedFuture(result);
        }
        Optional<Credential> suspect = failure.suspectedCredential();
        if (suspect.isEmpty() || failure.failureClass() == FailureClass.CREDENTIALS) {
            return CompletableFuture.completedFuture(result);
        }
        Credential credential = suspect.get();
        if (circuit.refuses(credential)) {
            return CompletableFuture.completedFuture(credentialsFault(failure, credential));
        }
        return rounds.next(credential).thenApply(verdict -> judge(failure, verdict));
    }

    private <T> FlinksResult<T> judge(FlinksResult.Failure<T> failure, ProbeVerdict verdict) {
        return switch (verdict.verdict()) {
            case REFUSED -> {
                refused(verdict.credential(), failure.message() + "; probe: " + verdict.detail());
                yield credentialsFault(failure, verdict.credential());
            }
            case ACCEPTED ->
                failure.flinksCode() != null
                        ? failure
                        : failure.reclassified(
                                FailureClass.RETRY_LATER,
                                failure.message() + " (our " + name(verdict.credential())
                                        + " works: a refusal of this one call, retried)");
            case UNKNOWN ->
                failure.reclassified(
                        FailureClass.RETRY_LATER,
                        failure.message() + " (could not check our " + name(verdict.credential()) + ": "
                                + verdict.detail() + "; retried)");
        };
    }

    private static <T> FlinksResult<T> credentialsFault(FlinksResult.Failure<T> failure, Credential credential) {
        return failure.reclassified(
                FailureClass.CREDENTIALS, failure.message() + " (Flinks refuses our " + name(credential) + ")");
    }

    private void refused(Credential credential, String evidence) {
        CredentialsCircuit.Change change = circuit.refused(credential, clock.instant());
        if (change == CredentialsCircuit.Change.NONE) {
            return;
        }
        boolean opened = change == CredentialsCircuit.Change.OPENED;
        notifyListeners(listener -> listener.refused(credential, opened, evidence));
        startRecovery();
    }

    private synchronized void startRecovery() {
        if (!recovering) {
            recovering = true;
            scheduleProbe();
        }
    }

    private void scheduleProbe() {
        try {
            timer.schedule(this::probeRefused, probeInterval.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    /** Probes every refused credential; closes the circuit when all are accepted, else probes again later. */
    private void probeRefused() {
        Set<Credential> refused = circuit.refused();
        List<CompletableFuture<ProbeVerdict>> probes = new ArrayList<>();
        refused.forEach(credential -> probes.add(rounds.next(credential)));
        CompletableFuture.allOf(probes.toArray(CompletableFuture[]::new)).whenComplete((ignored, error) -> {
            Optional<Duration> closed = Optional.empty();
            for (CompletableFuture<ProbeVerdict> probe : probes) {
                ProbeVerdict verdict = probe.join(); // rounds never complete exceptionally
                if (verdict.verdict() == ProbeVerdict.Verdict.ACCEPTED) {
                    Optional<Duration> closing = circuit.accepted(verdict.credential(), clock.instant());
                    if (closing.isPresent()) {
                        closed = closing;
                    }
                } else if (log.isDebugEnabled()) {
                    log.debug(
                            "Flinks credentials probe: our {} {}: {}",
                            name(verdict.credential()),
                            verdict.verdict() == ProbeVerdict.Verdict.REFUSED
                                    ? "is still refused"
                                    : "could not be checked",
                            verdict.detail());
                }
            }
            closed.ifPresent(openFor -> notifyListeners(listener -> listener.closed(openFor)));
            synchronized (this) {
                if (circuit.isOpen()) {
                    scheduleProbe();
                } else {
                    recovering = false;
                }
            }
        });
    }

    private void notifyListeners(Consumer<CircuitListener> event) {
        for (CircuitListener listener : listeners) {
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                log.warn("A credentials circuit listener failed: {}", e.toString());
            }
        }
    }

    /** How a credential is called in messages. */
    static String name(Credential credential) {
        return credential.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
