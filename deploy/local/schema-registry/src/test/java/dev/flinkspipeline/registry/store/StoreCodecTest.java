package dev.flinkspipeline.registry.store;

import dev.flinkspipeline.registry.core.CompatibilityLevel;
import dev.flinkspipeline.registry.core.StoreRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoreCodecTest {

    @Test
    void schemaRecordsRoundTripInConfluentLayout() {
        StoreRecord.SchemaVersion record = new StoreRecord.SchemaVersion("s-value", 3, 7, "\"string\"", false);
        String key = new String(StoreCodec.key(record), StandardCharsets.UTF_8);
        assertThat(key).isEqualTo("{\"keytype\":\"SCHEMA\",\"subject\":\"s-value\",\"version\":3,\"magic\":1}");
        assertThat(StoreCodec.decode(StoreCodec.key(record), StoreCodec.value(record))).contains(record);
    }

    @Test
    void configRecordsAndTombstonesRoundTrip() {
        StoreRecord.Config global = new StoreRecord.Config(null, CompatibilityLevel.FULL);
        assertThat(new String(StoreCodec.key(global), StandardCharsets.UTF_8))
                .isEqualTo("{\"keytype\":\"CONFIG\",\"subject\":null,\"magic\":0}");
        assertThat(StoreCodec.decode(StoreCodec.key(global), StoreCodec.value(global))).contains(global);

        StoreRecord.Config removed = new StoreRecord.Config("s", null);
        assertThat(StoreCodec.value(removed)).isNull();
        assertThat(StoreCodec.decode(StoreCodec.key(removed), null)).contains(removed);
    }

    @Test
    void readsRecordsWrittenByConfluentAndIgnoresKindsItDoesNotUse() {
        byte[] key = bytes("{\"keytype\":\"SCHEMA\",\"subject\":\"t-value\",\"version\":1,\"magic\":1}");
        byte[] value = bytes("{\"subject\":\"t-value\",\"version\":1,\"id\":100001,\"schema\":\"\\\"int\\\"\",\"deleted\":false}");
        assertThat(StoreCodec.decode(key, value))
                .contains(new StoreRecord.SchemaVersion("t-value", 1, 100001, "\"int\"", false));
        assertThat(StoreCodec.decode(bytes("{\"keytype\":\"NOOP\",\"magic\":0}"), null)).isEmpty();
        assertThat(StoreCodec.decode(key, bytes("{\"subject\":\"t-value\",\"version\":1,\"id\":2,\"schemaType\":\"PROTOBUF\","
                + "\"schema\":\"syntax = \\\"proto3\\\";\"}"))).isEmpty();
    }

    @Test
    void rejectsRecordsItCannotUnderstand() {
        assertThatThrownBy(() -> StoreCodec.decode(bytes("{"), null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StoreCodec.decode(null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StoreCodec.decode(bytes("{\"keytype\":\"SCHEMA\",\"subject\":\"x\",\"version\":1}"),
                bytes("{\"id\":5}"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StoreCodec.decode(bytes("{\"keytype\":\"CONFIG\",\"subject\":null}"),
                bytes("{\"compatibilityLevel\":\"SIDEWAYS\"}"))).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
