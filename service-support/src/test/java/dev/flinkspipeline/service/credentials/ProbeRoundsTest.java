package dev.flinkspipeline.service.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkspipeline.flinks.client.Credential;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Probes are shared: one runs per credential, and who asks meanwhile gets the next one. */
class ProbeRoundsTest {

    /** Probes that complete when the test says. */
    private static final class HeldProbes implements CredentialProbe {
        final List<Credential> asked = new ArrayList<>();
        final List<CompletableFuture<ProbeVerdict>> open = new ArrayList<>();

        @Override
        public synchronized CompletableFuture<ProbeVerdict> probe(Credential credential) {
            asked.add(credential);
            CompletableFuture<ProbeVerdict> f = new CompletableFuture<>();
            open.add(f);
            return f;
        }
    }

    @Test
    void whoAsksWhileAProbeRunsWaitsForTheNextOneWhichStartsWhenItEnds() {
        HeldProbes probes = new HeldProbes();
        ProbeRounds rounds = new ProbeRounds(probes);

        CompletableFuture<ProbeVerdict> first = rounds.next(Credential.SECRET_KEY);
        CompletableFuture<ProbeVerdict> second = rounds.next(Credential.SECRET_KEY);
        CompletableFuture<ProbeVerdict> third = rounds.next(Credential.SECRET_KEY);
        assertThat(probes.asked).containsExactly(Credential.SECRET_KEY);

        probes.open.get(0).complete(ProbeVerdict.accepted(Credential.SECRET_KEY, "old"));
        assertThat(first.join().detail()).isEqualTo("old");
        assertThat(second).isNotDone();
        assertThat(probes.asked).hasSize(2);

        probes.open.get(1).complete(ProbeVerdict.refused(Credential.SECRET_KEY, "new"));
        assertThat(second.join().detail()).isEqualTo("new");
        assertThat(third).isSameAs(second);
        assertThat(probes.asked).hasSize(2);
    }

    @Test
    void credentialsHaveTheirOwnRounds() {
        HeldProbes probes = new HeldProbes();
        ProbeRounds rounds = new ProbeRounds(probes);

        rounds.next(Credential.SECRET_KEY);
        rounds.next(Credential.API_KEY);

        assertThat(probes.asked).containsExactly(Credential.SECRET_KEY, Credential.API_KEY);
    }

    @Test
    void aProbeThatFailsOrThrowsIsNoVerdict() {
        ProbeRounds throwing = new ProbeRounds(credential -> {
            throw new IllegalStateException("boom");
        });
        assertThat(throwing.next(Credential.API_KEY).join().verdict()).isEqualTo(ProbeVerdict.Verdict.UNKNOWN);

        ProbeRounds failing =
                new ProbeRounds(credential -> CompletableFuture.failedFuture(new IllegalStateException()));
        assertThat(failing.next(Credential.API_KEY).join().verdict()).isEqualTo(ProbeVerdict.Verdict.UNKNOWN);
        // and the next round starts afresh
        assertThat(failing.next(Credential.API_KEY).join().verdict()).isEqualTo(ProbeVerdict.Verdict.UNKNOWN);
    }
}
