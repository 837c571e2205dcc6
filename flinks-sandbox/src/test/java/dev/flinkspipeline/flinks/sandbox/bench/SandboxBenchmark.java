package dev.flinkspipeline.flinks.sandbox.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flinkspipeline.flinks.sandbox.FlinksSandbox;
import dev.flinkspipeline.flinks.sandbox.SandboxConfig;
import dev.flinkspipeline.flinks.sandbox.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Throughput of the sandbox on loopback: starts it in-process, then drives it with a minimal keep-alive
 * HTTP/1.1 client (one blocking socket per connection, one request in flight each) for a fixed time, and
 * prints requests/s with p50/p99 latency for: a static 200 (baseline: the same server doing no work),
 * GetAccountsDetailAsync answering 202 (what pollers hammer) and answering 200 (a cached 90-day body).
 * <p>
 * Run: {@code bench/run sandbox}
 * (options: {@code -Dbench.seconds=10 -Dbench.connections=32 -Dbench.sessions=200}).
 */
public final class SandboxBenchmark {

    private static final int SECONDS = Integer.getInteger("bench.seconds", 10);
    private static final int WARMUP_SECONDS = Integer.getInteger("bench.warmup", 3);
    private static final int CONNECTIONS = Integer.getInteger("bench.connections", 32);
    private static final int SESSIONS = Integer.getInteger("bench.sessions", 200);

    public static void main(String[] args) throws Exception {
        try (FlinksSandbox sandbox = FlinksSandbox.start(SandboxConfig.defaults())) {
            String host = "127.0.0.1";
            int port = sandbox.port();
            String api = "/v3/" + SandboxConfig.TOOLBOX_CUSTOMER_ID + "/BankingServices/GetAccountsDetailAsync/";
            List<String> pending = sessions(sandbox, true);
            List<String> ready = sessions(sandbox, false);
            System.out.printf(
                    Locale.ROOT,
                    "Flinks sandbox benchmark: %d connections, %d s per scenario (after %d s warm-up), "
                            + "%d RequestIds, %d cores, Java %s%n",
                    CONNECTIONS,
                    SECONDS,
                    WARMUP_SECONDS,
                    SESSIONS,
                    Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"));
            IntFunction<byte[]> health = i -> get("/sandbox/health", null);
            IntFunction<byte[]> polls202 =
                    i -> get(api + pending.get(i % pending.size()), SandboxConfig.TOOLBOX_API_KEY);
            IntFunction<byte[]> polls200 = i -> get(api + ready.get(i % ready.size()), SandboxConfig.TOOLBOX_API_KEY);
            // warm every path up first so that no scenario pays for the JIT of another
            for (IntFunction<byte[]> r : List.of(health, polls202, polls200)) {
                drive(host, port, r, 0, WARMUP_SECONDS, null);
            }
            System.out.printf(
                    "%-40s %10s %12s %9s %9s %7s %9s%n",
                    "scenario", "requests", "requests/s", "p50 ms", "p99 ms", "errors", "body B");
            run("baseline: GET /sandbox/health (static 200)", host, port, health, 200);
            run("GetAccountsDetailAsync -> 202 pending", host, port, polls202, 202);
            run("GetAccountsDetailAsync -> 200 (90 days)", host, port, polls200, 200);
            run("baseline again (drift check)", host, port, health, 200);
        }
    }

    /** RequestIds on logins that are pending forever, or ready with their 90-day answer cached. */
    private static List<String> sessions(FlinksSandbox sandbox, boolean pendingForever) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        String base = sandbox.baseUrl();
        String api = base + "/v3/" + SandboxConfig.TOOLBOX_CUSTOMER_ID + "/BankingServices/";
        List<String> ids = new ArrayList<>();
        int logins = Math.max(1, SESSIONS / 10);
        for (int l = 0; l < logins; l++) {
            String behaviour = pendingForever ? "{\"pendingForever\":true}" : "{\"pendingPolls\":0}";
            JsonNode login = json(client.send(
                            HttpRequest.newBuilder(URI.create(base + "/sandbox/admin/logins"))
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"behaviour\":" + behaviour + "}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray())
                    .body());
            for (int s = 0; s < SESSIONS / logins; s++) {
                String token = json(client.send(
                                        HttpRequest.newBuilder(URI.create(api + "GenerateAuthorizeToken"))
                                                .header("flinks-auth-key", SandboxConfig.TOOLBOX_SECRET_KEY)
                                                .POST(HttpRequest.BodyPublishers.noBody())
                                                .build(),
                                        HttpResponse.BodyHandlers.ofByteArray())
                                .body())
                        .get("Token")
                        .asText();
                String rid = json(client.send(
                                        HttpRequest.newBuilder(URI.create(api + "Authorize"))
                                                .header("flinks-auth-key", token)
                                                .POST(HttpRequest.BodyPublishers.ofString("{\"LoginId\":\""
                                                        + login.get("loginId").asText()
                                                        + "\",\"MostRecentCached\":true}"))
                                                .build(),
                                        HttpResponse.BodyHandlers.ofByteArray())
                                .body())
                        .get("RequestId")
                        .asText();
                client.send(
                        HttpRequest.newBuilder(URI.create(api + "GetAccountsDetail"))
                                .header("x-api-key", SandboxConfig.TOOLBOX_API_KEY)
                                .POST(HttpRequest.BodyPublishers.ofString("{\"RequestId\":\"" + rid
                                        + "\",\"WithTransactions\":true,\"DaysOfTransactions\":\"Days90\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                ids.add(rid);
            }
        }
        return ids;
    }

    private static JsonNode json(byte[] body) {
        return Json.parse(body);
    }

    private static byte[] get(String path, String apiKey) {
        return ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + (apiKey == null ? "" : "x-api-key: " + apiKey + "\r\n") + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static void run(String name, String host, int port, IntFunction<byte[]> requests, int expectedStatus)
            throws Exception {
        AtomicLong errors = new AtomicLong();
        long[][] latencies = new long[CONNECTIONS][];
        long count = drive(host, port, requests, expectedStatus, SECONDS, new Object[] {latencies, errors});
        long[] all =
                Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf(
                Locale.ROOT,
                "%-40s %10d %12.0f %9.2f %9.2f %7d %9d%n",
                name,
                count,
                count / (double) SECONDS,
                percentile(all, 0.50) / 1e6,
                percentile(all, 0.99) / 1e6,
                errors.get(),
                lastBodyLength);
    }

    private static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    /** Runs CONNECTIONS keep-alive connections for the duration; returns the number of answered requests. */
    private static long drive(
            String host, int port, IntFunction<byte[]> requests, int expectedStatus, int seconds, Object[] record)
            throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong total = new AtomicLong();
        CountDownLatch done = new CountDownLatch(CONNECTIONS);
        for (int c = 0; c < CONNECTIONS; c++) {
            int conn = c;
            Thread t = new Thread(
                    () -> {
                        long[] lat = new long[1 << 16];
                        int n = 0;
                        try (Socket s = new Socket()) {
                            s.setTcpNoDelay(true);
                            s.connect(new InetSocketAddress(host, port));
                            OutputStream out = s.getOutputStream();
                            Response in = new Response(s.getInputStream());
                            int i = conn;
                            while (System.nanoTime() < end) {
                                long t0 = System.nanoTime();
                                out.write(requests.apply(i));
                                out.flush();
                                int status = in.read();
                                long dt = System.nanoTime() - t0;
                                if (record != null) {
                                    if (n == lat.length) {
                                        lat = Arrays.copyOf(lat, n * 2);
                                    }
                                    lat[n++] = dt;
                                    if (status != expectedStatus) {
                                        ((AtomicLong) record[1]).incrementAndGet();
                                    }
                                }
                                total.incrementAndGet();
                                i += CONNECTIONS;
                            }
                        } catch (IOException e) {
                            if (record != null) {
                                ((AtomicLong) record[1]).incrementAndGet();
                            }
                        } finally {
                            if (record != null) {
                                ((long[][]) record[0])[conn] = Arrays.copyOf(lat, n);
                            }
                            done.countDown();
                        }
                    },
                    "bench-" + c);
            t.start();
        }
        done.await();
        return total.get();
    }

    private static volatile long lastBodyLength;

    /** Reads one HTTP/1.1 response (Content-Length framed) from a buffered stream; returns its status. */
    private static final class Response {
        private final InputStream in;
        private final byte[] buf = new byte[1 << 16];
        private int pos;
        private int lim;

        Response(InputStream in) {
            this.in = in;
        }

        int read() throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream(256);
            int state = 0;
            while (state < 4) {
                int b = next();
                head.write(b);
                state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3))
                        ? state + 1
                        : 0;
            }
            String h = head.toString(StandardCharsets.US_ASCII);
            int status = Integer.parseInt(h.substring(9, 12));
            long length = 0;
            for (String line : h.split("\r\n")) {
                if (line.regionMatches(true, 0, "content-length:", 0, 15)) {
                    length = Long.parseLong(line.substring(15).trim());
                }
            }
            long left = length;
            while (left > 0) {
                if (pos == lim) {
                    next();
                    pos--;
                }
                int n = (int) Math.min(left, lim - pos);
                pos += n;
                left -= n;
            }
            lastBodyLength = length;
            return status;
        }

        private int next() throws IOException {
            if (pos == lim) {
                lim = in.read(buf);
                pos = 0;
                if (lim <= 0) {
                    throw new IOException("connection closed");
                }
            }
            return buf[pos++] & 0xff;
        }
    }
}
