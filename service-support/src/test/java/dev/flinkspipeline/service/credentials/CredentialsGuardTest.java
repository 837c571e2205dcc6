package dev.flinkspipeline.service.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.flinkspipeline.flinks.client.Credential;
import dev.flinkspipeline.flinks.client.FailureClass;
import dev.flinkspipeline.flinks.client.FailureKind;
import dev.flinkspipeline.flinks.client.FlinksOperation;
import dev.flinkspipeline.flinks.client.FlinksResult;
import dev.flinkspipeline.service.credentials.ProbeVerdict.Verdict;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/** Vetting results with a probe, opening the circuit, and probing until it closes. */
class CredentialsGuardTest {

    /** A probe whose verdict per credential the test sets; counts its calls. */
    private static final class SwitchableProbe implements Function<Credential, CompletableFuture<ProbeVerdict>> {
        final Map<Credential, Verdict> verdicts = new ConcurrentHashMap<>(
                Map.of(Credential.SECRET_KEY, Verdict.ACCEPTED, Credential.API_KEY, Verdict.ACCEPTED));
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public CompletableFuture<ProbeVerdict> apply(Credential credential) {
            calls.incrementAndGet();
            return CompletableFuture.completedFuture(
                    new ProbeVerdict(verdicts.get(credential), "probe answered " + verdicts.get(credential)));
        }
    }

    private final SwitchableProbe probe = new SwitchableProbe();
    private final CredentialsCircuit circuit = new CredentialsCircuit();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final CredentialsGuard guard = guard(Duration.ofMillis(30));

    private CredentialsGuard guard(Duration interval) {
        return new CredentialsGuard(
                circuit, probe, new KafkaListenerEndpointRegistry(), Clock.systemUTC(), interval, meters);
    }

    @BeforeEach
    void capture() {
        logged.start();
        ((Logger) LoggerFactory.getLogger(CredentialsGuard.class)).addAppender(logged);
    }

    @AfterEach
    void close() {
        guard.close();
        ((Logger) LoggerFactory.getLogger(CredentialsGuard.class)).detachAppender(logged);
    }

    /** What the guard reported (its ERROR and WARN lines): "opened X", "refused X" (already open) or "closed". */
    private List<String> reported() {
        return logged.list.stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .map(ILoggingEvent::getFormattedMessage)
                .map(line -> line.contains("circuit closed")
                        ? "closed"
                        : (line.contains("Credentials circuit open;") ? "opened " : "refused ")
                                + (line.startsWith("Flinks refuses our api key") ? "API_KEY" : "SECRET_KEY"))
                .toList();
    }

    private double openings(Credential credential) {
        Counter counter = meters.find("flinks.credentials.circuit.openings")
                .tag("credential", credential.name().toLowerCase(Locale.ROOT))
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static FlinksResult.Failure<Object> failure(FlinksOperation operation, String code, int status) {
        FailureClass failureClass = code == null
                ? FailureClass.TERMINAL
                : "UNAUTHORIZED".equals(code) || "DISABLED_LOGIN".equals(code)
                        ? FailureClass.TERMINAL
                        : FailureClass.RETRY_LATER;
        return new FlinksResult.Failure<>(
                operation,
                failureClass,
                code == null ? FailureKind.HTTP_ERROR : FailureKind.FLINKS_ERROR,
                code,
                status,
                operation.endpoint() + " answered HTTP " + status,
                "req-1",
                null);
    }

    private FlinksResult.Failure<?> vet(FlinksResult<Object> result) {
        return (FlinksResult.Failure<?>) guard.vet(result).join();
    }

    @Test
    void resultsThatSuspectNothingPassWithoutAProbe() {
        FlinksResult<Object> data = new FlinksResult.Data<>("x", 200, null);
        FlinksResult<Object> disabled = failure(FlinksOperation.AUTHORIZE, "DISABLED_LOGIN", 401);
        FlinksResult<Object> tokenReused = failure(FlinksOperation.AUTHORIZE, "UNAUTHORIZED", 401);

        assertThat(guard.vet(data).join()).isSameAs(data);
        assertThat(guard.vet(disabled).join()).isSameAs(disabled);
        assertThat(guard.vet(tokenReused).join()).isSameAs(tokenReused);
        assertThat(probe.calls).hasValue(0);
    }

    @Test
    void aLoginSOwnUnauthorizedPassesUnchangedWhenTheProbeFindsOurKeyAccepted() {
        FlinksResult<Object> mfaPending = failure(FlinksOperation.GET_ACCOUNTS_DETAIL, "UNAUTHORIZED", 401);

        assertThat(guard.vet(mfaPending).join()).isSameAs(mfaPending);
        assertThat(probe.calls).hasValue(1);
        assertThat(circuit.isOpen()).isFalse();
        assertThat(reported()).isEmpty();
    }

    @Test
    void aRefusalWithoutAFlinksCodeIsRetriedWhenOurCredentialsWork() {
        FlinksResult.Failure<?> vetted = vet(failure(FlinksOperation.GET_ATTRIBUTES, null, 403));

        assertThat(vetted.failureClass()).isEqualTo(FailureClass.RETRY_LATER);
        assertThat(vetted.message()).contains("our api key works");
        assertThat(circuit.isOpen()).isFalse();
    }

    @Test
    void noVerdictMeansRetryLaterNeverAFailedLogin() {
        probe.verdicts.put(Credential.SECRET_KEY, Verdict.UNKNOWN);

        FlinksResult.Failure<?> vetted = vet(failure(FlinksOperation.GENERATE_AUTHORIZE_TOKEN, "UNAUTHORIZED", 401));

        assertThat(vetted.failureClass()).isEqualTo(FailureClass.RETRY_LATER);
        assertThat(circuit.isOpen()).isFalse();
    }

    @Test
    void aConfirmedRefusalOpensTheCircuitAndMakesItACredentialsFault() {
        probe.verdicts.put(Credential.SECRET_KEY, Verdict.REFUSED);

        FlinksResult.Failure<?> vetted = vet(failure(FlinksOperation.GENERATE_AUTHORIZE_TOKEN, "UNAUTHORIZED", 401));

        assertThat(vetted.failureClass()).isEqualTo(FailureClass.CREDENTIALS);
        assertThat(vetted.flinksCode()).isEqualTo("UNAUTHORIZED");
        assertThat(vetted.message()).contains("Flinks refuses our secret key");
        assertThat(circuit.refused()).containsExactly(Credential.SECRET_KEY);
        assertThat(reported()).containsExactly("opened SECRET_KEY");
        assertThat(openings(Credential.SECRET_KEY)).isEqualTo(1);
        assertThat(meters.get("flinks.credentials.circuit.open").gauge().value())
                .isEqualTo(1);
    }

    @Test
    void whileOpenAFaultOfTheRefusedCredentialNeedsNoProbe() {
        try (CredentialsGuard slow = guard(Duration.ofHours(1))) {
            probe.verdicts.put(Credential.API_KEY, Verdict.REFUSED);
            slow.vet(failure(FlinksOperation.GET_ACCOUNTS_DETAIL, "UNAUTHORIZED", 401))
                    .join();

            FlinksResult<Object> next = slow.vet(failure(FlinksOperation.GET_ACCOUNTS_DETAIL_ASYNC, null, 401))
                    .join();

            assertThat(((FlinksResult.Failure<?>) next).failureClass()).isEqualTo(FailureClass.CREDENTIALS);
            assertThat(probe.calls).hasValue(1);
            assertThat(reported()).containsExactly("opened API_KEY");
        }
    }

    @Test
    void aSecondRefusedCredentialIsReportedWithoutOpeningAgain() {
        probe.verdicts.put(Credential.API_KEY, Verdict.REFUSED);
        probe.verdicts.put(Credential.SECRET_KEY, Verdict.REFUSED);

        vet(failure(FlinksOperation.GET_ACCOUNTS_DETAIL, "UNAUTHORIZED", 401));
        vet(failure(FlinksOperation.GENERATE_AUTHORIZE_TOKEN, "UNAUTHORIZED", 401));

        assertThat(reported()).containsExactly("opened API_KEY", "refused SECRET_KEY");
        assertThat(openings(Credential.API_KEY)).isEqualTo(1);
        assertThat(openings(Credential.SECRET_KEY)).isZero();
    }

    @Test
    void theRefusedCredentialsAreProbedUntilAllAreAcceptedThenTheCircuitCloses() {
        probe.verdicts.put(Credential.API_KEY, Verdict.REFUSED);
        probe.verdicts.put(Credential.SECRET_KEY, Verdict.REFUSED);
        vet(failure(FlinksOperation.GET_ACCOUNTS_DETAIL, "UNAUTHORIZED", 401));
        vet(failure(FlinksOperation.GENERATE_AUTHORIZE_TOKEN, "UNAUTHORIZED", 401));
        int before = probe.calls.get();
        await().atMost(Duration.ofSeconds(5)).until(() -> probe.calls.get() >= before + 4);
        assertThat(circuit.isOpen()).isTrue();

        probe.verdicts.put(Credential.API_KEY, Verdict.ACCEPTED);
        await().atMost(Duration.ofSeconds(5)).until(() -> circuit.refused().equals(Set.of(Credential.SECRET_KEY)));
        assertThat(reported()).doesNotContain("closed");
        probe.verdicts.put(Credential.SECRET_KEY, Verdict.ACCEPTED);

        await().atMost(Duration.ofSeconds(5)).until(() -> !circuit.isOpen());
        assertThat(reported()).containsExactly("opened API_KEY", "refused SECRET_KEY", "closed");
        int after = probe.calls.get();
        // No more probes once closed.
        await().pollDelay(Duration.ofMillis(150)).atMost(Duration.ofSeconds(1)).until(() -> true);
        assertThat(probe.calls.get()).isEqualTo(after);
        assertThat(circuit.openBetween(Instant.EPOCH, Instant.now())).isPositive();
    }

    @Test
    void aCircuitThatOpensAgainIsProbedAgain() {
        probe.verdicts.put(Credential.API_KEY, Verdict.REFUSED);
        vet(failure(FlinksOperation.GET_ACCOUNTS_DETAIL, "UNAUTHORIZED", 401));
        probe.verdicts.put(Credential.API_KEY, Verdict.ACCEPTED);
        await().atMost(Duration.ofSeconds(5)).until(() -> !circuit.isOpen());

        probe.verdicts.put(Credential.API_KEY, Verdict.REFUSED);
        assertThat(vet(failure(FlinksOperation.GET_ATTRIBUTES, "UNAUTHORIZED", 401))
                        .failureClass())
                .isEqualTo(FailureClass.CREDENTIALS);
        probe.verdicts.put(Credential.API_KEY, Verdict.ACCEPTED);

        await().atMost(Duration.ofSeconds(5)).until(() -> !circuit.isOpen());
        assertThat(reported()).containsExactly("opened API_KEY", "closed", "opened API_KEY", "closed");
        assertThat(openings(Credential.API_KEY)).isEqualTo(2);
    }
}
