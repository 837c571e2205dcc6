package dev.flinkspipeline.poller.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flinkspipeline.events.LoginReceived;
import dev.flinkspipeline.events.LoginSource;
import dev.flinkspipeline.events.PollScheduled;
import dev.flinkspipeline.flinks.sandbox.FlinksSandbox;
import dev.flinkspipeline.flinks.sandbox.SandboxConfig;
import dev.flinkspipeline.flinks.sandbox.state.Login;
import dev.flinkspipeline.schemas.Topics;
import dev.flinkspipeline.schemas.serde.AvroDeserializer;
import dev.flinkspipeline.schemas.serde.AvroSerializer;
import dev.flinkspipeline.testkit.PipelineInfra;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * 10,000 logins pending at once: the sandbox answers 202 ({@code pendingForever}) until
 * {@code bench.pendingSeconds} after the LoginReceived were written, then every login is switched to 200.
 * The poller runs as its own process ({@code java -Xmx<bench.heap> -jar poller-service/target/...jar},
 * real 10 s poll interval) against an in-process broker, registry and sandbox in this JVM.
 *
 * <p>Prints, every 10 s and at the end: polls/s, the poller's heap used and CPU, and the lateness of polls
 * against their schedule. Lateness is measured from the events themselves: a PollScheduled written after
 * a 202 is due one interval after that 202 arrived, so {@code (next.dueAt - interval) - previous.dueAt}
 * is how late the previous poll's answer came (start lateness plus the call itself). The poller's own
 * timer {@code poller.poll.lateness} (due to step start) is read from its Prometheus endpoint at the end.
 *
 * <p>Run from the repo root with {@code bench/run poller} (it builds the jar), with optional
 * {@code -Dbench.logins=10000 -Dbench.pendingSeconds=150 -Dbench.heap=256m -Dbench.sandboxCache=1g}. The logins are
 * created with their GetAccountsDetail bodies prepared (sandbox body cache sized by {@code bench.sandboxCache}),
 * before the poller starts: the sandbox copies bodies at the switch to 200 instead of generating them.
 */
public final class PollerBenchmark {

    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        // Before any JDK HTTP server starts (the registry starts before the sandbox): see the sandbox README.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int logins = Integer.getInteger("bench.logins", 10_000);
        int pendingSeconds = Integer.getInteger("bench.pendingSeconds", 150);
        // Logins run through both paths (one 202, then 200) before the measured ones, so neither the poller's
        // JIT nor the broker's meets a 200 for the first time at the switch: a poller in production is warm.
        int warmUpLogins = Integer.getInteger("bench.warmUpLogins", 2000);
        String heap = System.getProperty("bench.heap", "256m");
        Path jar = findJar();
        System.out.printf(
                "poller benchmark: %d logins, 202 for %d s then 200, poll interval %s, poller -Xmx%s%n",
                logins, pendingSeconds, INTERVAL, heap);

        try (PipelineInfra infra = new PipelineInfra().start();
                // A cache holding every login's GetAccountsDetail body (~24 KB each), filled while the logins are
                // created: at the switch to 200 the sandbox copies bodies instead of generating 10,000 of them
                // (5-14 ms of CPU each) on the cores the poller is measured on.
                FlinksSandbox sandbox = FlinksSandbox.start(SandboxConfig.builder()
                        .accountsDetailCacheBytes(
                                SandboxConfig.parseBytes(System.getProperty("bench.sandboxCache", "1g")))
                        .build())) {
            for (String topic : List.of(
                    Topics.LOGIN_RECEIVED,
                    Topics.POLL_SCHEDULED,
                    Topics.ACCOUNTS_READY,
                    Topics.PIPELINE_FAILED,
                    Topics.dlt(Topics.LOGIN_RECEIVED),
                    Topics.dlt(Topics.POLL_SCHEDULED))) {
                infra.createTopic(topic, 6, Map.of("max.message.bytes", "16777216"));
            }
            infra.createTopic("flinks-poller.logins-seen", 6, Map.of("cleanup.policy", "compact,delete"));
            List<String> ids = createLogins(sandbox.baseUrl(), logins, PENDING_FOREVER);
            List<String> warmUpIds = createLogins(sandbox.baseUrl(), warmUpLogins, ONE_202_THEN_200);
            System.out.printf(
                    "sandbox GetAccountsDetail bodies prepared: %.1f MB in the cache (bound %.0f MB)%n",
                    sandbox.state().accountsDetails().bytes() / 1e6,
                    sandbox.state().accountsDetails().maxBytes() / 1e6);
            int port = freePort();
            Path log = Path.of("target", "bench-poller.log");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heap));
            // e.g. -Dbench.pollerJvmArgs=-XX:StartFlightRecording=filename=target/poller.jfr to profile the poller
            String extraJvmArgs = System.getProperty("bench.pollerJvmArgs", "").trim();
            if (!extraJvmArgs.isEmpty()) {
                command.addAll(List.of(extraJvmArgs.split("\\s+")));
            }
            command.addAll(pollerJar(jar));
            command.addAll(List.of(
                    "--spring.kafka.bootstrap-servers=" + infra.bootstrapServers(),
                    "--pipeline.kafka.schema-registry-url=" + infra.schemaRegistryUrl(),
                    "--pipeline.kafka.auto-register-schemas=true",
                    "--flinks.base-url=" + sandbox.baseUrl(),
                    "--flinks.customer-id=" + SandboxConfig.TOOLBOX_CUSTOMER_ID,
                    "--flinks.secret-key=" + SandboxConfig.TOOLBOX_SECRET_KEY,
                    "--flinks.api-key=" + SandboxConfig.TOOLBOX_API_KEY,
                    "--server.port=" + port,
                    "--pipeline.job.topics.create=false"));
            // e.g. -Dbench.pollerArgs=--spring.kafka.listener.poll-timeout=100ms to try a setting
            String extraArgs = System.getProperty("bench.pollerArgs", "").trim();
            if (!extraArgs.isEmpty()) {
                command.addAll(List.of(extraArgs.split("\\s+")));
            }
            Process poller = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            try {
                awaitReady(port);
                warmUp(infra, warmUpIds);
                run(infra, sandbox, ids, poller, port, pendingSeconds);
            } finally {
                // SIGTERM first: the poller shuts down gracefully (and a flight recording, if any, is written).
                poller.destroy();
                if (!poller.waitFor(30, TimeUnit.SECONDS)) {
                    poller.destroyForcibly().waitFor();
                }
            }
        }
        System.exit(0);
    }

    /**
     * {@code -jar} and the poller's jar: the built one, or with {@code -Dbench.pollerAot=true} the cold-start lever
     * of the local stack: the unpacked jar and AOT cache (Java 25+) that {@code deploy/local/run} left under
     * target/local-stack for this build (its first start trains the cache, written when the stack stops).
     */
    private static List<String> pollerJar(Path jar) throws IOException {
        if (!Boolean.getBoolean("bench.pollerAot")) {
            return List.of("-jar", jar.toString());
        }
        Path stackDir = Path.of("target", "local-stack").toAbsolutePath();
        String name = jar.getFileName().toString();
        Path unpacked = stackDir.resolve(name.substring(0, name.length() - ".jar".length()) + "-" + contentKey(jar))
                .resolve(name);
        Path cache;
        try (Stream<Path> files = Files.list(stackDir)) {
            cache = files.filter(p -> p.getFileName().toString().matches("poller-[0-9a-f]+\\.aot"))
                    .findFirst()
                    .orElse(null);
        } catch (NoSuchFileException e) {
            cache = null;
        }
        if (!Files.isRegularFile(unpacked) || cache == null) {
            throw new IllegalStateException("-Dbench.pollerAot: no AOT cache of this poller build under " + stackDir
                    + ": start the local stack once on Java 25+ (deploy/local/run --demo 1 --exit trains it)");
        }
        System.out.println("poller: " + unpacked + " with the AOT cache " + cache);
        return List.of("-XX:AOTCache=" + cache, "-jar", unpacked.toString());
    }

    /**
     * The name ExtractedJar (deploy/local/tools) gives the folder it unpacks a jar into: the first 16 hex digits of a
     * SHA-256 over each entry's name, CRC and size, so this very build's content, whenever it was packaged.
     */
    private static String contentKey(Path jar) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                digest.update((entry.getName() + "|" + entry.getCrc() + "|" + entry.getSize())
                        .getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
        }
        return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    }

    private static void run(
            PipelineInfra infra, FlinksSandbox sandbox, List<String> ids, Process poller, int port, int pendingSeconds)
            throws Exception {
        Map<String, Object> serde =
                Map.of("schema.registry.url", infra.schemaRegistryUrl(), "specific.avro.reader", true);
        Progress progress = new Progress(ids);
        AtomicBoolean stop = new AtomicBoolean();
        Thread reader = new Thread(() -> read(infra, serde, progress, stop), "bench-reader");
        reader.start();
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        infra.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.LINGER_MS_CONFIG,
                        10),
                new StringSerializer(),
                AvroSerializer.create(serde, false))) {
            String metricsAtStart = get(port, "/actuator/prometheus"); // after the warm-up
            Instant start = Instant.now();
            writeLoginsReceived(producer, ids, start);
            System.out.printf(
                    "%d LoginReceived written in %d ms%n",
                    ids.size(), Duration.between(start, Instant.now()).toMillis());

            Instant flipAt = start.plusSeconds(pendingSeconds);
            AtomicReference<String> metricsAtFlip = new AtomicReference<>();
            AtomicReference<Samples> answersAtFlip = new AtomicReference<>();
            Thread flipper = new Thread(
                    () -> {
                        sleepUntil(flipAt);
                        metricsAtFlip.set(get(port, "/actuator/prometheus"));
                        answersAtFlip.set(progress.allCopy());
                        Instant t0 = Instant.now();
                        // In process, as the admin API's behaviour PUT does: 10,000 HTTP PUTs would cost the shared
                        // cores seconds of CPU inside the very phase being measured.
                        for (String id : ids) {
                            Login login = sandbox.state().logins().get(id);
                            login.pendingForever(false);
                            login.pendingPolls(0);
                        }
                        System.out.printf(
                                "  (all %d logins switched to 200 from %ds to %ds)%n",
                                ids.size(),
                                Duration.between(start, t0).toSeconds(),
                                Duration.between(start, Instant.now()).toSeconds());
                    },
                    "bench-flip");
            flipper.start();

            Instant steadyFrom = start.plus(INTERVAL.multipliedBy(2));
            Duration cpuAtStart = cpu(poller);
            Duration cpuMark = cpuAtStart;
            // This JVM: broker, registry, sandbox and the reader; shows whether the sandbox side is the limit.
            Duration harnessCpuMark = cpu(ProcessHandle.current());
            long maxHeap = 0;
            long stepsMark = 0;
            long steadySteps = -1;
            Instant mark = start;
            Instant deadline = flipAt.plusSeconds(300);
            System.out.println(
                    "elapsed  polls/s  ready  heap-used  poller-cpu  late-p50  late-p99  late-max  harness-cpu  (answer lateness of the window's 202 polls)");
            while (progress.outcomes() < ids.size() && Instant.now().isBefore(deadline)) {
                Thread.sleep(10_000);
                Instant now = Instant.now();
                long heapUsed = heapUsed(port);
                maxHeap = Math.max(maxHeap, heapUsed);
                Duration cpuNow = cpu(poller);
                Duration harnessCpuNow = cpu(ProcessHandle.current());
                long steps = progress.steps();
                double seconds = Duration.between(mark, now).toMillis() / 1000.0;
                Samples window = progress.takeWindow();
                System.out.printf(
                        "%6ds  %7.0f  %5d  %7.1f MB  %9.0f%%  %6d ms  %6d ms  %6d ms  %9.0f%%%n",
                        Duration.between(start, now).toSeconds(),
                        (steps - stepsMark) / seconds,
                        progress.ready(),
                        heapUsed / 1e6,
                        100.0 * cpuNow.minus(cpuMark).toMillis() / 1000.0 / seconds,
                        window.percentile(50),
                        window.percentile(99),
                        window.max(),
                        100.0 * harnessCpuNow.minus(harnessCpuMark).toMillis() / 1000.0 / seconds);
                harnessCpuMark = harnessCpuNow;
                if (steadySteps < 0 && now.isAfter(steadyFrom)) {
                    steadySteps = steps;
                    steadyFrom = now;
                }
                if (now.isBefore(flipAt)) {
                    progress.steadyUntil(now, steps);
                }
                cpuMark = cpuNow;
                stepsMark = steps;
                mark = now;
            }
            stop.set(true);
            reader.join();
            Instant end = Instant.now();
            double wall = Duration.between(start, end).toMillis() / 1000.0;
            Duration cpu = cpu(poller).minus(cpuAtStart);
            System.out.println();
            System.out.printf(
                    "done: %d AccountsReady, %d PipelineFailed in %.0f s; %d steps%n",
                    progress.ready(), progress.outcomes() - progress.ready(), wall, progress.steps());
            if (progress.steadyUntil != null && steadySteps >= 0) {
                System.out.printf(
                        "polls/s while all %d logins were pending (%ds to %ds): %.0f%n",
                        ids.size(),
                        Duration.between(start, steadyFrom).toSeconds(),
                        Duration.between(start, progress.steadyUntil).toSeconds(),
                        (progress.steadySteps - steadySteps)
                                / (Duration.between(steadyFrom, progress.steadyUntil)
                                                .toMillis()
                                        / 1000.0));
            }
            System.out.printf(
                    "poller heap used: max %.1f MB sampled every 10 s (limit -Xmx%s)%n",
                    maxHeap / 1e6, System.getProperty("bench.heap", "256m"));
            System.out.printf(
                    "poller CPU: %.1f s over %.0f s = %.0f%% of one core (%d cores here)%n",
                    cpu.toMillis() / 1000.0,
                    wall,
                    100.0 * cpu.toMillis() / 1000.0 / wall,
                    Runtime.getRuntime().availableProcessors());
            Samples all = progress.all();
            Samples pending = answersAtFlip.get() == null ? all : answersAtFlip.get();
            System.out.printf(
                    "answer lateness of 202 polls (due -> answer received) while all were pending, %d polls: "
                            + "p50 %d ms, p99 %d ms, p99.9 %d ms, max %d ms%n",
                    pending.size(),
                    pending.percentile(50),
                    pending.percentile(99),
                    pending.percentile(99.9),
                    pending.max());
            System.out.printf(
                    "answer lateness of 202 polls, whole run, %d polls: p50 %d ms, p99 %d ms, max %d ms%n",
                    all.size(), all.percentile(50), all.percentile(99), all.max());
            String metrics = get(port, "/actuator/prometheus");
            System.out.printf(
                    "poller's own start-lateness timer (due -> step start), %s steps: max %s s%n",
                    metric(metrics, "pipeline_job_lateness_seconds_count"),
                    metric(metrics, "pipeline_job_lateness_seconds_max"));
            if (metricsAtFlip.get() != null) {
                System.out.println("  while all were pending: "
                        + latenessBuckets(minus(buckets(metricsAtFlip.get()), buckets(metricsAtStart))));
                System.out.println("  after the switch to 200: "
                        + latenessBuckets(minus(buckets(metrics), buckets(metricsAtFlip.get()))));
            }
            System.out.println("  whole run: " + latenessBuckets(minus(buckets(metrics), buckets(metricsAtStart))));
        }
    }

    private static void writeLoginsReceived(KafkaProducer<String, Object> producer, List<String> ids, Instant at) {
        Instant receivedAt = at.truncatedTo(ChronoUnit.MILLIS);
        for (String id : ids) {
            producer.send(new ProducerRecord<>(
                    Topics.LOGIN_RECEIVED,
                    id,
                    LoginReceived.newBuilder()
                            .setEventId("bench-" + id)
                            .setLoginId(id)
                            .setInstitution("FlinksCapital")
                            .setVia(LoginSource.API)
                            .setReceivedAt(receivedAt)
                            .build()));
        }
        producer.flush();
    }

    /** Runs {@code ids} (one 202, then 200) to their AccountsReady; nothing of it is measured. */
    private static void warmUp(PipelineInfra infra, List<String> ids) throws Exception {
        if (ids.isEmpty()) {
            return;
        }
        Map<String, Object> serde = Map.of("schema.registry.url", infra.schemaRegistryUrl());
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Instant t0 = Instant.now();
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                infra.bootstrapServers(),
                                ProducerConfig.ACKS_CONFIG,
                                "all"),
                        new StringSerializer(),
                        AvroSerializer.create(serde, false));
                KafkaConsumer<String, byte[]> outcomes =
                        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            assignAll(outcomes, List.of(Topics.ACCOUNTS_READY, Topics.PIPELINE_FAILED));
            writeLoginsReceived(producer, ids, t0);
            Set<String> left = new HashSet<>(ids);
            Instant deadline = t0.plusSeconds(180);
            while (!left.isEmpty() && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> r : outcomes.poll(Duration.ofMillis(200))) {
                    left.remove(r.key());
                }
            }
            if (!left.isEmpty()) {
                throw new IllegalStateException(left.size() + " warm-up logins got no outcome in 180 s");
            }
        }
        System.out.printf(
                "warm-up: %d logins (one 202, then 200) done in %d ms; not measured%n",
                ids.size(), Duration.between(t0, Instant.now()).toMillis());
    }

    /** Reads PollScheduled (Avro) for the lateness chain, and counts outcomes by their ce_type header. */
    private static void read(PipelineInfra infra, Map<String, Object> serde, Progress progress, AtomicBoolean stop) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        try (KafkaConsumer<String, Object> polls =
                        new KafkaConsumer<>(config, new StringDeserializer(), AvroDeserializer.create(serde, false));
                KafkaConsumer<String, byte[]> outcomes =
                        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            assignAll(polls, List.of(Topics.POLL_SCHEDULED));
            assignAll(outcomes, List.of(Topics.ACCOUNTS_READY, Topics.PIPELINE_FAILED));
            while (!stop.get()) {
                for (ConsumerRecord<String, Object> r : polls.poll(Duration.ofMillis(100))) {
                    if (r.value() instanceof PollScheduled p) {
                        progress.pollScheduled(p);
                    }
                }
                for (ConsumerRecord<String, byte[]> r : outcomes.poll(Duration.ofMillis(100))) {
                    progress.outcome(r.key(), r.topic().equals(Topics.ACCOUNTS_READY));
                }
            }
        }
    }

    private static void assignAll(KafkaConsumer<?, ?> consumer, List<String> topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** What the reader saw. */
    static final class Progress {
        private final Set<String> measured;
        private final Map<String, PollScheduled> last = new HashMap<>();
        private Samples all = new Samples();
        private Samples window = new Samples();
        private long steps;
        private int outcomes;
        private int ready;
        volatile Instant steadyUntil;
        volatile long steadySteps;

        Progress(List<String> measured) {
            this.measured = new HashSet<>(measured);
        }

        synchronized void pollScheduled(PollScheduled p) {
            if (!measured.contains(p.getLoginId())) {
                return; // a warm-up login
            }
            PollScheduled previous = last.put(p.getLoginId(), p);
            if (previous == null) {
                return; // the first poll of a job: written by the LoginReceived step
            }
            steps++;
            if (previous.getRequestId().equals(p.getRequestId())
                    && p.getRetries() == 0
                    && p.getAttempt() == previous.getAttempt() + 1) {
                long late = p.getDueAt().minus(INTERVAL).toEpochMilli()
                        - previous.getDueAt().toEpochMilli();
                all.add(late);
                window.add(late);
            }
        }

        synchronized void outcome(String loginId, boolean accounts) {
            if (!measured.contains(loginId)) {
                return;
            }
            steps++;
            outcomes++;
            if (accounts) {
                ready++;
            }
            last.remove(loginId);
        }

        synchronized long steps() {
            return steps;
        }

        synchronized int outcomes() {
            return outcomes;
        }

        synchronized int ready() {
            return ready;
        }

        synchronized Samples takeWindow() {
            Samples w = window;
            window = new Samples();
            return w;
        }

        synchronized Samples all() {
            return all;
        }

        synchronized Samples allCopy() {
            return all.copy();
        }

        void steadyUntil(Instant at, long stepsThen) {
            steadyUntil = at;
            steadySteps = stepsThen;
        }
    }

    /** The poller's start-lateness histogram buckets (its accounts job): (upper bound s, cumulative count). */
    private static List<double[]> buckets(String metrics) {
        Matcher m = Pattern.compile(
                        "(?m)^pipeline_job_lateness_seconds_bucket\\{(?=[^}]*job=\"accounts\")[^}]*le=\"([0-9.+Inf]+)\"[^}]*\\}"
                                + " ([0-9.eE+]+)")
                .matcher(metrics);
        List<double[]> buckets = new ArrayList<>();
        while (m.find()) {
            double le = m.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(1));
            buckets.add(new double[] {le, Double.parseDouble(m.group(2))});
        }
        return buckets;
    }

    private static List<double[]> minus(List<double[]> a, List<double[]> b) {
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < a.size() && i < b.size(); i++) {
            out.add(new double[] {a.get(i)[0], a.get(i)[1] - b.get(i)[1]});
        }
        return out;
    }

    /** p50/p99 upper bounds from histogram buckets. */
    private static String latenessBuckets(List<double[]> buckets) {
        if (buckets.isEmpty()) {
            return "no histogram";
        }
        double total = buckets.get(buckets.size() - 1)[1];
        // The histogram's largest bucket bound under 1 s: the steps above it started (about) 1 s late or more.
        double[] underOneSecond = {0, 0};
        for (double[] b : buckets) {
            if (b[0] <= 1.0) {
                underOneSecond = b;
            }
        }
        return String.format(
                "%.0f steps, start lateness p50 <= %s s, p99 <= %s s, p99.9 <= %s s; %.0f started more "
                        + "than %.3f s late",
                total,
                bound(buckets, total * 0.5),
                bound(buckets, total * 0.99),
                bound(buckets, total * 0.999),
                total - underOneSecond[1],
                underOneSecond[0]);
    }

    private static String bound(List<double[]> buckets, double count) {
        for (double[] b : buckets) {
            if (b[1] >= count) {
                return Double.isInfinite(b[0]) ? "+Inf" : String.format("%.3f", b[0]);
            }
        }
        return "+Inf";
    }

    private static void sleepUntil(Instant at) {
        try {
            long ms = Duration.between(Instant.now(), at).toMillis();
            if (ms > 0) {
                Thread.sleep(ms);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Duration cpu(Process process) {
        return cpu(process.toHandle());
    }

    private static Duration cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    private static long heapUsed(int port) {
        try {
            String metrics = get(port, "/actuator/prometheus");
            Matcher m = Pattern.compile("(?m)^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*\\} ([0-9.eE+]+)")
                    .matcher(metrics);
            double sum = 0;
            while (m.find()) {
                sum += Double.parseDouble(m.group(1));
            }
            return (long) sum;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static String metric(String metrics, String name) {
        Matcher m =
                Pattern.compile("(?m)^" + name + "(\\{[^}]*\\})? ([0-9.eE+-]+)").matcher(metrics);
        return m.find() ? m.group(2) : "?";
    }

    private static final String PENDING_FOREVER =
            "{\"fireWebhooks\":false,\"prepare\":true,\"behaviour\":{\"pendingForever\":true}}";
    private static final String ONE_202_THEN_200 =
            "{\"fireWebhooks\":false,\"prepare\":true,\"behaviour\":{\"pendingPolls\":1}}";

    private static List<String> createLogins(String baseUrl, int count, String login) throws Exception {
        HttpClient http = HTTP;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        Instant t0 = Instant.now();
        List<Future<String>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            futures.add(pool.submit(() -> {
                HttpResponse<byte[]> r = http.send(
                        HttpRequest.newBuilder(URI.create(baseUrl + "/sandbox/admin/logins"))
                                .POST(HttpRequest.BodyPublishers.ofString(login))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                return JSON.readTree(r.body()).get("loginId").asText();
            }));
        }
        List<String> ids = new ArrayList<>();
        for (Future<String> f : futures) {
            ids.add(f.get());
        }
        pool.shutdown();
        System.out.printf(
                "%d sandbox logins created (GetAccountsDetail bodies prepared) in %d ms%n",
                count, Duration.between(t0, Instant.now()).toMillis());
        return ids;
    }

    private static void awaitReady(int port) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < end) {
            try {
                if (get(port, "/actuator/health/readiness").contains("\"UP\"")) {
                    return;
                }
            } catch (RuntimeException e) {
                // not up yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the poller did not become ready; see target/bench-poller.log");
    }

    private static String get(int port, String path) {
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static Path findJar() throws IOException {
        Path target = Path.of("poller-service", "target");
        if (!Files.isDirectory(target)) {
            target = Path.of("target");
        }
        try (var files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches("poller-service-.*\\.jar"))
                    .filter(p -> !p.getFileName().toString().endsWith(".original"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            "build the jar first: ./mvnw -q -pl poller-service package -DskipTests"))
                    .toAbsolutePath();
        }
    }

    /** Millisecond samples. */
    static final class Samples {
        private long[] values = new long[1024];
        private int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int size() {
            return size;
        }

        long percentile(double p) {
            if (size == 0) {
                return 0;
            }
            long[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            return sorted[Math.max(0, Math.min(size - 1, (int) Math.ceil(p / 100.0 * size) - 1))];
        }

        Samples copy() {
            Samples c = new Samples();
            c.values = Arrays.copyOf(values, Math.max(1, size));
            c.size = size;
            return c;
        }

        long max() {
            return size == 0 ? 0 : Arrays.stream(values, 0, size).max().getAsLong();
        }
    }
}
