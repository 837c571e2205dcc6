package dev.flinkspipeline.testkit.registry.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class CompatibilityCheckerTest {

    private static final Schema A_STRING =
            parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}");
    private static final Schema EMPTY = parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[]}");
    private static final Schema A_INT_DEFAULT =
            parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\",\"default\":0}]}");
    private static final Schema A_AND_B = parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":["
            + "{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"b\",\"type\":\"string\"}]}");

    @Test
    void backwardChecksTheNewReaderAgainstTheLatestWriterOnly() {
        // v1 {a:string}, v2 {} : v3 {a:int=0} reads v2 data but not v1 data.
        List<CompatibilityChecker.Versioned> history = List.of(versioned(1, A_STRING), versioned(2, EMPTY));
        assertThat(CompatibilityChecker.check(A_INT_DEFAULT, history, CompatibilityLevel.BACKWARD))
                .isEmpty();
        assertThat(CompatibilityChecker.check(A_INT_DEFAULT, history, CompatibilityLevel.BACKWARD_TRANSITIVE))
                .isNotEmpty()
                .anyMatch(m -> m.contains("TYPE_MISMATCH"))
                .contains("{oldSchemaVersion: 1}");
    }

    @Test
    void aNewRequiredFieldIsBackwardIncompatibleButForwardCompatible() {
        List<CompatibilityChecker.Versioned> history = List.of(versioned(1, A_STRING));
        assertThat(CompatibilityChecker.check(A_AND_B, history, CompatibilityLevel.BACKWARD))
                .anyMatch(m -> m.contains("READER_FIELD_MISSING_DEFAULT_VALUE"));
        assertThat(CompatibilityChecker.check(A_AND_B, history, CompatibilityLevel.FORWARD))
                .isEmpty();
        assertThat(CompatibilityChecker.check(A_AND_B, history, CompatibilityLevel.FULL))
                .isNotEmpty();
        assertThat(CompatibilityChecker.check(A_AND_B, history, CompatibilityLevel.NONE))
                .isEmpty();
    }

    @Test
    void droppingARequiredFieldIsForwardIncompatible() {
        List<CompatibilityChecker.Versioned> history = List.of(versioned(1, A_STRING));
        assertThat(CompatibilityChecker.check(EMPTY, history, CompatibilityLevel.BACKWARD))
                .isEmpty();
        assertThat(CompatibilityChecker.check(EMPTY, history, CompatibilityLevel.FORWARD))
                .isNotEmpty();
        assertThat(CompatibilityChecker.check(EMPTY, history, CompatibilityLevel.FULL_TRANSITIVE))
                .isNotEmpty();
    }

    @Test
    void forwardTransitiveChecksEveryEarlierReader() {
        // Readers v1 {} and v2 {a}: data with {a,b} is readable by both; data with {} is not readable by v2.
        List<CompatibilityChecker.Versioned> history = List.of(versioned(1, EMPTY), versioned(2, A_STRING));
        assertThat(CompatibilityChecker.check(A_AND_B, history, CompatibilityLevel.FORWARD_TRANSITIVE))
                .isEmpty();
        assertThat(CompatibilityChecker.check(EMPTY, history, CompatibilityLevel.FORWARD))
                .isNotEmpty();
        assertThat(CompatibilityChecker.check(
                        EMPTY, List.of(versioned(1, EMPTY)), CompatibilityLevel.FORWARD_TRANSITIVE))
                .isEmpty();
    }

    @Test
    void theFirstVersionIsAlwaysCompatible() {
        assertThat(CompatibilityChecker.check(A_STRING, List.of(), CompatibilityLevel.FULL_TRANSITIVE))
                .isEmpty();
    }

    @Test
    void levelsParseCaseInsensitively() {
        assertThat(CompatibilityLevel.parse(" full_transitive ")).contains(CompatibilityLevel.FULL_TRANSITIVE);
        assertThat(CompatibilityLevel.parse("sideways")).isEmpty();
        assertThat(CompatibilityLevel.parse(null)).isEmpty();
    }

    private static CompatibilityChecker.Versioned versioned(int version, Schema schema) {
        return new CompatibilityChecker.Versioned(version, schema);
    }

    private static Schema parse(String text) {
        return new Schema.Parser().parse(text);
    }
}
