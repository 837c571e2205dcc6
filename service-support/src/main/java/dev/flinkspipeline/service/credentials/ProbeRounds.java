package dev.flinkspipeline.service.credentials;

import dev.flinkspipeline.flinks.client.Credential;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Shares probes among the calls that want one: per credential at most one probe runs, and everyone who asks
 * while it runs waits for the next one, which starts when it ends. So a burst of suspected faults costs two
 * probes, and every verdict comes from a probe sent after the fault it judges arrived: a probe that was
 * already on its way may predate a key rotation.
 */
final class ProbeRounds {

    private final CredentialProbe probe;
    private final Map<Credential, Round> rounds = new EnumMap<>(Credential.class);

    private static final class Round {
        CompletableFuture<ProbeVerdict> running;
        CompletableFuture<ProbeVerdict> next;
    }

    ProbeRounds(CredentialProbe probe) {
        this.probe = Objects.requireNonNull(probe, "probe");
    }

    /** The verdict of a probe of {@code credential} that starts now or as soon as the running one ends. */
    CompletableFuture<ProbeVerdict> next(Credential credential) {
        CompletableFuture<ProbeVerdict> verdict;
        synchronized (this) {
            Round round = rounds.computeIfAbsent(credential, c -> new Round());
            if (round.running != null) {
                if (round.next == null) {
                    round.next = new CompletableFuture<>();
                }
                return round.next;
            }
            verdict = new CompletableFuture<>();
            round.running = verdict;
        }
        start(credential, verdict);
        return verdict;
    }

    private void start(Credential credential, CompletableFuture<ProbeVerdict> verdict) {
        CompletableFuture<ProbeVerdict> probing;
        try {
            probing = probe.probe(credential);
        } catch (RuntimeException e) {
            probing = CompletableFuture.failedFuture(e);
        }
        probing.whenComplete((found, error) -> {
            CompletableFuture<ProbeVerdict> following;
            synchronized (this) {
                Round round = rounds.get(credential);
                round.running = round.next;
                round.next = null;
                following = round.running;
            }
            verdict.complete(found != null ? found : ProbeVerdict.unknown(credential, "the probe failed: " + error));
            if (following != null) {
                start(credential, following);
            }
        });
    }
}
