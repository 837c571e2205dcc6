package dev.flinkspipeline.tools.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/** Where each module's runnable artifact is after {@code ./mvnw package}, and whether the module exists yet. */
public final class ServiceJars {

    private final Path projectDir;

    public ServiceJars(Path projectDir) {
        this.projectDir = projectDir;
    }

    /**
     * True when the module has produced what the stack runs: the broker's classpath, or a jar with a main
     * class. A module declared in the reactor but not written yet (or not packaged) is not runnable, and the
     * stack runs without it, saying so.
     */
    public boolean isRunnable(Component component) {
        if (component == Component.KAFKA) {
            return Files.isDirectory(projectDir.resolve(component.moduleDir()).resolve("target/lib"));
        }
        return runnableJar(component).isPresent();
    }

    /** The runnable jar, if built. */
    public Optional<Path> runnableJar(Component component) {
        Path target = projectDir.resolve(component.moduleDir()).resolve("target");
        if (component == Component.KAFKA) {
            return Optional.empty();
        }
        if (component == Component.REGISTRY) {
            Path apicurio = target.resolve("apicurio").resolve("quarkus-run.jar");
            return Files.exists(apicurio) ? Optional.of(apicurio) : Optional.empty();
        }
        if (component == Component.INGEST) {
            Path quarkus = target.resolve("quarkus-app").resolve("quarkus-run.jar");
            return Files.exists(quarkus) ? Optional.of(quarkus) : Optional.empty();
        }
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        String prefix = component.artifactId() + "-";
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> {
                        String name = p.getFileName().toString();
                        return name.startsWith(prefix)
                                && name.endsWith(".jar")
                                && !name.endsWith("-lib.jar")
                                && !name.endsWith("-sources.jar")
                                && !name.endsWith("-javadoc.jar")
                                && !name.endsWith("-tests.jar")
                                && !name.endsWith("-plain.jar")
                                && !name.startsWith("original-");
                    })
                    .filter(ServiceJars::hasMainClass)
                    .max(Comparator.comparing(p -> p.toFile().lastModified()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean hasMainClass(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            return manifest != null && manifest.getMainAttributes().getValue("Main-Class") != null;
        } catch (IOException e) {
            return false;
        }
    }
}
