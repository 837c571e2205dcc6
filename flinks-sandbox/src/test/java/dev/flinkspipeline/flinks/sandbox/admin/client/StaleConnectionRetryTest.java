package dev.flinkspipeline.flinks.sandbox.admin.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A server that drops connections without answering stands for a pooled keep-alive connection the sandbox
 * closed just as the client reused it: the client retries once on a fresh connection, and only once.
 */
class StaleConnectionRetryTest {

    private ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();

    /** Drops the first {@code drops} connections after reading the request, then answers {"reset":true}. */
    private String serve(int drops) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(
                () -> {
                    while (!server.isClosed()) {
                        try (Socket s = server.accept()) {
                            readHead(s.getInputStream());
                            if (connections.incrementAndGet() > drops) {
                                byte[] body = "{\"reset\":true}".getBytes(StandardCharsets.UTF_8);
                                OutputStream out = s.getOutputStream();
                                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                                                + body.length + "\r\nConnection: close\r\n\r\n")
                                        .getBytes(StandardCharsets.US_ASCII));
                                out.write(body);
                                out.flush();
                            }
                        } catch (IOException e) {
                            // closed by the test
                        }
                    }
                },
                "stale-connection-server");
        t.setDaemon(true);
        t.start();
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    private static void readHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        int b;
        while (matched < 4 && (b = in.read()) >= 0) {
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    @AfterEach
    void close() throws IOException {
        server.close();
    }

    @Test
    void aDroppedConnectionIsRetriedOnceOnAFreshOne() throws IOException {
        SandboxAdminClient admin = new SandboxAdminClient(serve(1));
        admin.reset();
        assertThat(connections).hasValue(2);
    }

    @Test
    void aSecondDropFailsWithAClearError() throws IOException {
        SandboxAdminClient admin = new SandboxAdminClient(serve(Integer.MAX_VALUE));
        assertThatThrownBy(admin::reset).isInstanceOfSatisfying(SandboxAdminException.class, e -> {
            assertThat(e.status()).isZero();
            assertThat(e.getMessage()).contains("POST /reset failed");
        });
        assertThat(connections).hasValue(2);
    }
}
