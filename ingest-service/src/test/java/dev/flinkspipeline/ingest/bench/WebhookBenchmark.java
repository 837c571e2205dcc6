package dev.flinkspipeline.ingest.bench;

import dev.flinkspipeline.flinks.sandbox.data.DaysOfTransactions;
import dev.flinkspipeline.flinks.sandbox.data.LoginDataGenerator;
import dev.flinkspipeline.flinks.sandbox.json.Json;
import dev.flinkspipeline.ingest.security.WebhookSignatureVerifier;
import dev.flinkspipeline.schemas.Topics;
import dev.flinkspipeline.testkit.kafka.KafkaBroker;
import dev.flinkspipeline.testkit.registry.TestSchemaRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Webhook intake benchmark: posts realistic, HMAC-signed Flinks webhooks (a KYC and a full
 * GetAccountsDetail per login, from the sandbox's data generator) on loopback at a fixed concurrency,
 * to the packaged service ({@code java -jar target/quarkus-app/quarkus-run.jar}) running against a
 * real KRaft broker and the in-memory test schema registry. It measures, in the same run and alternately,
 * {@code /webhooks/flinks/baseline} (the same servlet doing everything but Kafka: read, HMAC, parse,
 * map, answer 200) and {@code /webhooks/flinks} (answer 200 once Kafka acknowledged, acks=all), and
 * prints sustained requests/s and p50/p99 latency of each.
 *
 * <p>Run with {@code bench/run ingest}. System properties: {@code bench.concurrency} (64),
 * {@code bench.seconds} per measured round (15), {@code bench.rounds} (3), {@code bench.warmup} seconds per endpoint (60: with 10, the JIT compiler threads of the
 * service and of the broker still took a fifth of the machine through the measured rounds), {@code bench.logins} (100),
 * {@code bench.days} (Days90), {@code bench.app} (the service's jar), {@code bench.appJvmArgs} (JVM options of the
 * service, space-separated: a JFR recording, GC settings).
 */
public final class WebhookBenchmark {

    private static final String SECRET = "bench-webhook-secret";

    private WebhookBenchmark() {}

    public static void main(String[] args) throws Exception {
        BenchEnvironment.configureHarnessLogging();
        int concurrency = Integer.getInteger("bench.concurrency", 64);
        int seconds = Integer.getInteger("bench.seconds", 15);
        int rounds = Integer.getInteger("bench.rounds", 3);
        int warmup = Integer.getInteger("bench.warmup", 60);
        int logins = Integer.getInteger("bench.logins", 100);
        DaysOfTransactions days = DaysOfTransactions.valueOf(System.getProperty("bench.days", "Days90"));
        Path app = Path.of(System.getProperty("bench.app", "target/quarkus-app/quarkus-run.jar"));
        if (!Files.exists(app)) {
            throw new IllegalStateException(app + " not found: package the service first (bench/run does)");
        }

        List<byte[]> bodies = bodies(logins, days);
        long totalBytes = bodies.stream().mapToLong(b -> b.length).sum();
        System.out.printf(
                "payloads: %d webhooks (KYC + GetAccountsDetail %s per login), average %d bytes, largest %d bytes%n",
                bodies.size(),
                days,
                totalBytes / bodies.size(),
                bodies.stream().mapToInt(b -> b.length).max().orElse(0));

        try (KafkaBroker broker = new KafkaBroker().start()) {
            for (String topic : List.of(Topics.KYC_RECEIVED, Topics.ACCOUNTS_READY)) {
                broker.createTopic(topic, 3, Map.of("max.message.bytes", Integer.toString(16 * 1024 * 1024)));
            }
            try (TestSchemaRegistry registry = TestSchemaRegistry.start()) {
                int port = freePort();
                Process service = startService(app, port, broker.bootstrapServers(), registry.url());
                try {
                    String base = "http://127.0.0.1:" + port;
                    HttpClient client = HttpClient.newBuilder()
                            .connectTimeout(Duration.ofSeconds(5))
                            .build();
                    awaitReady(client, base, service);
                    System.out.printf(
                            "service ready; concurrency %d, %d s per round, %d rounds, acks=all, %d cores, load average %s%n",
                            concurrency, seconds, rounds, Runtime.getRuntime().availableProcessors(), loadAverage());
                    run(client, base + "/webhooks/flinks/baseline", bodies, concurrency, warmup, "warm-up baseline");
                    run(client, base + "/webhooks/flinks", bodies, concurrency, warmup, "warm-up kafka");
                    List<Result> baseline = new ArrayList<>();
                    List<Result> kafka = new ArrayList<>();
                    for (int round = 1; round <= rounds; round++) {
                        baseline.add(run(
                                client,
                                base + "/webhooks/flinks/baseline",
                                bodies,
                                concurrency,
                                seconds,
                                "round " + round + " baseline (no Kafka)"));
                        kafka.add(run(
                                client,
                                base + "/webhooks/flinks",
                                bodies,
                                concurrency,
                                seconds,
                                "round " + round + " kafka (acks=all)"));
                    }
                    Result b = Result.merge("baseline (no Kafka)", baseline);
                    Result k = Result.merge("kafka (acks=all)", kafka);
                    System.out.println();
                    System.out.println("| endpoint | requests | errors | req/s | MB/s in | p50 ms | p99 ms |");
                    System.out.println("|---|---|---|---|---|---|---|");
                    System.out.println(b.row(totalBytes / bodies.size()));
                    System.out.println(k.row(totalBytes / bodies.size()));
                    System.out.printf("%nkafka / baseline throughput: %.2f%n", k.rate() / b.rate());
                    String metrics = client.send(
                                    HttpRequest.newBuilder(URI.create(base + "/q/metrics"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body();
                    System.out.println("service-side produce latency (send to ack, whole run incl. warm-up):");
                    metrics.lines()
                            .filter(l -> l.startsWith("ingest_produce_latency_seconds{")
                                    || l.startsWith("ingest_produce_latency_seconds_max"))
                            .forEach(l -> System.out.println("  " + l));
                    System.out.println("the producer's own (its last 60 s, i.e. mostly the last kafka round):");
                    metrics.lines()
                            .filter(l -> PRODUCER_METRICS.stream().anyMatch(name -> l.startsWith(name + "{")))
                            .forEach(l -> System.out.println("  " + l));
                } finally {
                    service.destroy();
                    service.waitFor();
                }
            }
        }
    }

    /** How the producer batches: requests, records per request, batch size, time in the accumulator. */
    private static final List<String> PRODUCER_METRICS = List.of(
            "kafka_producer_request_rate",
            "kafka_producer_records_per_request_avg",
            "kafka_producer_batch_size_avg",
            "kafka_producer_compression_rate_avg",
            "kafka_producer_record_queue_time_avg",
            "kafka_producer_request_latency_avg");

    /** One KYC and one full GetAccountsDetail webhook per login, signed as Flinks signs them. */
    private static List<byte[]> bodies(int logins, DaysOfTransactions days) {
        LoginDataGenerator generator = new LoginDataGenerator(42, LocalDate.now());
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < logins; i++) {
            String loginId = UUID.randomUUID().toString();
            String requestId = UUID.randomUUID().toString();
            bodies.add(Json.bytes(generator.webhookKyc(loginId, "greatday_nomfa", requestId)));
            bodies.add(
                    Json.bytes(generator.webhookAccountsDetail(loginId, "greatday_nomfa", requestId, "bench", days)));
        }
        return bodies;
    }

    private static Process startService(Path app, int port, String bootstrap, String registryUrl) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        // e.g. a JFR recording of the service: -Dbench.appJvmArgs=-XX:StartFlightRecording=filename=target/ingest.jfr
        String jvmArgs = System.getProperty("bench.appJvmArgs", "").trim();
        if (!jvmArgs.isEmpty()) {
            command.addAll(List.of(jvmArgs.split("\\s+")));
        }
        command.addAll(List.of("-jar", app.toString()));
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        env.put("KAFKA_SCHEMA_REGISTRY_URL", registryUrl);
        env.put("INGEST_WEBHOOK_SECRETS", SECRET);
        BenchEnvironment.putRequired(env);
        env.put("INGEST_WEBHOOK_BASELINE_ENABLED", "true");
        env.put("QUARKUS_LOG_CATEGORY__DEV_FLINKSPIPELINE_INGEST__LEVEL", "WARN");
        pb.redirectErrorStream(true)
                .redirectOutput(Path.of("target", "bench-service.log").toFile());
        return pb.start();
    }

    private static void awaitReady(HttpClient client, String base, Process service) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException("the service exited; see target/bench-service.log");
            }
            try {
                HttpResponse<String> r = client.send(
                        HttpRequest.newBuilder(URI.create(base + "/q/health/ready"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the service did not become ready; see target/bench-service.log");
    }

    private static Result run(
            HttpClient client, String url, List<byte[]> bodies, int concurrency, int seconds, String name)
            throws Exception {
        List<String> signatures = bodies.stream()
                .map(b -> WebhookSignatureVerifier.sign(SECRET, b))
                .toList();
        AtomicLong next = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Future<long[]>> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int w = 0; w < concurrency; w++) {
            workers.add(pool.submit(() -> {
                long[] latencies = new long[1024];
                int n = 0;
                while (System.nanoTime() < end) {
                    int i = (int) (next.getAndIncrement() % bodies.size());
                    HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                            .header("Content-Type", "application/json")
                            .header(WebhookSignatureVerifier.HEADER, signatures.get(i))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i)))
                            .build();
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                    } catch (IOException e) {
                        errors.incrementAndGet();
                    }
                    if (n == latencies.length) {
                        latencies = Arrays.copyOf(latencies, n * 2);
                    }
                    latencies[n++] = System.nanoTime() - t0;
                }
                return Arrays.copyOf(latencies, n);
            }));
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> worker : workers) {
            all.add(worker.get());
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        Result result = new Result(
                name, all.stream().flatMapToLong(Arrays::stream).sorted().toArray(), errors.get(), elapsed);
        System.out.printf(
                "%-34s %8.1f req/s  p50 %6.1f ms  p99 %6.1f ms  (%d requests, %d errors)%n",
                name,
                result.rate(),
                result.percentile(0.50),
                result.percentile(0.99),
                result.latencies().length,
                result.errors());
        return result;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Latencies (sorted, ns) of one or more rounds. */
    record Result(String name, long[] latencies, long errors, double seconds) {

        static Result merge(String name, List<Result> rounds) {
            return new Result(
                    name,
                    rounds.stream()
                            .flatMapToLong(r -> Arrays.stream(r.latencies()))
                            .sorted()
                            .toArray(),
                    rounds.stream().mapToLong(Result::errors).sum(),
                    rounds.stream().mapToDouble(Result::seconds).sum());
        }

        double rate() {
            return latencies.length / seconds;
        }

        double percentile(double p) {
            if (latencies.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p * latencies.length) - 1;
            return latencies[Math.max(0, Math.min(index, latencies.length - 1))] / 1e6;
        }

        String row(long averageBytes) {
            return String.format(
                    "| %s | %d | %d | %.1f | %.1f | %.1f | %.1f |",
                    name,
                    latencies.length,
                    errors,
                    rate(),
                    rate() * averageBytes / 1e6,
                    percentile(0.50),
                    percentile(0.99));
        }
    }
}
