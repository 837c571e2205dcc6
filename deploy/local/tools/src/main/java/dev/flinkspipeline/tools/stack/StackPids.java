package dev.flinkspipeline.tools.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The process ids a running stack wrote under its state folder ({@code pids/<label>.pid}), by instance label. */
public final class StackPids {

    private StackPids() {}

    /** The live processes of the stack whose state folder is {@code stateDir}; empty when there is none. */
    public static Map<String, Long> read(Path stateDir) {
        Map<String, Long> pids = new TreeMap<>();
        Path dir = stateDir.resolve("pids");
        if (!Files.isDirectory(dir)) {
            return pids;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
                try {
                    long pid = Long.parseLong(Files.readString(file).trim());
                    if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                        String name = file.getFileName().toString();
                        pids.put(name.substring(0, name.length() - ".pid".length()), pid);
                    }
                } catch (IOException | NumberFormatException e) {
                    // a pid file being rewritten: that part is left out of the CPU figures
                }
            }
        } catch (IOException e) {
            return pids;
        }
        return pids;
    }
}
