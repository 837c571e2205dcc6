package dev.flinkspipeline.ingest.bench;

import dev.flinkspipeline.flinks.sandbox.data.LoginDataGenerator;
import dev.flinkspipeline.flinks.sandbox.json.Json;
import dev.flinkspipeline.ingest.security.WebhookSignatureVerifier;
import dev.flinkspipeline.schemas.Topics;
import dev.flinkspipeline.testkit.kafka.KafkaBroker;
import dev.flinkspipeline.testkit.registry.TestSchemaRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The edge attacks of the issue, against the packaged service as its own process ({@code java -Xmx256m
 * -jar target/quarkus-app/quarkus-run.jar}, defaults otherwise) with a real KRaft broker and the in-memory test
 * schema registry. Each round starts a fresh service, warms it with one of each webhook, and probes
 * {@code /q/health/live} every 100 ms: 10 s without attack; then with {@code attack.declared}
 * connections that declare a 32 MiB body and send a byte a second and {@code attack.slow} connections
 * trickling a garbage-signed body a byte a second all open (an attacker the service cuts reconnects at
 * once), for half of {@code attack.seconds}; then the same attack while signed GetAccountsDetail webhooks
 * of 15 MB and 5.5 MB and a KYC are posted, one cycle every 3 s, for the other half. It prints health
 * latency per phase, every webhook's status and latency, how many attack connections were open, the
 * service's heap and any OutOfMemoryError in its log; then how long an idle connection, half-sent
 * headers, a half-sent body and a next head trickled after an answer stay open. The headline of a run is
 * its worst round. Last, on a fresh service, {@code attack.burst} clients post the 15 MB webhook back to
 * back for {@code attack.seconds}: more large bodies at once than the default budget holds, which must end in 503s, never in an
 * OutOfMemoryError.
 *
 * <p>Run with {@code bench/run edge}. System properties: {@code attack.rounds} (3),
 * {@code attack.seconds} of attack per round (30), {@code attack.declared} (12), {@code attack.slow}
 * (250), {@code attack.heap} (256m), {@code attack.burst} (4; 0 skips it), {@code attack.jvmArgs} (more options for the service's JVM, e.g.
 * {@code -Xlog:gc:file=target/attack-gc.log}).
 */
public final class EdgeAttack {

    private static final String SECRET = "attack-webhook-secret";
    private static final long DECLARED = 32L * 1024 * 1024;
    private static final Pattern HEAP =
            Pattern.compile("(?m)^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} ([0-9.eE+]+)$");

    private EdgeAttack() {}

    public static void main(String[] args) throws Exception {
        BenchEnvironment.configureHarnessLogging();
        int rounds = Integer.getInteger("attack.rounds", 3);
        int seconds = Integer.getInteger("attack.seconds", 30);
        int declared = Integer.getInteger("attack.declared", 12);
        int slow = Integer.getInteger("attack.slow", 250);
        String heap = System.getProperty("attack.heap", "256m");
        int burst = Integer.getInteger("attack.burst", 4);
        Path app = Path.of(System.getProperty("attack.app", "target/quarkus-app/quarkus-run.jar"));
        if (!Files.exists(app)) {
            throw new IllegalStateException(app + " not found: package the service first (bench/run does)");
        }
        List<Webhook> webhooks = webhooks();
        try (KafkaBroker broker = new KafkaBroker().start()) {
            for (String topic : List.of(
                    Topics.KYC_RECEIVED, Topics.ACCOUNTS_READY, Topics.WEBHOOK_UNHANDLED, Topics.PIPELINE_FAILED)) {
                broker.createTopic(topic, 1, Map.of("max.message.bytes", Integer.toString(16 * 1024 * 1024)));
            }
            try (TestSchemaRegistry registry = TestSchemaRegistry.start()) {
                List<Round> results = new ArrayList<>();
                for (int round = 1; round <= rounds; round++) {
                    results.add(round(
                            round,
                            app,
                            heap,
                            broker.bootstrapServers(),
                            registry.url(),
                            webhooks,
                            seconds,
                            declared,
                            slow));
                }
                if (burst > 0) {
                    burst(app, heap, broker.bootstrapServers(), registry.url(), webhooks.get(0), burst, seconds);
                }
                System.out.println();
                System.out.println(
                        "| round | health ms, no attack: p50 / p99 / max (probes) | under attack | under attack, webhooks flowing | webhooks 200 / sent | largest webhook, slowest ms | attack connections open (fewest) | OutOfMemoryError |");
                System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
                results.forEach(r -> System.out.println(r.row()));
                System.out.printf(
                        "%nworst round: health under attack p99 %.1f ms, max %.1f ms; webhooks flowing p99 %.1f ms, max %.1f ms; "
                                + "%d webhooks not answered 200; %d OutOfMemoryError%n",
                        results.stream()
                                .mapToDouble(r -> r.attacked.p99Ms)
                                .max()
                                .orElse(Double.NaN),
                        results.stream()
                                .mapToDouble(r -> r.attacked.maxMs)
                                .max()
                                .orElse(Double.NaN),
                        results.stream().mapToDouble(r -> r.mixed.p99Ms).max().orElse(Double.NaN),
                        results.stream().mapToDouble(r -> r.mixed.maxMs).max().orElse(Double.NaN),
                        results.stream().mapToInt(r -> r.sent - r.ok).sum(),
                        results.stream().mapToLong(r -> r.outOfMemoryErrors).sum());
            }
        }
    }

    private static Round round(
            int round,
            Path app,
            String heap,
            String bootstrap,
            String registryUrl,
            List<Webhook> webhooks,
            int seconds,
            int declared,
            int slow)
            throws Exception {
        int port = freePort();
        Path log = Path.of("target", "attack-service-" + round + ".log");
        Process service = startService(app, heap, port, bootstrap, registryUrl, log);
        String base = "http://127.0.0.1:" + port;
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        try {
            awaitReady(client, base, service, log);
            System.out.printf(
                    "%nround %d: service -Xmx%s ready; %d cores, load average %s%n",
                    round, heap, Runtime.getRuntime().availableProcessors(), loadAverage());
            // Warm the paths once, unattacked.
            for (Webhook webhook : webhooks) {
                post(client, base, webhook);
            }
            Health quiet = probeHealth(client, base, 10);
            Attackers attackers = new Attackers(port, declared, slow);
            attackers.start();
            Thread.sleep(2_000);
            Health attacked = probeHealth(client, base, seconds / 2);
            // Then webhooks too, one cycle (15 MB, 5.5 MB, KYC) every 3 s, health still probed.
            AtomicBoolean posting = new AtomicBoolean(true);
            List<String> answers = new ArrayList<>();
            int[] counts = new int[2];
            long[] largest = new long[1];
            CompletableFuture<Void> poster = CompletableFuture.runAsync(() -> {
                long next = System.nanoTime();
                while (posting.get()) {
                    for (Webhook webhook : webhooks) {
                        long start = System.nanoTime();
                        int status = post(client, base, webhook);
                        long ms = (System.nanoTime() - start) / 1_000_000;
                        synchronized (answers) {
                            counts[0] += status == 200 ? 1 : 0;
                            counts[1]++;
                            if (webhook == webhooks.get(0)) {
                                largest[0] = Math.max(largest[0], ms);
                            }
                            answers.add(webhook.name + " " + status + " " + ms + " ms");
                        }
                    }
                    next += 3_000_000_000L;
                    sleepUntil(next);
                }
            });
            Health mixed = probeHealth(client, base, seconds - seconds / 2);
            posting.set(false);
            poster.get();
            attackers.stop();
            Round result;
            synchronized (answers) {
                result = new Round(
                        round,
                        quiet,
                        attacked,
                        mixed,
                        counts[0],
                        counts[1],
                        largest[0],
                        attackers.minOpen.get(),
                        attackers.cut.get(),
                        outOfMemoryErrors(log));
                System.out.printf("  webhooks: %s%n", String.join(", ", answers));
            }
            System.out.printf(
                    "  attack: %d declared-32-MiB + %d slow connections kept open (fewest open at a tick: %d; "
                            + "%d cut by the service and reopened); heap used max %d MB; load average %s%n",
                    declared,
                    slow,
                    attackers.minOpen.get(),
                    attackers.cut.get(),
                    Math.max(Math.max(quiet.heapMaxMb, attacked.heapMaxMb), mixed.heapMaxMb),
                    loadAverage());
            System.out.println("  " + result.row());
            idleAndHalfSent(port);
            return result;
        } finally {
            service.destroy();
            service.waitFor();
        }
    }

    /**
     * {@code clients} post the largest signed webhook back to back for {@code seconds}, on a fresh service:
     * more large bodies than the budget holds, so some must be refused (503) rather than exhaust the heap.
     */
    private static void burst(
            Path app, String heap, String bootstrap, String registryUrl, Webhook webhook, int clients, int seconds)
            throws Exception {
        int port = freePort();
        Path log = Path.of("target", "attack-service-burst.log");
        Process service = startService(app, heap, port, bootstrap, registryUrl, log);
        String base = "http://127.0.0.1:" + port;
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        try {
            awaitReady(client, base, service, log);
            Map<Integer, Integer> statuses = new ConcurrentSkipListMap<>();
            long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            List<CompletableFuture<Void>> senders = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                senders.add(CompletableFuture.runAsync(
                        () -> {
                            while (System.nanoTime() < end) {
                                statuses.merge(post(client, base, webhook), 1, Integer::sum);
                            }
                        },
                        pool));
            }
            for (CompletableFuture<Void> sender : senders) {
                sender.get();
            }
            pool.shutdown();
            System.out.printf(
                    "%nburst: %d clients posting the %s webhook back to back for %d s (-Xmx%s): answers by status %s "
                            + "(-1: no answer); OutOfMemoryError in the log: %d; load average %s%n",
                    clients, webhook.name, seconds, heap, statuses, outOfMemoryErrors(log), loadAverage());
        } finally {
            service.destroy();
            service.waitFor();
        }
    }

    /** Probes {@code /q/health/live} every 100 ms for {@code seconds}, sampling the heap every 2 s. */
    private static Health probeHealth(HttpClient client, String base, int seconds) {
        List<Long> nanos = new ArrayList<>();
        long heapMax = 0;
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        long next = System.nanoTime();
        while (System.nanoTime() < end) {
            nanos.add(timeHealth(client, base));
            if (nanos.size() % 20 == 0) {
                heapMax = Math.max(heapMax, heapUsed(client, base));
            }
            next += 100_000_000L;
            sleepUntil(next);
        }
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Health(
                sorted.length,
                percentile(sorted, 0.5),
                percentile(sorted, 0.99),
                sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6,
                heapMax / 1_048_576);
    }

    private record Health(int probes, double p50Ms, double p99Ms, double maxMs, long heapMaxMb) {

        String cell() {
            return String.format("%.1f / %.1f / %.1f (%d)", p50Ms, p99Ms, maxMs, probes);
        }
    }

    /**
     * How long the service keeps an idle connection, half-sent headers, a half-sent body, and a
     * kept-alive connection trickling its next head a byte a second after an answer.
     */
    private static void idleAndHalfSent(int port) throws Exception {
        String health = "GET /q/health/live HTTP/1.1\r\nHost: x\r\n\r\n";
        try (Socket idle = new Socket("127.0.0.1", port);
                Socket halfHead = new Socket("127.0.0.1", port);
                Socket halfBody = new Socket("127.0.0.1", port);
                Socket nextHead = new Socket("127.0.0.1", port)) {
            halfHead.getOutputStream()
                    .write("POST /webhooks/flinks HTTP/1.1\r\nHost: x\r\nContent-Ty"
                            .getBytes(StandardCharsets.US_ASCII));
            halfBody.getOutputStream().write((head(1_000, "x") + "{\"Login\":").getBytes(StandardCharsets.US_ASCII));
            nextHead.getOutputStream().write(health.getBytes(StandardCharsets.US_ASCII));
            nextHead.setSoTimeout(30_000);
            nextHead.getInputStream().read(); // the answer has begun (a few hundred bytes: it has ended too)
            Thread trickle = new Thread(() -> {
                try {
                    for (byte b : health.substring(0, health.length() - 1).getBytes(StandardCharsets.US_ASCII)) {
                        nextHead.getOutputStream().write(b);
                        Thread.sleep(1_000);
                    }
                } catch (IOException | InterruptedException e) {
                    // closed by the service
                }
            });
            trickle.setDaemon(true);
            trickle.start();
            // One thread per socket, all timed from the same instant: the common pool may run these one by one.
            long start = System.nanoTime();
            ExecutorService waiters = Executors.newFixedThreadPool(4);
            try {
                CompletableFuture<Long> a = CompletableFuture.supplyAsync(() -> closedAfter(idle, start), waiters);
                CompletableFuture<Long> b = CompletableFuture.supplyAsync(() -> closedAfter(halfHead, start), waiters);
                CompletableFuture<Long> c = CompletableFuture.supplyAsync(() -> closedAfter(halfBody, start), waiters);
                CompletableFuture<Long> d = CompletableFuture.supplyAsync(() -> closedAfter(nextHead, start), waiters);
                System.out.printf(
                        "  closed by the service after: idle connection %.1f s, half-sent headers %.1f s, half-sent body"
                                + " %.1f s, next head trickled after an answer %.1f s%n",
                        a.get() / 1e3, b.get() / 1e3, c.get() / 1e3, d.get() / 1e3);
            } finally {
                waiters.shutdownNow();
            }
        }
    }

    private static long closedAfter(Socket socket, long start) {
        try {
            socket.setSoTimeout(400_000);
            InputStream in = socket.getInputStream();
            while (in.read() >= 0) {
                // an answer before the close is dropped
            }
        } catch (IOException e) {
            // reset or timeout: the time tells
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** Keeps the attack connections open, reopening any the service cuts, one byte a second each. */
    private static final class Attackers {
        private final int port;
        private final int declared;
        private final int slow;
        private final List<Socket> declaredSockets = new ArrayList<>();
        private final List<Socket> slowSockets = new ArrayList<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong cut = new AtomicLong();
        private final AtomicLong minOpen = new AtomicLong(Long.MAX_VALUE);
        private Thread thread;

        Attackers(int port, int declared, int slow) {
            this.port = port;
            this.declared = declared;
            this.slow = slow;
        }

        void start() throws IOException {
            for (int i = 0; i < declared; i++) {
                declaredSockets.add(open(DECLARED));
            }
            for (int i = 0; i < slow; i++) {
                slowSockets.add(open(100_000));
            }
            thread = new Thread(this::trickle, "attackers");
            thread.setDaemon(true);
            thread.start();
        }

        private Socket open(long contentLength) throws IOException {
            Socket socket = new Socket("127.0.0.1", port);
            socket.getOutputStream()
                    .write((head(contentLength, "bm90LWEtc2lnbmF0dXJl") + "{").getBytes(StandardCharsets.US_ASCII));
            return socket;
        }

        private void trickle() {
            while (running.get()) {
                long open = tick(declaredSockets, DECLARED) + tick(slowSockets, 100_000);
                minOpen.accumulateAndGet(open, Math::min);
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        /** One byte on each connection; a connection the service answered or closed is replaced. */
        private long tick(List<Socket> sockets, long contentLength) {
            long open = 0;
            for (int i = 0; i < sockets.size(); i++) {
                Socket socket = sockets.get(i);
                try {
                    if (socket.getInputStream().available() > 0) {
                        throw new IOException("answered");
                    }
                    OutputStream out = socket.getOutputStream();
                    out.write(' ');
                    out.flush();
                    open++;
                } catch (IOException e) {
                    cut.incrementAndGet();
                    close(socket);
                    try {
                        sockets.set(i, open(contentLength));
                        open++;
                    } catch (IOException reopen) {
                        // the next tick tries again
                    }
                }
            }
            return open;
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join();
            declaredSockets.forEach(EdgeAttack::close);
            slowSockets.forEach(EdgeAttack::close);
        }
    }

    private static String head(long contentLength, String signature) {
        return "POST /webhooks/flinks HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + WebhookSignatureVerifier.HEADER + ": " + signature + "\r\nContent-Length: " + contentLength
                + "\r\n\r\n";
    }

    private record Webhook(String name, byte[] body, String signature) {}

    private static List<Webhook> webhooks() {
        LoginDataGenerator generator = new LoginDataGenerator(42, LocalDate.now());
        List<Webhook> webhooks = new ArrayList<>();
        for (int size : new int[] {15_000_000, 5_500_000}) {
            byte[] body = LargeWebhooks.accountsDetail(
                    generator, UUID.randomUUID().toString(), UUID.randomUUID().toString(), size);
            webhooks.add(new Webhook(
                    String.format("%.1f MB", body.length / 1e6), body, WebhookSignatureVerifier.sign(SECRET, body)));
        }
        String loginId = UUID.randomUUID().toString();
        byte[] kyc = Json.bytes(generator.webhookKyc(
                loginId, "greatday_nomfa", UUID.randomUUID().toString()));
        webhooks.add(new Webhook(
                String.format("KYC %.1f KB", kyc.length / 1e3), kyc, WebhookSignatureVerifier.sign(SECRET, kyc)));
        return webhooks;
    }

    private static int post(HttpClient client, String base, Webhook webhook) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/webhooks/flinks"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header(WebhookSignatureVerifier.HEADER, webhook.signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(webhook.body))
                .build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static long timeHealth(HttpClient client, String base) {
        long start = System.nanoTime();
        try {
            HttpResponse<Void> response = client.send(
                    HttpRequest.newBuilder(URI.create(base + "/q/health/live"))
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200 ? System.nanoTime() - start : Long.MAX_VALUE / 2;
        } catch (IOException e) {
            return Long.MAX_VALUE / 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Long.MAX_VALUE / 2;
        }
    }

    private static long heapUsed(HttpClient client, String base) {
        try {
            String metrics = client.send(
                            HttpRequest.newBuilder(URI.create(base + "/q/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            Matcher matcher = HEAP.matcher(metrics);
            long used = 0;
            while (matcher.find()) {
                used += (long) Double.parseDouble(matcher.group(1));
            }
            return used;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static Process startService(Path app, String heap, int port, String bootstrap, String registryUrl, Path log)
            throws IOException {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heap));
        String jvmArgs = System.getProperty("attack.jvmArgs", "").trim();
        if (!jvmArgs.isEmpty()) {
            command.addAll(Arrays.asList(jvmArgs.split("\\s+")));
        }
        command.addAll(List.of("-jar", app.toString()));
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        env.put("KAFKA_SCHEMA_REGISTRY_URL", registryUrl);
        env.put("INGEST_WEBHOOK_SECRETS", SECRET);
        BenchEnvironment.putRequired(env);
        env.put("QUARKUS_LOG_CATEGORY__DEV_FLINKSPIPELINE_INGEST__LEVEL", "WARN");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        return pb.start();
    }

    private static void awaitReady(HttpClient client, String base, Process service, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException("the service exited; see " + log);
            }
            try {
                if (client.send(
                                        HttpRequest.newBuilder(URI.create(base + "/q/health/ready"))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the service did not become ready; see " + log);
    }

    private static long outOfMemoryErrors(Path log) throws IOException {
        return Files.readAllLines(log).stream()
                .filter(l -> l.contains("OutOfMemoryError"))
                .count();
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
    }

    private static void sleepUntil(long nanos) {
        long wait = nanos - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
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

    private record Round(
            int round,
            Health quiet,
            Health attacked,
            Health mixed,
            int ok,
            int sent,
            long largestMs,
            long minOpen,
            long cut,
            long outOfMemoryErrors) {

        String row() {
            return String.format(
                    "| %d | %s | %s | %s | %d / %d | %d | %d | %d |",
                    round,
                    quiet.cell(),
                    attacked.cell(),
                    mixed.cell(),
                    ok,
                    sent,
                    largestMs,
                    minOpen,
                    outOfMemoryErrors);
        }
    }
}
