package dev.flinkspipeline.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;
import net.jpountz.lz4.LZ4Factory;
import org.apache.avro.Schema;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/**
 * Kafka's lz4 codec takes {@code LZ4Factory.fastestInstance()}. Here lz4-java and the serde are loaded by a class
 * loader that is not the system one, as under Quarkus' runner or Spring Boot's launcher.
 */
class NativeLz4Test {

    @Test
    void configuringTheSerdeGivesKafkasCodecTheNativeCompressor() throws Exception {
        try (URLClassLoader withoutSerde = isolated()) {
            assertThat(fastest(withoutSerde)).isNotEqualTo("LZ4Factory:JNI");
        }
        try (URLClassLoader service = isolated()) {
            Class<?> serializer = service.loadClass(AvroSerializer.class.getName());
            Object instance = serializer.getConstructor().newInstance();
            serializer
                    .getMethod("configure", Map.class, boolean.class)
                    .invoke(instance, Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "http://localhost:1"), false);

            assertThat(fastest(service)).isEqualTo("LZ4Factory:JNI");
            assertThat(service.loadClass(NativeLz4.class.getName())
                            .getMethod("status")
                            .invoke(null))
                    .isEqualTo("native");
        }
    }

    private static String fastest(ClassLoader loader) throws Exception {
        return loader.loadClass(LZ4Factory.class.getName())
                .getMethod("fastestInstance")
                .invoke(null)
                .toString();
    }

    /** lz4-java, slf4j, kafka-clients and this module's classes, with only the JDK's platform classes above them. */
    private static URLClassLoader isolated() {
        return new URLClassLoader(
                new URL[] {
                    location(LZ4Factory.class),
                    location(Logger.class),
                    location(Serializer.class),
                    location(Schema.class),
                    location(ObjectMapper.class),
                    location(JsonFactory.class),
                    location(JsonProperty.class),
                    location(NativeLz4.class)
                },
                ClassLoader.getPlatformClassLoader());
    }

    private static URL location(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }
}
