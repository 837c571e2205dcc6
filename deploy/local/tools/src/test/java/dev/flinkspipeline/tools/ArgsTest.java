package dev.flinkspipeline.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArgsTest {

    @Test
    void readsValuedOptionsFlagsAndPositionals() {
        Args args = new Args(
                List.of("all", "--login-id", "L1", "--follow", "--max=3", "flinks.kyc-received"),
                Set.of("login-id", "max"));

        assertThat(args.get("login-id", null)).isEqualTo("L1");
        assertThat(args.getInt("max", 0)).isEqualTo(3);
        assertThat(args.has("follow")).isTrue();
        assertThat(args.has("compact")).isFalse();
        assertThat(args.positionals()).containsExactly("all", "flinks.kyc-received");
        args.rejectUnknown();
    }

    @Test
    void readsCommaSeparatedOptionsAsSets() {
        Args args = new Args(
                List.of("--reason", "POLL_TIMEOUT, RETRIES_EXHAUSTED,,", "--stage=poll"), Set.of("reason", "stage"));
        assertThat(args.getSet("reason")).containsExactly("POLL_TIMEOUT", "RETRIES_EXHAUSTED");
        assertThat(args.getSet("stage")).containsExactly("poll");
        assertThat(args.getSet("login")).isEmpty();
    }

    @Test
    void theWebhookSecretIsTheFirstOfIngestsList() {
        assertThat(Main.firstSecret(" s1-secret , s2-secret")).isEqualTo("s1-secret");
        assertThat(Main.firstSecret(" , ")).isNull();
        assertThat(Main.firstSecret(null)).isNull();
    }

    @Test
    void refusesTyposMissingValuesAndNonNumbers() {
        Args typo = new Args(List.of("--folow"), Set.of());
        assertThatThrownBy(typo::rejectUnknown).hasMessageContaining("--folow");
        assertThatThrownBy(() -> new Args(List.of("--demo"), Set.of("demo"))).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> new Args(List.of("--demo", "many"), Set.of("demo")).getInt("demo", 4))
                .hasMessageContaining("expects a number");
    }
}
