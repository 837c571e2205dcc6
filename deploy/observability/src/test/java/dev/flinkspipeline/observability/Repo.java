package dev.flinkspipeline.observability;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's root folder (the build passes it; from an IDE, the working directory's ../..). */
final class Repo {

    private Repo() {}

    static Path root() {
        Path root = Path.of(System.getProperty("repo.root", "../.."))
                .toAbsolutePath()
                .normalize();
        if (!Files.isDirectory(root.resolve("deploy/observability"))) {
            throw new IllegalStateException("not the repository root: " + root);
        }
        return root;
    }

    static Path observability() {
        return root().resolve("deploy/observability");
    }
}
