package dev.flinkspipeline.attributes.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkspipeline.events.AttributeKind;
import dev.flinkspipeline.events.AttributeValue;
import java.math.BigDecimal;
import java.util.Map;

/** Compares AttributesReady values with what the sandbox computed, without any tolerance. */
final class ExpectedValues {

    private ExpectedValues() {}

    static void assertSame(Map<String, AttributeValue> actual, Map<String, Object> expected) {
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((name, value) -> {
            AttributeValue got = actual.get(name);
            if (value == null) {
                assertThat(got.getKind()).as(name).isEqualTo(AttributeKind.NULL);
            } else if (value instanceof Boolean b) {
                assertThat(got.getKind()).as(name).isEqualTo(AttributeKind.BOOLEAN);
                assertThat(got.getBool()).as(name).isEqualTo(b);
            } else if (value instanceof BigDecimal d) {
                assertThat(got.getKind()).as(name).isEqualTo(AttributeKind.NUMBER);
                // equals, not compareTo: the scale Flinks sent must survive too.
                assertThat(new BigDecimal(got.getNumber())).as(name).isEqualTo(d);
            } else if (value instanceof Number n) {
                assertThat(got.getKind()).as(name).isEqualTo(AttributeKind.NUMBER);
                assertThat(got.getNumber()).as(name).isEqualTo(n.toString());
            } else {
                assertThat(got.getKind()).as(name).isEqualTo(AttributeKind.STRING);
                assertThat(got.getText()).as(name).isEqualTo(value.toString());
            }
        });
    }
}
