package dev.flinkspipeline.service.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkspipeline.flinks.client.Credential;
import dev.flinkspipeline.service.credentials.CredentialsCircuit.Change;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The circuit's state: open while a credential is refused, closed when all are accepted, outages remembered. */
class CredentialsCircuitTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    void aRefusedCredentialOpensTheCircuitOnce() {
        CredentialsCircuit circuit = new CredentialsCircuit();
        assertThat(circuit.isOpen()).isFalse();

        assertThat(circuit.refused(Credential.SECRET_KEY, at(10))).isEqualTo(Change.OPENED);
        assertThat(circuit.refused(Credential.SECRET_KEY, at(11))).isEqualTo(Change.NONE);
        assertThat(circuit.refused(Credential.API_KEY, at(12))).isEqualTo(Change.ALSO_REFUSED);

        assertThat(circuit.isOpen()).isTrue();
        assertThat(circuit.refused()).containsExactlyInAnyOrder(Credential.SECRET_KEY, Credential.API_KEY);
        assertThat(circuit.openedAt()).contains(at(10));
    }

    @Test
    void itClosesWhenEveryRefusedCredentialIsAcceptedAgain() {
        CredentialsCircuit circuit = new CredentialsCircuit();
        circuit.refused(Credential.SECRET_KEY, at(10));
        circuit.refused(Credential.API_KEY, at(12));

        assertThat(circuit.accepted(Credential.API_KEY, at(20))).isEmpty();
        assertThat(circuit.isOpen()).isTrue();
        assertThat(circuit.accepted(Credential.SECRET_KEY, at(30))).contains(Duration.ofSeconds(20));

        assertThat(circuit.isOpen()).isFalse();
        assertThat(circuit.refused()).isEmpty();
        assertThat(circuit.openedAt()).isEmpty();
        // Accepting what is not refused changes nothing.
        assertThat(circuit.accepted(Credential.SECRET_KEY, at(31))).isEmpty();
    }

    @Test
    void aSecondOutageCountsAsASecondOpening() {
        CredentialsCircuit circuit = new CredentialsCircuit();
        circuit.refused(Credential.API_KEY, at(0));
        circuit.accepted(Credential.API_KEY, at(5));

        assertThat(circuit.refused(Credential.API_KEY, at(8))).isEqualTo(Change.OPENED);
        assertThat(circuit.openedAt()).contains(at(8));
    }

    @Test
    void openTimeBetweenTwoInstantsAddsPastOutagesAndTheCurrentOne() {
        CredentialsCircuit circuit = new CredentialsCircuit();
        circuit.refused(Credential.SECRET_KEY, at(10));
        circuit.accepted(Credential.SECRET_KEY, at(20));
        circuit.refused(Credential.API_KEY, at(30));
        circuit.accepted(Credential.API_KEY, at(35));
        circuit.refused(Credential.API_KEY, at(50));

        assertThat(circuit.openBetween(at(0), at(60))).isEqualTo(Duration.ofSeconds(10 + 5 + 10));
        assertThat(circuit.openBetween(at(15), at(32))).isEqualTo(Duration.ofSeconds(5 + 2));
        assertThat(circuit.openBetween(at(21), at(29))).isEqualTo(Duration.ZERO);
        assertThat(circuit.openBetween(at(40), at(30))).isEqualTo(Duration.ZERO);
    }

    @Test
    void aDeadlineIsCreditedTheOpenTimeAJobWaitedThroughAfterItWasDue() {
        CredentialsCircuit circuit = new CredentialsCircuit();
        circuit.refused(Credential.SECRET_KEY, at(100));
        circuit.accepted(Credential.SECRET_KEY, at(400));

        // Due at 90, ran at 405: held back by the 300 s outage.
        assertThat(circuit.credit(at(1800), at(90), at(405))).isEqualTo(at(2100));
        // Due after the outage: nothing to credit.
        assertThat(circuit.credit(at(1800), at(401), at(405))).isEqualTo(at(1800));
        assertThat(CircuitOutages.NONE.credit(at(1800), at(90), at(405))).isEqualTo(at(1800));
    }

    @Test
    void onlyTheLatestOutagesAreKept() {
        CredentialsCircuit circuit = new CredentialsCircuit();
        for (int i = 0; i <= CredentialsCircuit.KEPT_OUTAGES; i++) {
            circuit.refused(Credential.API_KEY, at(10L * i));
            circuit.accepted(Credential.API_KEY, at(10L * i + 1));
        }

        assertThat(circuit.openBetween(at(0), at(5))).isEqualTo(Duration.ZERO);
        assertThat(circuit.openBetween(at(0), at(20L * CredentialsCircuit.KEPT_OUTAGES)))
                .isEqualTo(Duration.ofSeconds(CredentialsCircuit.KEPT_OUTAGES));
    }
}
