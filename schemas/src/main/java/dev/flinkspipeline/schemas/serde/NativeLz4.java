package dev.flinkspipeline.schemas.serde;

import net.jpountz.lz4.LZ4Factory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka's lz4 codec asks lz4-java for its fastest compressor, which is the native (JNI) one only once the native
 * library is loaded or when lz4-java sits on the system class loader. Quarkus' runner and Spring Boot's launcher
 * class loaders are not that one, so without this every record batch would be compressed and decompressed in pure
 * Java, about four times slower. Every producer and consumer of the project configures this project's serde
 * first, which loads the library here, once per class loader.
 */
public final class NativeLz4 {

    private static final Logger log = LoggerFactory.getLogger(NativeLz4.class);

    private NativeLz4() {}

    /** Loads lz4-java's native library (once) and says which compressor Kafka's codec now gets. */
    public static String status() {
        return Loaded.STATUS;
    }

    private static final class Loaded {
        static final String STATUS = load();
    }

    /** Where the library cannot load (no build for the platform, no writable temporary directory), Java stays. */
    private static String load() {
        try {
            LZ4Factory.nativeInstance();
        } catch (Throwable e) { // UnsatisfiedLinkError and the like: the Java compressor works everywhere
            log.warn("Kafka's lz4 codec runs in pure Java: lz4-java's native library did not load: {}", e.toString());
            return "Java (native library not loaded: " + e + ")";
        }
        String status = LZ4Factory.fastestInstance() == LZ4Factory.nativeInstance() ? "native" : "Java";
        log.info("Kafka's lz4 codec: lz4-java {}", status);
        return status;
    }
}
