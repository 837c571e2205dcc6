package dev.flinkspipeline.service.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkspipeline.flinks.client.Credential;
import dev.flinkspipeline.service.credentials.ProbeVerdict.Verdict;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/** Probes are shared: one runs per credential, and who asks meanwhile gets the next one. */
class ProbeRoundsTest {

    /** Probes that complete when the test says. */
    private static final class HeldProbes implements Function<Credential, CompletableFuture<ProbeVerdict>> {
        final List<Credential> asked = new ArrayList<>();
        final List<CompletableFuture<ProbeVerdict>> open = new ArrayList<>();

        @Override
        public synchronized CompletableFuture<ProbeVerdict> apply(Credential credential) {
            asked.add(credential);
            CompletableFuture<ProbeVerdict> f = new CompletableFuture<>();
            open.add(f);
            return f;
        }
    }

    private static CredentialsGuard rounds(Function<Credential, CompletableFuture<ProbeVerdict>> probe) {
        return new CredentialsGuard(
                new CredentialsCircuit(),
                probe,
                new KafkaListenerEndpointRegistry(),
                Clock.systemUTC(),
                Duration.ofSeconds(1),
                new SimpleMeterRegistry());
    }

    @Test
    void whoAsksWhileAProbeRunsWaitsForTheNextOneWhichStartsWhenItEnds() {
        HeldProbes probes = new HeldProbes();
        CredentialsGuard rounds = rounds(probes);

        CompletableFuture<ProbeVerdict> first = rounds.nextProbe(Credential.SECRET_KEY);
        CompletableFuture<ProbeVerdict> second = rounds.nextProbe(Credential.SECRET_KEY);
        CompletableFuture<ProbeVerdict> third = rounds.nextProbe(Credential.SECRET_KEY);
        assertThat(probes.asked).containsExactly(Credential.SECRET_KEY);

        probes.open.get(0).complete(new ProbeVerdict(Verdict.ACCEPTED, "old"));
        assertThat(first.join().detail()).isEqualTo("old");
        assertThat(second).isNotDone();
        assertThat(probes.asked).hasSize(2);

        probes.open.get(1).complete(new ProbeVerdict(Verdict.REFUSED, "new"));
        assertThat(second.join().detail()).isEqualTo("new");
        assertThat(third).isSameAs(second);
        assertThat(probes.asked).hasSize(2);
    }

    @Test
    void credentialsHaveTheirOwnRounds() {
        HeldProbes probes = new HeldProbes();
        CredentialsGuard rounds = rounds(probes);

        rounds.nextProbe(Credential.SECRET_KEY);
        rounds.nextProbe(Credential.API_KEY);

        assertThat(probes.asked).containsExactly(Credential.SECRET_KEY, Credential.API_KEY);
    }

    @Test
    void aProbeThatFailsOrThrowsIsNoVerdict() {
        CredentialsGuard throwing = rounds(credential -> {
            throw new IllegalStateException("boom");
        });
        assertThat(throwing.nextProbe(Credential.API_KEY).join().verdict()).isEqualTo(Verdict.UNKNOWN);

        CredentialsGuard failing = rounds(credential -> CompletableFuture.failedFuture(new IllegalStateException()));
        assertThat(failing.nextProbe(Credential.API_KEY).join().verdict()).isEqualTo(Verdict.UNKNOWN);
        // and the next round starts afresh
        assertThat(failing.nextProbe(Credential.API_KEY).join().verdict()).isEqualTo(Verdict.UNKNOWN);
    }
}
