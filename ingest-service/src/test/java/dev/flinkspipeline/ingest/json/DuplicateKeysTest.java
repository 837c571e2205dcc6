package dev.flinkspipeline.ingest.json;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DuplicateKeysTest {

    private final DuplicateKeys keys = new DuplicateKeys();

    @Test
    void aKeyRepeatsOnlyWithinTheObjectOpenAtItsDepth() {
        keys.objectStarts(1);
        assertThat(keys.seenBefore(1, "Login")).isFalse();
        keys.objectStarts(2);
        assertThat(keys.seenBefore(2, "Id")).isFalse();
        assertThat(keys.seenBefore(2, "Id")).isTrue();
        keys.objectStarts(2); // the next object at that depth starts empty
        assertThat(keys.seenBefore(2, "Id")).isFalse();
        assertThat(keys.seenBefore(1, "Id")).isFalse();
        assertThat(keys.seenBefore(1, "Login")).isTrue();
        assertThat(keys.seenBefore(1, "login")).isFalse(); // as Jackson's check: exact keys
    }

    @Test
    void anObjectOfManyKeysIsCheckedAsWell() {
        keys.objectStarts(1);
        for (int i = 0; i < 1_000; i++) {
            assertThat(keys.seenBefore(1, "k" + i)).isFalse();
        }
        assertThat(keys.seenBefore(1, "k3")).isTrue();
        assertThat(keys.seenBefore(1, "k999")).isTrue();
        keys.objectStarts(1);
        assertThat(keys.seenBefore(1, "k3")).isFalse();
        assertThat(keys.seenBefore(1, "k3")).isTrue();
    }
}
