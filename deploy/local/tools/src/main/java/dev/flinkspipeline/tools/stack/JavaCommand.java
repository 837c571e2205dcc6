package dev.flinkspipeline.tools.stack;

import java.nio.file.Path;

/** The java binary of the running JVM, so that every component runs on the same Java as the launcher. */
final class JavaCommand {

    private JavaCommand() {}

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
