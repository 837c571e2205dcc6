package dev.flinkspipeline.flinks.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkspipeline.flinks.client.FlinksResult.Failure;
import dev.flinkspipeline.flinks.client.model.AccountsDetailResponse;
import dev.flinkspipeline.flinks.client.model.AuthorizeResponse;
import dev.flinkspipeline.flinks.client.model.AuthorizeToken;
import dev.flinkspipeline.flinks.client.request.AccountsDetailRequest;
import dev.flinkspipeline.flinks.client.request.AuthorizeRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Whatever a server sends, the client answers with a classified result: no exception, no hang. */
class GarbageResponsesTest {

    private static final long FIFTY_MB = 50L * 1000 * 1000;

    @Test
    void htmlErrorPageFromAProxyIsRetryLaterWithAClearMessage() throws Exception {
        String html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
        Failure<AccountsDetailResponse> failure =
                gadFailure((request, out) -> RawHttpServer.respond(out, 502, "text/html", html));

        assertThat(failure.failureClass()).isEqualTo(FailureClass.RETRY_LATER);
        assertThat(failure.kind()).isEqualTo(FailureKind.HTTP_ERROR);
        assertThat(failure.httpStatus()).isEqualTo(502);
        assertThat(failure.flinksCode()).isNull();
        assertThat(failure.operation()).isEqualTo(FlinksOperation.GET_ACCOUNTS_DETAIL);
        assertThat(failure.requestId()).isEqualTo("req-1");
        assertThat(failure.message())
                .isEqualTo("GetAccountsDetail answered HTTP 502 with a non-JSON body (text/html, " + html.length()
                        + " bytes)");
    }

    @Test
    void htmlPageWithAClientErrorStatusIsTerminal() throws Exception {
        Failure<AccountsDetailResponse> failure =
                gadFailure((request, out) -> RawHttpServer.respond(out, 404, "text/html", "<html>not found</html>"));

        assertThat(failure.failureClass()).isEqualTo(FailureClass.TERMINAL);
        assertThat(failure.kind()).isEqualTo(FailureKind.HTTP_ERROR);
        assertThat(failure.httpStatus()).isEqualTo(404);
    }

    @Test
    void emptyOkBodyIsMalformed() throws Exception {
        Failure<AccountsDetailResponse> failure =
                gadFailure((request, out) -> RawHttpServer.respond(out, 200, "application/json", ""));

        assertThat(failure.failureClass()).isEqualTo(FailureClass.RETRY_LATER);
        assertThat(failure.kind()).isEqualTo(FailureKind.MALFORMED_RESPONSE);
        assertThat(failure.httpStatus()).isEqualTo(200);
        assertThat(failure.message()).isEqualTo("GetAccountsDetail answered HTTP 200 with an empty body");
    }

    @Test
    void truncatedJsonIsMalformed() throws Exception {
        Failure<AccountsDetailResponse> failure = gadFailure(
                (request, out) -> RawHttpServer.json(out, 200, "{\"RequestId\":\"req-1\",\"Accounts\":[{\"Id\":\"a"));

        assertThat(failure.kind()).isEqualTo(FailureKind.MALFORMED_RESPONSE);
        assertThat(failure.failureClass()).isEqualTo(FailureClass.RETRY_LATER);
        assertThat(failure.message())
                .startsWith("GetAccountsDetail answered HTTP 200 with a body that is not a valid"
                        + " AccountsDetailResponse: truncated JSON");
    }

    @Test
    void connectionClosedBeforeTheDeclaredLengthIsATransportFailure() throws Exception {
        Failure<AccountsDetailResponse> failure = gadFailure((request, out) -> {
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
                            + "{\"Accounts\":[")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
        });

        assertThat(failure.kind()).isEqualTo(FailureKind.TRANSPORT);
        assertThat(failure.failureClass()).isEqualTo(FailureClass.RETRY_LATER);
        assertThat(failure.httpStatus()).isZero();
    }

    @Test
    void wrongTypesAreMalformedAndNamedByPathWithoutQuotingValues() throws Exception {
        Failure<AccountsDetailResponse> failure = gadFailure((request, out) -> RawHttpServer.json(
                out,
                200,
                "{\"RequestId\":\"req-1\",\"Accounts\":[{\"Id\":\"a1\",\"Balance\":{\"Current\":\"Jane Doe\"}}]}"));

        assertThat(failure.kind()).isEqualTo(FailureKind.MALFORMED_RESPONSE);
        assertThat(failure.message())
                .contains("wrong type or format at Accounts[0].Balance.Current")
                .doesNotContain("Jane");

        Failure<AccountsDetailResponse> notAList =
                gadFailure((request, out) -> RawHttpServer.json(out, 200, "{\"Accounts\":42}"));
        assertThat(notAList.kind()).isEqualTo(FailureKind.MALFORMED_RESPONSE);
        assertThat(notAList.message()).contains("at Accounts");

        Failure<AccountsDetailResponse> array = gadFailure((request, out) -> RawHttpServer.json(out, 200, "[1,2]"));
        assertThat(array.kind()).isEqualTo(FailureKind.MALFORMED_RESPONSE);

        Failure<AccountsDetailResponse> badDate = gadFailure((request, out) ->
                RawHttpServer.json(out, 200, "{\"Accounts\":[{\"Transactions\":[{\"Date\":\"yesterday\"}]}]}"));
        assertThat(badDate.message()).contains("Accounts[0].Transactions[0].Date");
    }

    @Test
    void declaredFiftyMegabytesAreRefusedBeforeReading() throws Exception {
        AtomicLong written = new AtomicLong();
        Failure<AccountsDetailResponse> failure = gadFailure(withLimit(8 * 1024 * 1024), (request, out) -> {
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + FIFTY_MB + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            streamJsonGarbage(out, FIFTY_MB, written, false);
        });

        assertThat(failure.kind()).isEqualTo(FailureKind.RESPONSE_TOO_LARGE);
        assertThat(failure.failureClass()).isEqualTo(FailureClass.TERMINAL);
        assertThat(failure.httpStatus()).isEqualTo(200);
        assertThat(failure.message()).contains("over the 8388608-byte limit", "declared 50000000 bytes");
    }

    @Test
    void chunkedFiftyMegabytesAreAbandonedWhileStreaming() throws Exception {
        AtomicLong written = new AtomicLong();
        CountDownLatch serverDone = new CountDownLatch(1);
        Failure<AccountsDetailResponse> failure = gadFailure(withLimit(4 * 1024 * 1024), (request, out) -> {
            try {
                out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                streamJsonGarbage(out, FIFTY_MB, written, true);
            } finally {
                serverDone.countDown();
            }
        });

        assertThat(failure.kind()).as(failure.message()).isEqualTo(FailureKind.RESPONSE_TOO_LARGE);
        assertThat(failure.message()).contains("over the 4194304-byte limit");
        // The client dropped the connection: the server could not push the whole 50 MB.
        assertThat(serverDone.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(written.get()).isLessThan(FIFTY_MB);
    }

    @Test
    void hungConnectionTimesOut() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try {
            Failure<AccountsDetailResponse> failure =
                    gadFailure(withTimeout(Duration.ofMillis(300)), (request, out) -> await(release));

            assertThat(failure.kind()).isEqualTo(FailureKind.TIMEOUT);
            assertThat(failure.failureClass()).isEqualTo(FailureClass.RETRY_LATER);
            assertThat(failure.httpStatus()).isZero();
            assertThat(failure.message()).contains("no complete answer", "within PT0.3S");
        } finally {
            release.countDown();
        }
    }

    @Test
    void bodyStalledAfterTheHeadersTimesOut() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try {
            Failure<AccountsDetailResponse> failure =
                    gadFailure(withTimeout(Duration.ofMillis(300)), (request, out) -> {
                        out.write(
                                ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"Acc")
                                        .getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        await(release);
                    });

            assertThat(failure.kind()).isEqualTo(FailureKind.TIMEOUT);
            assertThat(failure.failureClass()).isEqualTo(FailureClass.RETRY_LATER);
        } finally {
            release.countDown();
        }
    }

    @Test
    void connectionRefusedIsATransportFailure() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        try (FlinksClient client = new FlinksClient(
                TestConfigs.forBaseUrl("http://127.0.0.1:" + port).build())) {
            FlinksResult<AuthorizeToken> result =
                    client.generateAuthorizeToken().get(10, TimeUnit.SECONDS);

            Failure<AuthorizeToken> failure = asFailure(result);
            assertThat(failure.kind()).isEqualTo(FailureKind.TRANSPORT);
            assertThat(failure.failureClass()).isEqualTo(FailureClass.RETRY_LATER);
            assertThat(failure.httpStatus()).isZero();
            assertThat(failure.message()).startsWith("GenerateAuthorizeToken could not connect to 127.0.0.1:" + port);
        }
    }

    @Test
    void garbageOnPendingAndMfaStatusesIsMalformed() throws Exception {
        Failure<AccountsDetailResponse> pending =
                gadFailure((request, out) -> RawHttpServer.respond(out, 202, "text/plain", "working on it"));
        assertThat(pending.kind()).isEqualTo(FailureKind.MALFORMED_RESPONSE);
        assertThat(pending.failureClass()).isEqualTo(FailureClass.RETRY_LATER);
        assertThat(pending.httpStatus()).isEqualTo(202);

        try (RawHttpServer server =
                        RawHttpServer.start((request, out) -> RawHttpServer.json(out, 203, "{\"RequestId\":\"r\"}"));
                FlinksClient client = new FlinksClient(
                        TestConfigs.forBaseUrl(server.baseUrl()).build())) {
            FlinksResult<AuthorizeResponse> result = client.authorize(
                            AuthorizeRequest.cached(new AuthorizeToken("tok-123456"), "login-1"))
                    .get(10, TimeUnit.SECONDS);
            Failure<AuthorizeResponse> mfa = asFailure(result);
            assertThat(mfa.kind()).isEqualTo(FailureKind.MALFORMED_RESPONSE);
            assertThat(mfa.message()).contains("lacking RequestId or SecurityChallenges");
        }
    }

    @Test
    void tokenAnswerWithoutATokenIsMalformed() throws Exception {
        try (RawHttpServer server = RawHttpServer.start(
                        (request, out) -> RawHttpServer.json(out, 200, "{\"HttpStatusCode\":200}"));
                FlinksClient client = new FlinksClient(
                        TestConfigs.forBaseUrl(server.baseUrl()).build())) {
            Failure<AuthorizeToken> failure =
                    asFailure(client.generateAuthorizeToken().get(10, TimeUnit.SECONDS));
            assertThat(failure.kind()).isEqualTo(FailureKind.MALFORMED_RESPONSE);
            assertThat(failure.operation()).isEqualTo(FlinksOperation.GENERATE_AUTHORIZE_TOKEN);
            assertThat(failure.message())
                    .isEqualTo("GenerateAuthorizeToken answered HTTP 200 with a body that is not"
                            + " a valid AuthorizeToken: no Token field (application/json; charset=utf-8, 22 bytes)");
        }
    }

    private static FlinksClientConfig.Builder withLimit(long bytes) {
        return TestConfigs.forBaseUrl("http://unused").maxResponseBytes(bytes);
    }

    private static FlinksClientConfig.Builder withTimeout(Duration timeout) {
        return TestConfigs.forBaseUrl("http://unused").requestTimeout(timeout).accountsDetailTimeout(timeout);
    }

    private static Failure<AccountsDetailResponse> gadFailure(RawHttpServer.Responder responder) throws Exception {
        return gadFailure(TestConfigs.forBaseUrl("http://unused"), responder);
    }

    private static Failure<AccountsDetailResponse> gadFailure(
            FlinksClientConfig.Builder config, RawHttpServer.Responder responder) throws Exception {
        try (RawHttpServer server = RawHttpServer.start(responder);
                FlinksClient client =
                        new FlinksClient(config.baseUrl(server.baseUrl()).build())) {
            CompletableFuture<FlinksResult<AccountsDetailResponse>> future =
                    client.getAccountsDetail(AccountsDetailRequest.of("req-1"));
            return asFailure(future.get(20, TimeUnit.SECONDS));
        }
    }

    static <T> Failure<T> asFailure(FlinksResult<T> result) {
        assertThat(result).isInstanceOf(Failure.class);
        return (Failure<T>) result;
    }

    /** Writes about {@code total} bytes of a JSON array in 64 KiB pieces, never holding more than one piece. */
    private static void streamJsonGarbage(OutputStream out, long total, AtomicLong written, boolean chunked)
            throws IOException {
        byte[] piece = new byte[64 * 1024];
        Arrays.fill(piece, (byte) '1');
        for (int i = 1; i < piece.length; i += 2) {
            piece[i] = ',';
        }
        piece[0] = '[';
        while (written.get() < total) {
            if (chunked) {
                out.write((Integer.toHexString(piece.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            out.write(piece);
            if (chunked) {
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            written.addAndGet(piece.length);
        }
        out.flush();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
