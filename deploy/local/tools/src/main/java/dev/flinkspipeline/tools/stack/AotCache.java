package dev.flinkspipeline.tools.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The JDK's ahead-of-time cache of one component (JEP 483/514/515, Java 25+): the classes it loads, linked, and
 * the method profiles of a first run, so that later starts skip most class loading and JIT warm-up. The first
 * start with no cache is the training run: {@code -XX:AOTCacheOutput} makes the JVM write the cache when the
 * component stops. Later starts read it with {@code -XX:AOTCache}; a JVM that finds it stale (another JDK, a
 * changed jar) says so in the component's log and runs without it.
 *
 * <p>The cache file is named after a key of everything the cache depends on (the JDK, and the path, size and
 * modification time of each file on the classpath), so a changed jar gets a new one; older ones are deleted
 * when a new one is trained. The copies the stack runs carry times set by their content ({@link ContentStamp}),
 * so a rebuild that changes nothing keeps its cache.
 */
final class AotCache {

    /** Java 25 is the first to train and write the cache in one run ({@code -XX:AOTCacheOutput}). */
    static final int FIRST_JAVA = 25;

    private final Path file;

    private AotCache(Path file) {
        this.file = file;
    }

    /** True when the components' JVM (the launcher's own) can write and read an AOT cache. */
    static boolean supported() {
        return Runtime.version().feature() >= FIRST_JAVA;
    }

    /**
     * The cache of {@code name} in {@code dir}, keyed by the files of its classpath ({@code classpath}: jars, or
     * folders whose files, at any depth, all count; a missing one is left
     * out).
     */
    static AotCache of(Path dir, String name, List<Path> classpath) {
        return new AotCache(dir.resolve(name + "-" + key(classpath) + ".aot"));
    }

    Path file() {
        return file;
    }

    /**
     * True once the cache is complete. The training JVM records what it loaded in {@code <cache>.config}, then
     * a child JVM writes the cache and removes that file: with it still there, the cache is being written, or its
     * writing was cut short (a killed stop), and is no cache to read.
     */
    boolean exists() {
        try {
            return Files.isRegularFile(file) && Files.size(file) > 0 && !Files.exists(configFile());
        } catch (IOException e) {
            return false;
        }
    }

    private Path configFile() {
        return file.resolveSibling(file.getFileName() + ".config");
    }

    /**
     * The JVM options: read the cache when it exists; else, if {@code train}, write it when the process stops
     * (deleting this component's stale caches first); else none.
     */
    List<String> jvmOptions(boolean train) {
        if (exists()) {
            return List.of("-XX:AOTCache=" + file);
        }
        if (!train) {
            return List.of();
        }
        deleteStale();
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(configFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the incomplete AOT cache " + file, e);
        }
        return List.of("-XX:AOTCacheOutput=" + file);
    }

    private void deleteStale() {
        String name = file.getFileName().toString();
        String prefix = name.substring(0, name.lastIndexOf('-') + 1);
        try {
            Files.createDirectories(file.getParent());
            try (Stream<Path> files = Files.list(file.getParent())) {
                for (Path old : files.toList()) {
                    String oldName = old.getFileName().toString();
                    if (oldName.startsWith(prefix)
                            && (oldName.endsWith(".aot") || oldName.endsWith(".aot.config"))
                            && !old.equals(file)
                            && !old.equals(configFile())) {
                        Files.deleteIfExists(old);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the AOT cache folder " + file.getParent(), e);
        }
    }

    private static String key(List<Path> classpath) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            update(digest, System.getProperty("java.home") + "|" + Runtime.version());
            for (Path entry : classpath) {
                if (Files.isDirectory(entry)) {
                    try (Stream<Path> files = Files.walk(entry)) {
                        for (Path file :
                                files.filter(Files::isRegularFile).sorted().toList()) {
                            update(digest, stamp(file));
                        }
                    }
                } else if (Files.exists(entry)) {
                    update(digest, stamp(entry));
                }
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 6);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the classpath of an AOT cache", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String stamp(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        return absolute + "|" + Files.size(absolute) + "|"
                + Files.getLastModifiedTime(absolute).toMillis();
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }
}
