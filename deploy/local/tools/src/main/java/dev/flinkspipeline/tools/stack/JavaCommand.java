package dev.flinkspipeline.tools.stack;

import java.nio.file.Path;

/** The java binary of the running JVM, so that every component runs on the same Java as the launcher. */
final class JavaCommand {

    /**
     * lz4-java loads its native library for Kafka's lz4 codec (the services' serde loads it, the broker's codec
     * does): granted, so that Java 22+ does not warn about it.
     */
    static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";

    private JavaCommand() {}

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
