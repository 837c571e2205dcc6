package dev.flinkspipeline.ingest.kafka;

import net.jpountz.lz4.LZ4Factory;

/**
 * Kafka's lz4 codec asks lz4-java for its fastest compressor, which is the native (JNI) one only once the native
 * library is loaded or when lz4-java sits on the system class loader. Quarkus' runner class loader is not that one,
 * so without this every record batch would go through the pure-Java compressor, about four times slower.
 */
final class NativeLz4 {

    private NativeLz4() {}

    /** Loads lz4-java's native library; where it cannot (no build for the platform, no writable temporary
     * directory), the pure-Java compressor stays. Returns which one Kafka's codec now gets, for the start-up log. */
    static String load() {
        try {
            LZ4Factory.nativeInstance();
        } catch (Throwable e) { // UnsatisfiedLinkError and the like: the Java compressor works everywhere
            return "Java (native library not loaded: " + e + ")";
        }
        return LZ4Factory.fastestInstance() == LZ4Factory.nativeInstance() ? "native" : "Java";
    }
}
