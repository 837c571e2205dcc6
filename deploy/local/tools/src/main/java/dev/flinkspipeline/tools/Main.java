package dev.flinkspipeline.tools;

import dev.flinkspipeline.schemas.Topics;
import dev.flinkspipeline.tools.demo.CapacityRun;
import dev.flinkspipeline.tools.demo.DemoDriver;
import dev.flinkspipeline.tools.demo.DemoOptions;
import dev.flinkspipeline.tools.demo.DemoReport;
import dev.flinkspipeline.tools.demo.DemoTargets;
import dev.flinkspipeline.tools.deploy.DeployFiles;
import dev.flinkspipeline.tools.kafka.ClientSettings;
import dev.flinkspipeline.tools.kafka.TimeWindow;
import dev.flinkspipeline.tools.redrive.RedriveCommand;
import dev.flinkspipeline.tools.redrive.RedriveFilter;
import dev.flinkspipeline.tools.redrive.RedriveTopics;
import dev.flinkspipeline.tools.remap.RemapCommand;
import dev.flinkspipeline.tools.stack.ApicurioRegistry;
import dev.flinkspipeline.tools.stack.Component;
import dev.flinkspipeline.tools.stack.Instance;
import dev.flinkspipeline.tools.stack.LocalStack;
import dev.flinkspipeline.tools.stack.ManagedProcess;
import dev.flinkspipeline.tools.stack.StackConfig;
import dev.flinkspipeline.tools.stack.StackException;
import dev.flinkspipeline.tools.stack.StackPids;
import dev.flinkspipeline.tools.stack.StackPorts;
import dev.flinkspipeline.tools.viewer.TopicViewer;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.KafkaException;

/**
 * Command line of the local tools: {@code stack}, {@code demo}, {@code topics}, and the operator commands
 * {@code redrive} and {@code remap-unhandled}.
 */
public final class Main {

    private static final PrintStream OUT = System.out;

    private Main() {}

    public static void main(String[] argv) {
        List<String> args = new ArrayList<>(Arrays.asList(argv));
        String command = args.isEmpty() ? "help" : args.remove(0);
        if (args.contains("--help") || args.contains("-h")) {
            System.exit(help(command));
        }
        try {
            int code = switch (command) {
                case "stack" -> stack(args);
                case "demo" -> demo(args);
                case "topics", "view" -> topics(args);
                case "redrive" -> redrive(args);
                case "remap-unhandled" -> remapUnhandled(args);
                case "generate-deploy" -> generateDeploy(args);
                case "help", "--help", "-h" -> help();
                default -> {
                    System.err.println("unknown command '" + command + "'");
                    help();
                    yield 2;
                }
            };
            System.exit(code);
        } catch (IllegalArgumentException | StackException | KafkaException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
        }
    }

    private static int help() {
        OUT.println(USAGE);
        OUT.println(COMMANDS);
        return 0;
    }

    /** {@code <command> --help}: that command's part of the help, or all of it for an unknown command. */
    private static int help(String command) {
        List<String> block = new ArrayList<>();
        for (String line : COMMANDS.split("\n")) {
            boolean starts = line.startsWith("  ") && !line.startsWith("   ");
            if (starts && !block.isEmpty()) {
                break;
            }
            if (!block.isEmpty() || starts && line.trim().startsWith(command + " ")) {
                block.add(line);
            }
        }
        if (block.isEmpty()) {
            return help();
        }
        OUT.println("usage: pipeline-tools " + command + " [options]\n");
        block.forEach(OUT::println);
        return 0;
    }

    private static final String USAGE = "usage: pipeline-tools <command> [options]\n";

    private static final String COMMANDS = """
                  stack    start the whole pipeline locally, each part its own process (deploy/local/run): kafka,
                           registry, sandbox, ingest, poller, attributes, streams (accounts-streams)
                             --demo N        drive N customers through it once it is up (default 4, 0 = none)
                             --exit          stop after the demo; exit 1 if a customer missed AttributesReady
                             --timeout S     how long the demo waits for its customers (default 180 s)
                             --keep-data     keep Kafka's data and accounts-streams' stores of the previous run
                                             (default: wipe them)
                             --real-clocks   Flinks' real timings (10 s polls, 30 min webhook retries)
                             --partitions N  partitions of each pipeline topic (default 3)
                             --only a,b      start only these parts (kafka,registry,sandbox,ingest,poller,attributes,
                                             streams)
                             --instances N   N processes of each service (ingest, poller, attributes, streams;
                                             default 1, at most 9): the n-th on the first's port + (n-1) x 100
                                             (ingest 8180, poller 8182, ...), log <part>-<n>.log; the demo
                                             spreads sessions, callbacks and webhooks over the ingest instances
                             --state-dir D   data, logs and pid files (default <project>/.local)
                             --ephemeral-ports  free ports instead of 9092, 8081 (and 9081), 8090, 8080, 8082, 8083,
                                             8084
                             --flinks-immediate the sandbox answers GetAccountsDetail at once (pendingPolls 0);
                                             implies --latency
                             --latency       after the demo, p50/p99/max of Connect callback -> AttributesReady
                                             per flow, next to a baseline (callback -> LoginReceived)
                             --rate R        start R customers a second (default 0: one after the other at once)
                             --warm-up N     drive N customers first, the same way, leave them out of the figures,
                                             then wait until the stack is quiet (its JIT compilers done)
                             --capacity      instead of the demo, step the rate of new customers up and print per
                                             step callback -> AttributesReady p50/p99 and CPU per process; stop at
                                             the first step whose p99 exceeds the limit
                               --capacity-rates 10,20,40,80,160 (default), --step-seconds S (default 20),
                               --p99-limit-ms M (default 2000)
                             --no-aot-cache  no JDK AOT cache (default on Java 25+: the first start of a build
                                             trains one per part, written when it stops; later starts read it)
                             --sequential-start  start the parts one after the other, each once the previous one is
                                             healthy (default: each once the broker is up, the sandbox at once)
                  demo     drive customers through an already running stack
                             --customers N (default 4), --timeout S (default 180), --bootstrap-server,
                             --registry, --sandbox, --ingest URL[,URL...] (default: the documented local ports;
                             several ingest instances: the customers are spread over them),
                             --flinks-immediate, --latency, --rate R, --capacity ... (as for stack);
                             --poller URL, --attributes URL (their timers in the latency section; default the
                             documented ports), --state-dir D (the stack's pid files, for CPU per process;
                             default .local)
                             exit status 1 if a customer did not reach AttributesReady
                  topics   print decoded events of pipeline topics (deploy/local/topics)
                             [TOPIC ...|all]  --login-id ID  --follow  --compact  --max N  --list
                             --bootstrap-server HOST:PORT (default 127.0.0.1:9092)  --registry URL (default :8081/apis/ccompat/v7)
                  redrive  once a fix is deployed, re-drive the logins whose latest event is a PipelineFailed:
                           ACCOUNTS/POLL/INGEST -> a new LoginReceived (standard flow: the poller fetches again),
                           ATTRIBUTES -> the login's AccountsReady again (header flinks-redrive), CONNECT -> skipped
                           (the customer must reconnect); a login that got further after failing is skipped.
                           Prints loginId, stage, reason, failedAt and the action per login. Running it twice
                           re-drives once (deterministic ids).
                             --reason R[,R2]   PipelineFailed.reason, e.g. POLL_TIMEOUT,RETRIES_EXHAUSTED (default any)
                             --stage S[,S2]    CONNECT, ACCOUNTS, POLL, ATTRIBUTES, INGEST (default any)
                             --since T  --until T  ISO instant (2026-11-27T05:00:00Z) or back from now (90s, 15m, 2h, 7d)
                             --login ID        one login
                             --dry-run         print what it would do, write nothing
                             --bootstrap-servers HOST:PORT (default 127.0.0.1:9092)  --registry URL (default :8081/apis/ccompat/v7)
                             --command-config FILE  Kafka client properties (security, SASL, TLS, registry
                                               basic.auth.user.info) for every client
                  remap-unhandled  once ingest maps more webhooks, re-post the ones kept on flinks.webhook-unhandled
                           to ingest (exact bytes, signed), each body once; prints loginId, reason and the answer.
                             --reason R[,R2]   unhandled-reason header, e.g. unknown-type (default any)
                             --since T  --until T  --login ID  --dry-run  (as for redrive)
                             --ingest-url URL  ingest's base URL or its webhook URL (default http://127.0.0.1:8080)
                             --webhook-secret S  the secret to sign with (default: first of $INGEST_WEBHOOK_SECRETS;
                                               none: unsigned). Prefer the environment: options show in ps.
                             --bootstrap-servers, --registry, --command-config (as for redrive)
                  generate-deploy  write the files generated from the topic and access plan (schemas:
                           dev.flinkspipeline.schemas.plan): deploy/k8s/base/kafka/topics.yaml and users.yaml,
                           deploy/compose/create-topics.sh
                             --check           write nothing; exit 1 if a file differs from what the plan generates
                             --project-dir D   the repository's root (default: found from the working directory)
                """;

    /** The local stack's registry as the serde addresses it: Apicurio's Confluent-compatible API. */
    private static final String LOCAL_REGISTRY = "http://127.0.0.1:8081" + ApicurioRegistry.CCOMPAT_PATH;

    private static int stack(List<String> argv) {
        Args args = new Args(
                argv,
                Set.of(
                        "demo",
                        "partitions",
                        "only",
                        "state-dir",
                        "project-dir",
                        "timeout",
                        "rate",
                        "warm-up",
                        "instances",
                        "capacity-rates",
                        "step-seconds",
                        "p99-limit-ms"));
        Path project = projectDir(args.get("project-dir", null));
        StackConfig.Builder builder = StackConfig.builder(project)
                .wipe(!args.has("keep-data"))
                .clocks(args.has("real-clocks") ? StackConfig.Clocks.REAL : StackConfig.Clocks.FAST)
                .partitions(args.getInt("partitions", 3))
                .instances(args.getInt("instances", 1))
                .aotCache(!args.has("no-aot-cache"))
                .parallelStart(!args.has("sequential-start"));
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
        Optional<CapacityRun.Options> capacity = capacityOptions(args);
        args.rejectUnknown();
        StackConfig config = builder.build();

        OUT.println("Starting the local pipeline (state in " + project.relativize(config.stateDir()) + ", logs in "
                + project.relativize(config.logsDir()) + ")");
        long started = System.nanoTime();
        try (LocalStack stack = LocalStack.start(config, OUT::println)) {
            OUT.printf("Up in %.1f s.%n%n", (System.nanoTime() - started) / 1e9);
            printEndpoints(stack);
            int code = 0;
            if (capacity.isPresent()) {
                DemoTargets targets = DemoTargets.of(stack);
                code = targets.missing().isEmpty() && CapacityRun.run(targets, capacity.get(), demoOptions, OUT)
                        ? 0
                        : 1;
            } else if (customers > 0) {
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
            for (Instance instance : stack.running(component)) {
                OUT.printf("  %-12s %-38s %s%n", instance.label(), stack.where(instance), what(stack, instance));
            }
        }
        OUT.println("Topic viewer:  deploy/local/topics all --login-id <loginId>    (deploy/local/topics --list)");
        OUT.println("Logs:          " + config.projectDir().relativize(config.logsDir()) + "/<part>.log"
                + (config.instances() > 1 ? " (a service's instance n: <part>-<n>.log)" : ""));
        OUT.println();
    }

    private static String what(LocalStack stack, Instance instance) {
        StackConfig config = stack.config();
        return switch (instance.component()) {
            case KAFKA -> "Kafka bootstrap servers (KRaft, single node)";
            case REGISTRY ->
                "Apicurio Registry, Confluent-compatible API (schema.registry.url); " + "management http://"
                        + config.host() + ":" + config.ports().registryManagement();
            case SANDBOX -> "Flinks sandbox API; Connect page " + stack.sandboxUrl() + "/v2/ ; admin /sandbox/admin";
            case INGEST -> "ingest: POST /connect/sessions, GET /connect/callback, POST /webhooks/flinks, /q/health";
            case POLLER ->
                "poller: /actuator/health, /actuator/prometheus; transactional ids "
                        + stack.transactionIdPrefix(instance) + "*";
            case ATTRIBUTES ->
                "attributes: /actuator/health, /actuator/prometheus; transactional ids "
                        + stack.transactionIdPrefix(instance) + "*";
            case STREAMS ->
                "accounts-streams: /actuator/health, /actuator/prometheus; state in "
                        + config.projectDir().relativize(config.streamsStateDir(instance.number()));
        };
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
        Args args = new Args(
                argv,
                Set.of(
                        "customers",
                        "bootstrap-server",
                        "registry",
                        "sandbox",
                        "ingest",
                        "poller",
                        "attributes",
                        "state-dir",
                        "timeout",
                        "rate",
                        "warm-up",
                        "capacity-rates",
                        "step-seconds",
                        "p99-limit-ms"));
        DemoTargets targets = new DemoTargets(
                        args.get("bootstrap-server", "127.0.0.1:9092"),
                        args.get("registry", LOCAL_REGISTRY),
                        args.get("sandbox", "http://127.0.0.1:8090"),
                        ingestUrls(args.getSet("ingest")),
                        List.of())
                .with(
                        Map.of(
                                "poller",
                                args.get("poller", "http://127.0.0.1:8082") + DemoTargets.ACTUATOR_PROMETHEUS,
                                "attributes",
                                args.get("attributes", "http://127.0.0.1:8083") + DemoTargets.ACTUATOR_PROMETHEUS),
                        StackPids.read(Path.of(args.get("state-dir", ".local"))));
        int customers = args.getInt("customers", 4);
        Duration timeout = Duration.ofSeconds(args.getInt("timeout", 180));
        DemoOptions options = demoOptions(args);
        Optional<CapacityRun.Options> capacity = capacityOptions(args);
        args.rejectUnknown();
        if (capacity.isPresent()) {
            return CapacityRun.run(targets, capacity.get(), options, OUT) ? 0 : 1;
        }
        return DemoDriver.run(targets, customers, OUT, timeout, options).allReady() ? 0 : 1;
    }

    /** {@code --ingest URL[,URL...]}: the ingest instances the demo spreads its customers over. */
    private static List<String> ingestUrls(Set<String> given) {
        return given.isEmpty() ? List.of("http://127.0.0.1:8080") : List.copyOf(given);
    }

    /** {@code --flinks-immediate} is there to measure the end-to-end latency, so it prints it too. */
    private static DemoOptions demoOptions(Args args) {
        boolean immediate = args.has("flinks-immediate");
        boolean latency = args.has("latency");
        return new DemoOptions(immediate, immediate || latency, args.getInt("rate", 0), args.getInt("warm-up", 0));
    }

    /** {@code --capacity}: step the customer rate up instead of the demo (CapacityRun). */
    private static Optional<CapacityRun.Options> capacityOptions(Args args) {
        if (!args.has("capacity")) {
            return Optional.empty();
        }
        CapacityRun.Options defaults = CapacityRun.Options.DEFAULT;
        Set<String> rates = args.getSet("capacity-rates");
        return Optional.of(new CapacityRun.Options(
                rates.isEmpty()
                        ? defaults.rates()
                        : rates.stream().map(Integer::parseInt).toList(),
                Duration.ofSeconds(
                        args.getInt("step-seconds", (int) defaults.stepLength().toSeconds())),
                Duration.ofMillis(
                        args.getInt("p99-limit-ms", (int) defaults.p99Limit().toMillis())),
                defaults.drain()));
    }

    private static int topics(List<String> argv) {
        Args args = new Args(argv, Set.of("login-id", "max", "bootstrap-server", "registry"));
        String bootstrap = args.get("bootstrap-server", "127.0.0.1:9092");
        String registry = args.get("registry", LOCAL_REGISTRY);
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
                    topics.addAll(Topics.ALL.stream()
                            .filter(x -> !x.equals(Topics.POLL_SCHEDULED))
                            .toList());
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

    private static final Set<String> KAFKA_OPTIONS = Set.of(
            "bootstrap-servers", "bootstrap-server", "registry", "command-config", "since", "until", "login", "reason");

    private static int redrive(List<String> argv) {
        Args args = new Args(argv, with(KAFKA_OPTIONS, "stage"));
        ClientSettings kafka = clientSettings(args);
        TimeWindow window = TimeWindow.parse(args.get("since", null), args.get("until", null), Instant.now());
        RedriveFilter filter = new RedriveFilter(
                args.getSet("reason"), RedriveFilter.stages(args.getSet("stage")), window, args.get("login", null));
        boolean dryRun = args.has("dry-run");
        args.rejectUnknown();
        return new RedriveCommand(
                        new RedriveCommand.Options(kafka, filter, dryRun, RedriveTopics.DEFAULT), Clock.systemUTC())
                .run(OUT);
    }

    private static int remapUnhandled(List<String> argv) {
        Args args = new Args(argv, with(KAFKA_OPTIONS, "ingest-url", "webhook-secret"));
        ClientSettings kafka = clientSettings(args);
        TimeWindow window = TimeWindow.parse(args.get("since", null), args.get("until", null), Instant.now());
        String secret = args.get("webhook-secret", firstSecret(System.getenv("INGEST_WEBHOOK_SECRETS")));
        RemapCommand.Options options = new RemapCommand.Options(
                kafka,
                args.getSet("reason"),
                window,
                args.get("login", null),
                args.get("ingest-url", "http://127.0.0.1:8080"),
                secret,
                args.has("dry-run"),
                null);
        args.rejectUnknown();
        return new RemapCommand(options).run(OUT);
    }

    private static ClientSettings clientSettings(Args args) {
        String bootstrap = args.get("bootstrap-servers", args.get("bootstrap-server", "127.0.0.1:9092"));
        String config = args.get("command-config", null);
        return ClientSettings.of(
                bootstrap, args.get("registry", LOCAL_REGISTRY), config == null ? null : Path.of(config));
    }

    /** The first of comma-separated secrets (ingest signs nothing, it verifies against all; any one works). */
    static String firstSecret(String secrets) {
        if (secrets == null) {
            return null;
        }
        return Arrays.stream(secrets.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .findFirst()
                .orElse(null);
    }

    private static Set<String> with(Set<String> base, String... more) {
        Set<String> all = new HashSet<>(base);
        all.addAll(Arrays.asList(more));
        return all;
    }

    /** The project root: given, or the first folder upward from here holding mvnw and deploy/local. */
    private static int generateDeploy(List<String> argv) {
        Args args = new Args(argv, Set.of("project-dir"));
        Path project = projectDir(args.get("project-dir", null));
        boolean check = args.has("check");
        args.rejectUnknown();
        if (check) {
            List<String> stale = DeployFiles.stale(project);
            stale.forEach(path -> OUT.println("differs from the plan: " + path));
            return stale.isEmpty() ? 0 : 1;
        }
        List<String> changed = DeployFiles.write(project);
        changed.forEach(path -> OUT.println("wrote " + path));
        if (changed.isEmpty()) {
            OUT.println("every generated file is up to date");
        }
        return 0;
    }

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
