package dev.flinkspipeline.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP side of the registry client against a real HTTP server that records what it receives:
 * authentication headers, fail-over, answers a registry should never give. Behaviour against a real
 * registry is covered by the serde tests.
 */
class SchemaRegistryClientHttpTest {

    private static final Schema STRING = Schema.create(Schema.Type.STRING);

    private final List<Map<String, String>> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch neverAnswer = new CountDownLatch(1);
    private HttpServer server;

    private URI start(int status, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> answer(exchange, status, body));
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void answer(HttpExchange exchange, int status, String body) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        received.add(Map.of(
                "path",
                exchange.getRequestURI().getRawPath(),
                "method",
                exchange.getRequestMethod(),
                "auth",
                auth == null ? "" : auth,
                "contentType",
                contentType == null ? "" : contentType,
                "body",
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        if (status == 0) {
            try {
                neverAnswer.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status == 0 ? 200 : status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @AfterEach
    void stop() {
        neverAnswer.countDown();
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void registersWithTheRegistryMediaTypeAndBasicAuthFromUserInfo() throws IOException {
        URI url = start(200, "{\"id\":7}");
        SchemaRegistryClient client = new SchemaRegistryClient(List.of(url), Duration.ofSeconds(5), "svc:pa:ss", null);

        assertThat(client.register("flinks.accounts-ready-value", STRING)).isEqualTo(7);
        assertThat(client.register("flinks.accounts-ready-value", STRING)).isEqualTo(7); // cached

        assertThat(received).hasSize(1);
        Map<String, String> request = received.get(0);
        assertThat(request.get("method")).isEqualTo("POST");
        assertThat(request.get("path")).isEqualTo("/subjects/flinks.accounts-ready-value/versions");
        assertThat(request.get("contentType")).isEqualTo("application/vnd.schemaregistry.v1+json");
        assertThat(request.get("body")).isEqualTo("{\"schema\":\"\\\"string\\\"\"}");
        assertThat(request.get("auth"))
                .isEqualTo("Basic " + Base64.getEncoder().encodeToString("svc:pa:ss".getBytes(StandardCharsets.UTF_8)));
        assertThat(client.schemaById(7)).isEqualTo(STRING); // known from the registration, no call
        assertThat(received).hasSize(1);
    }

    @Test
    void takesBasicAuthFromTheUrlAndNeverShowsIt() throws IOException {
        URI plain = start(404, "{\"error_code\":40403,\"message\":\"Schema 5 not found\"}");
        URI withUser = URI.create("http://reader:hunter2@127.0.0.1:" + plain.getPort());
        SchemaRegistryClient client = new SchemaRegistryClient(List.of(withUser), Duration.ofSeconds(5), null, null);

        assertThatThrownBy(() -> client.schemaById(5)).isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
            assertThat(e.httpStatus()).isEqualTo(404);
            assertThat(e.errorCode()).isEqualTo(40403);
            assertThat(e.getMessage()).contains("Schema 5 not found").doesNotContain("hunter2");
            assertThat(e.url()).doesNotContain("hunter2");
        });
        assertThat(received.get(0).get("auth"))
                .isEqualTo("Basic "
                        + Base64.getEncoder().encodeToString("reader:hunter2".getBytes(StandardCharsets.UTF_8)));
        assertThat(client.urls()).containsExactly("http://127.0.0.1:" + plain.getPort());
    }

    @Test
    void failsOverToTheNextUrlWhenOneIsDown() throws IOException {
        URI up = start(200, "{\"schema\":\"\\\"long\\\"\"}");
        URI down = URI.create("http://127.0.0.1:" + closedPort());
        SchemaRegistryClient client = new SchemaRegistryClient(List.of(down, up), Duration.ofSeconds(5), null, null);
        assertThat(client.schemaById(3)).isEqualTo(Schema.create(Schema.Type.LONG));
        assertThat(received).extracting(r -> r.get("path")).containsExactly("/schemas/ids/3");
    }

    @Test
    void anAnswerThatIsNotJsonIsAClearError() throws IOException {
        URI url = start(502, "<html>Bad Gateway</html>");
        SchemaRegistryClient client = new SchemaRegistryClient(List.of(url), Duration.ofSeconds(5), null, null);
        assertThatThrownBy(() -> client.schemaById(1)).isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
            assertThat(e.httpStatus()).isEqualTo(502);
            assertThat(e.getMessage()).contains("HTTP 502").contains("Bad Gateway");
        });
    }

    @Test
    void aRegistryThatDoesNotAnswerTimesOut() throws IOException {
        URI url = start(0, "{}");
        SchemaRegistryClient client = new SchemaRegistryClient(List.of(url), Duration.ofMillis(300), null, null);
        assertThatThrownBy(() -> client.schemaById(1))
                .isInstanceOf(SchemaRegistryException.Unreachable.class)
                .hasMessageContaining("timed out after 300 ms")
                .hasMessageContaining(url.toString());
    }

    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
