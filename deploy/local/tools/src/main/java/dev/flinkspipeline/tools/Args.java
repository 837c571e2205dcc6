package dev.flinkspipeline.tools;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A minimal command-line parser: {@code --name value}, {@code --name=value}, {@code --flag}, positionals. */
final class Args {

    private final Map<String, String> options = new HashMap<>();
    private final Set<String> flags = new HashSet<>();
    private final List<String> positionals = new ArrayList<>();
    private final Set<String> used = new HashSet<>();

    /** {@code valued}: option names that take a value; every other {@code --x} is a flag. */
    Args(List<String> args, Set<String> valued) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("--")) {
                String name = arg.substring(2);
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    options.put(name.substring(0, eq), name.substring(eq + 1));
                } else if (valued.contains(name)) {
                    if (i + 1 >= args.size()) {
                        throw new IllegalArgumentException("--" + name + " needs a value");
                    }
                    options.put(name, args.get(++i));
                } else {
                    flags.add(name);
                }
            } else {
                positionals.add(arg);
            }
        }
    }

    String get(String name, String fallback) {
        used.add(name);
        String env = options.get(name);
        return env == null ? fallback : env;
    }

    int getInt(String name, int fallback) {
        String value = get(name, null);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " expects a number, got '" + value + "'");
        }
    }

    /** A comma-separated option as a set of its non-blank items; empty when absent. */
    Set<String> getSet(String name) {
        String value = get(name, null);
        Set<String> items = new LinkedHashSet<>();
        if (value != null) {
            for (String item : value.split(",")) {
                if (!item.isBlank()) {
                    items.add(item.trim());
                }
            }
        }
        return items;
    }

    boolean has(String flag) {
        used.add(flag);
        return flags.contains(flag) || options.containsKey(flag);
    }

    List<String> positionals() {
        return positionals;
    }

    /** Fails on an option nobody asked for: a typo should not be silently ignored. */
    void rejectUnknown() {
        for (String name : options.keySet()) {
            if (!used.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
        }
        for (String name : flags) {
            if (!used.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
        }
    }
}
