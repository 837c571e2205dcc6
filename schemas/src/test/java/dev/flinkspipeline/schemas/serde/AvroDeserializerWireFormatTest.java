package dev.flinkspipeline.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flinkspipeline.schemas.SampleEvents;
import java.io.IOException;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** Failures the deserializer and serializer detect with a registry that is down or not needed. */
class AvroDeserializerWireFormatTest {

    private static Map<String, Object> closedRegistry() throws IOException {
        return Map.of(
                "schema.registry.url",
                "http://127.0.0.1:" + SchemaRegistryClientHttpTest.closedPort(),
                "schema.registry.request.timeout.ms",
                2000);
    }

    @Test
    void tombstonesStayNull() throws IOException {
        assertThat(AvroSerializer.create(closedRegistry(), false).serialize("t", null))
                .isNull();
        assertThat(AvroDeserializer.create(closedRegistry(), false).deserialize("t", null))
                .isNull();
    }

    @Test
    void foreignBytesAreRejectedByTheirMagicByte() throws IOException {
        AvroDeserializer deserializer = AvroDeserializer.create(closedRegistry(), false);
        assertThatThrownBy(() -> deserializer.deserialize("flinks.accounts-ready", "{\"json\":true}".getBytes()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Unknown magic byte 0x7b")
                .hasMessageContaining("flinks.accounts-ready");
    }

    @Test
    void shortPayloadsAreRejected() throws IOException {
        AvroDeserializer deserializer = AvroDeserializer.create(closedRegistry(), false);
        assertThatThrownBy(() -> deserializer.deserialize("flinks.login-received", new byte[] {0, 0, 1}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("3 bytes")
                .hasMessageContaining("too short")
                .hasMessageContaining("flinks.login-received");
        assertThatThrownBy(() -> deserializer.deserialize("flinks.login-received", new byte[0]))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("too short");
    }

    @Test
    void anUnreachableRegistryIsNamed() throws IOException {
        Map<String, Object> configs = closedRegistry();
        String url = (String) configs.get("schema.registry.url");
        assertThatThrownBy(() -> AvroDeserializer.create(configs, false)
                        .deserialize("flinks.kyc-received", new byte[] {0, 0, 0, 0, 1, 2}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("unreachable")
                .hasMessageContaining(url)
                .hasMessageContaining("flinks.kyc-received")
                .hasMessageContaining("schema id 1");
        assertThatThrownBy(() -> AvroSerializer.create(configs, false)
                        .serialize("flinks.kyc-received", SampleEvents.kycReceivedFull()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("unreachable")
                .hasMessageContaining(url)
                .hasMessageContaining("flinks.kyc-received-value");
    }

    @Test
    void nonAvroValuesAreRejected() throws IOException {
        assertThatThrownBy(() -> AvroSerializer.create(closedRegistry(), false).serialize("t", new Object()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("java.lang.Object");
    }
}
