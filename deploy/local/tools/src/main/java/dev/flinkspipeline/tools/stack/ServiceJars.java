package dev.flinkspipeline.tools.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/** Where each module's runnable artifact is after {@code ./mvnw package}, and whether the module exists yet. */
public final class ServiceJars {

    private final Path projectDir;

    public ServiceJars(Path projectDir) {
        this.projectDir = projectDir;
    }

    /**
     * True when the module has main sources: a module declared in the reactor but not written yet is
     * "not landed", and the stack runs without it.
     */
    public boolean hasLanded(Component component) {
        Path main = projectDir.resolve(component.moduleDir()).resolve("src/main");
        if (component == Component.KAFKA) {
            return Files.exists(projectDir.resolve(component.moduleDir()).resolve("pom.xml"));
        }
        if (!Files.isDirectory(main)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(main)) {
            return files.anyMatch(p -> p.toString().endsWith(".java"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The runnable jar, if built. */
    public Optional<Path> runnableJar(Component component) {
        Path target = projectDir.resolve(component.moduleDir()).resolve("target");
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
                        return name.startsWith(prefix) && name.endsWith(".jar")
                                && !name.endsWith("-lib.jar") && !name.endsWith("-sources.jar")
                                && !name.endsWith("-javadoc.jar") && !name.endsWith("-tests.jar")
                                && !name.endsWith("-plain.jar") && !name.startsWith("original-");
                    })
                    .max(Comparator.comparing(p -> p.toFile().lastModified()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
