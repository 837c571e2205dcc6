package dev.flinkspipeline.tools;

import dev.flinkspipeline.schemas.Topics;
import dev.flinkspipeline.tools.demo.DemoDriver;
import dev.flinkspipeline.tools.demo.DemoOptions;
import dev.flinkspipeline.tools.demo.DemoReport;
import dev.flinkspipeline.tools.demo.DemoTargets;
import dev.flinkspipeline.tools.stack.Component;
import dev.flinkspipeline.tools.stack.LocalStack;
import dev.flinkspipeline.tools.stack.ManagedProcess;
import dev.flinkspipeline.tools.stack.StackConfig;
import dev.flinkspipeline.tools.stack.StackException;
import dev.flinkspipeline.tools.stack.StackPorts;
import dev.flinkspipeline.tools.viewer.TopicViewer;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Command line of the local tools: {@code stack}, {@code demo}, {@code topics}. */
public final class Main {

    private static final PrintStream OUT = System.out;

    private Main() {
    }

    public static void main(String[] argv) {
        List<String> args = new ArrayList<>(Arrays.asList(argv));
        String command = args.isEmpty() ? "help" : args.remove(0);
        try {
            int code = switch (command) {
                case "stack" -> stack(args);
                case "demo" -> demo(args);
                case "topics", "view" -> topics(args);
                case "help", "--help", "-h" -> help();
                default -> {
                    System.err.println("unknown command '" + command + "'");
                    help();
                    yield 2;
                }
            };
            System.exit(code);
        } catch (IllegalArgumentException | StackException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
        }
    }

    private static int help() {
        OUT.println("""
                usage: pipeline-tools <command> [options]

                  stack    start the whole pipeline locally, each part its own process (deploy/local/run)
                             --demo N        drive N customers through it once it is up (default 4, 0 = none)
                             --exit          stop after the demo; exit 1 if a customer missed AttributesReady
                             --timeout S     how long the demo waits for its customers (default 180 s)
                             --keep-data     keep Kafka's data of the previous run (default: wipe it)
                             --real-clocks   Flinks' real timings (10 s polls, 30 min webhook retries)
                             --partitions N  partitions of each pipeline topic (default 3)
                             --only a,b      start only these parts (kafka,registry,sandbox,ingest,poller,attributes)
                             --state-dir D   data, logs and pid files (default <project>/.local)
                             --ephemeral-ports  free ports instead of 9092, 8081, 8090, 8080, 8082, 8083
                             --flinks-immediate the sandbox answers GetAccountsDetail at once (pendingPolls 0);
                                             implies --latency
                             --latency       after the demo, p50/p99/max of Connect callback -> AttributesReady
                                             per flow, next to a baseline (callback -> LoginReceived)
                  demo     drive customers through an already running stack
                             --customers N (default 4), --timeout S (default 180), --bootstrap-server,
                             --registry, --sandbox, --ingest (default: the documented local ports),
                             --flinks-immediate, --latency (as for stack)
                             exit status 1 if a customer did not reach AttributesReady
                  topics   print decoded events of pipeline topics (deploy/local/topics)
                             [TOPIC ...|all]  --login-id ID  --follow  --compact  --max N  --list
                             --bootstrap-server HOST:PORT (default 127.0.0.1:9092)  --registry URL (default :8081)
                """);
        return 0;
    }

    private static int stack(List<String> argv) {
        Args args = new Args(argv, Set.of("demo", "partitions", "only", "state-dir", "project-dir", "timeout"));
        Path project = projectDir(args.get("project-dir", null));
        StackConfig.Builder builder = StackConfig.builder(project)
                .wipe(!args.has("keep-data"))
                .clocks(args.has("real-clocks") ? StackConfig.Clocks.REAL : StackConfig.Clocks.FAST)
                .partitions(args.getInt("partitions", 3));
        if (args.has("ephemeral-ports")) {
            builder.ports(StackPorts.ephemeral());
        }
        String stateDir = args.get("state-dir", null);
        if (stateDir != null) {
            builder.stateDir(Path.of(stateDir));
        }
        String only = args.get("only", null);
        if (only != null) {
            Set<Component> components = EnumSet.noneOf(Component.class);
            for (String label : only.split(",")) {
                components.add(Component.ofLabel(label.trim()));
            }
            builder.components(components);
        }
        int customers = args.getInt("demo", 4);
        boolean exitAfterDemo = args.has("exit");
        Duration demoTimeout = Duration.ofSeconds(args.getInt("timeout", args.has("real-clocks") ? 600 : 180));
        DemoOptions demoOptions = demoOptions(args);
        args.rejectUnknown();
        StackConfig config = builder.build();

        OUT.println("Starting the local pipeline (state in " + project.relativize(config.stateDir()) + ", logs in "
                + project.relativize(config.logsDir()) + ")");
        long started = System.nanoTime();
        try (LocalStack stack = LocalStack.start(config, OUT::println)) {
            OUT.printf("Up in %.1f s.%n%n", (System.nanoTime() - started) / 1e9);
            printEndpoints(stack);
            int code = 0;
            if (customers > 0) {
                DemoTargets targets = DemoTargets.of(stack);
                if (targets.missing().isEmpty()) {
                    DemoReport report = DemoDriver.run(targets, customers, OUT, demoTimeout, demoOptions);
                    code = report.allReady() ? 0 : 1;
                } else {
                    OUT.println("Demo skipped: " + String.join(", ", targets.missing()) + " not running yet.");
                    code = exitAfterDemo ? 1 : 0;
                }
            }
            if (exitAfterDemo) {
                OUT.println("Stopping (--exit).");
                return code;
            }
            OUT.println();
            OUT.println("Running. Press Ctrl-C to stop every part.");
            waitForCrashOrSignal(stack);
            return 0;
        }
    }

    private static void printEndpoints(LocalStack stack) {
        StackConfig config = stack.config();
        OUT.println("Where everything listens:");
        for (Component component : Component.values()) {
            if (!stack.isRunning(component)) {
                continue;
            }
            String what = switch (component) {
                case KAFKA -> "Kafka bootstrap servers (KRaft, single node)";
                case REGISTRY -> "dev schema registry (Confluent REST API)";
                case SANDBOX -> "Flinks sandbox API; Connect page " + stack.sandboxUrl() + "/v2/ ; admin /sandbox/admin";
                case INGEST -> "ingest: POST /connect/sessions, GET /connect/callback, POST /webhooks/flinks, /q/health";
                case POLLER -> "poller: /actuator/health, /actuator/prometheus";
                case ATTRIBUTES -> "attributes: /actuator/health, /actuator/prometheus";
            };
            OUT.printf("  %-34s %s%n", stack.where(component), what);
        }
        OUT.println("Topic viewer:  deploy/local/topics all --login-id <loginId>    (deploy/local/topics --list)");
        OUT.println("Logs:          " + config.projectDir().relativize(config.logsDir()) + "/<part>.log");
        OUT.println();
    }

    /** Blocks until Ctrl-C (the shutdown hook stops the stack) or until a part dies on its own. */
    private static void waitForCrashOrSignal(LocalStack stack) {
        CountDownLatch never = new CountDownLatch(1);
        Set<String> reported = new HashSet<>();
        while (true) {
            for (ManagedProcess process : stack.crashed()) {
                if (reported.add(process.name())) {
                    OUT.println(process.name() + " exited on its own (code " + process.exitCode() + "); see "
                            + process.logFile());
                }
            }
            try {
                never.await(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static int demo(List<String> argv) {
        Args args = new Args(argv, Set.of("customers", "bootstrap-server", "registry", "sandbox", "ingest", "timeout"));
        DemoTargets targets = new DemoTargets(
                args.get("bootstrap-server", "127.0.0.1:9092"),
                args.get("registry", "http://127.0.0.1:8081"),
                args.get("sandbox", "http://127.0.0.1:8090"),
                args.get("ingest", "http://127.0.0.1:8080"),
                List.of());
        int customers = args.getInt("customers", 4);
        Duration timeout = Duration.ofSeconds(args.getInt("timeout", 180));
        DemoOptions options = demoOptions(args);
        args.rejectUnknown();
        return DemoDriver.run(targets, customers, OUT, timeout, options).allReady() ? 0 : 1;
    }

    /** {@code --flinks-immediate} is there to measure the end-to-end latency, so it prints it too. */
    private static DemoOptions demoOptions(Args args) {
        boolean immediate = args.has("flinks-immediate");
        boolean latency = args.has("latency");
        return new DemoOptions(immediate, immediate || latency);
    }

    private static int topics(List<String> argv) {
        Args args = new Args(argv, Set.of("login-id", "max", "bootstrap-server", "registry"));
        String bootstrap = args.get("bootstrap-server", "127.0.0.1:9092");
        String registry = args.get("registry", "http://127.0.0.1:8081");
        String loginId = args.get("login-id", null);
        boolean list = args.has("list");
        boolean follow = args.has("follow");
        boolean compact = args.has("compact");
        int max = args.getInt("max", 0);
        args.rejectUnknown();
        try (TopicViewer viewer = new TopicViewer(bootstrap, registry)) {
            if (list || args.positionals().isEmpty()) {
                Map<String, Long> topics = viewer.listTopics();
                OUT.println("topic                                       offsets (records + transaction markers)");
                topics.forEach((t, n) -> OUT.printf("%-40s %7d%n", t, n));
                if (!list) {
                    OUT.println("\nusage: topics TOPIC... | all  [--login-id ID] [--follow] [--compact] [--max N]");
                }
                return 0;
            }
            List<String> topics = new ArrayList<>();
            for (String t : args.positionals()) {
                if (t.equals("all")) {
                    topics.addAll(Topics.ALL.stream().filter(x -> !x.equals(Topics.POLL_SCHEDULED)).toList());
                } else {
                    topics.add(t);
                }
            }
            Thread hook = new Thread(viewer::stop);
            Runtime.getRuntime().addShutdownHook(hook);
            int shown = viewer.show(new TopicViewer.Options(topics, loginId, follow, compact, max), OUT);
            Runtime.getRuntime().removeShutdownHook(hook);
            System.err.println(shown + " record(s)" + (loginId == null ? "" : " of loginId " + loginId));
            return 0;
        }
    }

    /** The project root: given, or the first folder upward from here holding mvnw and deploy/local. */
    static Path projectDir(String given) {
        if (given != null) {
            return Path.of(given).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.exists(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("deploy/local"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalArgumentException("cannot find the project root (a folder with mvnw and deploy/local); "
                + "run from inside the project or pass --project-dir");
    }
}
