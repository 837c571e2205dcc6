package dev.flinkspipeline.tools.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * A Spring Boot executable jar unpacked by its own tool ({@code java -Djarmode=tools -jar app.jar extract}): the
 * application jar beside a {@code lib/} folder on its manifest's classpath. The JVM's AOT cache holds only classes
 * of plain jars on the classpath, not those a nested-jar class loader reads, so the services run unpacked.
 *
 * <p>Unpacked once per content of the jar ({@link ContentStamp}: a rebuild that changes nothing reuses it), into a
 * folder named after it under the module's build output, and never written again: a changed build while the stack
 * runs makes a new folder instead of changing the one a running service reads, and a restarted service finds its
 * classpath (and AOT cache) unchanged.
 */
final class ExtractedJar {

    private ExtractedJar() {}

    /** True for a Spring Boot executable jar (its dependencies nested under BOOT-INF/lib). */
    static boolean isSpringBootJar(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getEntry("BOOT-INF/lib/") != null
                    || file.getManifest() != null
                            && file.getManifest().getMainAttributes().getValue("Spring-Boot-Version") != null;
        } catch (IOException e) {
            return false;
        }
    }

    /** The unpacked application jar of {@code jar}, unpacking it first when this build of it never was. */
    static Path of(Path jar, Path cacheDir) {
        try {
            String name = jar.getFileName().toString();
            String stem = name.substring(0, name.length() - ".jar".length());
            Path dir = cacheDir.resolve(stem + "-" + ContentStamp.of(jar).substring(0, 16));
            Path app = dir.resolve(name);
            if (Files.isRegularFile(app)) {
                return app;
            }
            Files.createDirectories(cacheDir);
            deleteOthers(cacheDir, stem + "-");
            Path partial = Files.createTempDirectory(cacheDir, stem + ".partial-");
            Process extract = new ProcessBuilder(List.of(
                            JavaCommand.javaBinary(),
                            "-Djarmode=tools",
                            "-jar",
                            jar.toString(),
                            "extract",
                            "--force",
                            "--destination",
                            partial.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!extract.waitFor(120, TimeUnit.SECONDS) || extract.exitValue() != 0) {
                extract.destroyForcibly();
                deleteTree(partial);
                throw new StackException("cannot unpack " + jar + " (java -Djarmode=tools -jar " + name + " extract)");
            }
            // Complete or absent: a folder is only ever seen under its final name once fully written.
            Files.move(partial, dir, StandardCopyOption.ATOMIC_MOVE);
            return app;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + jar + " under " + cacheDir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while unpacking " + jar);
        }
    }

    /** Older builds' folders (a running service of an earlier build keeps its open files on Linux). */
    private static void deleteOthers(Path cacheDir, String prefix) throws IOException {
        try (Stream<Path> dirs = Files.list(cacheDir)) {
            for (Path old : dirs.toList()) {
                if (Files.isDirectory(old) && old.getFileName().toString().startsWith(prefix)) {
                    deleteTree(old);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
