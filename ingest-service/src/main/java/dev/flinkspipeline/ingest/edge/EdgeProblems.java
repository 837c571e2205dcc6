package dev.flinkspipeline.ingest.edge;

import dev.flinkspipeline.ingest.http.Problem;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import java.time.Duration;

/** The problems the edge answers itself, and how it writes them on a Vert.x response. */
public final class EdgeProblems {

    /** How long a refused request's remaining body is read and dropped before its connection closes. */
    static final long LINGER_MILLIS = 2_000;

    private EdgeProblems() {}

    public static Problem bodyTooLarge(long limit) {
        return new Problem(
                413, "body-too-large", "body too large", "The body exceeds the limit of " + limit + " bytes.");
    }

    static Problem bodyTooSlow(BodyPace pace) {
        return new Problem(
                408,
                "body-too-slow",
                "request body too slow",
                "After the first "
                        + pace.graceNanos() / 1_000_000 + " ms the body must arrive at " + pace.minBytesPerSecond()
                        + " bytes/s or more.");
    }

    static Problem bodyTimedOut(BodyPace pace) {
        return new Problem(
                408,
                "body-timeout",
                "request body too slow",
                "The whole body must arrive within " + pace.timeoutNanos() / 1_000_000 + " ms.");
    }

    static Problem busy() {
        return new Problem(
                503,
                "busy",
                "too many request bodies in flight",
                "The service holds as many request bodies as it may; send this one again later.");
    }

    static Problem methodNotAllowed(String method) {
        return new Problem(405, "method-not-allowed", "method not allowed", method + " is not served.");
    }

    static Problem uriTooLong(long limit) {
        return new Problem(
                414, "uri-too-long", "request target too long", "The request target exceeds " + limit + " bytes.");
    }

    static Problem requestLineTooLong(long limit) {
        return new Problem(
                414, "uri-too-long", "request target too long", "The request line exceeds " + limit + " bytes.");
    }

    static Problem invalidTarget() {
        return new Problem(
                400,
                "invalid-target",
                "invalid request target",
                "The request target is not a valid URI (a % must start an escape of two hex digits).");
    }

    static Problem versionNotSupported() {
        return new Problem(
                505,
                "http-version-not-supported",
                "HTTP version not supported",
                "Only HTTP/1.1 and HTTP/1.0 are served.");
    }

    static Problem malformedBody() {
        return new Problem(
                400,
                "malformed-body",
                "malformed body",
                "The chunked body's framing could not be read (a chunk size must be a hex number).");
    }

    static Problem malformed() {
        return new Problem(
                400,
                "malformed-request",
                "malformed request",
                "The request line or a header field could not be read as HTTP/1.1.");
    }

    static Problem headersTooLarge(long limit) {
        return new Problem(
                431, "headers-too-large", "header fields too large", "The header section exceeds " + limit + " bytes.");
    }

    /**
     * Writes {@code problem}; {@code close} ends the connection afterwards (its body is left unread): what
     * is still coming is read and dropped for a moment first, so the client gets this answer rather than
     * a reset.
     */
    static void send(Vertx vertx, HttpServerRequest request, Problem problem, boolean close, Duration retryAfter) {
        HttpServerResponse response = request.response();
        if (response.ended() || response.headWritten()) {
            if (close) {
                close(request);
            }
            return;
        }
        response.setStatusCode(problem.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.CONTENT_TYPE);
        if (retryAfter != null) {
            response.putHeader("Retry-After", Long.toString(Math.max(1, retryAfter.toSeconds())));
        }
        if (close && request.version() != HttpVersion.HTTP_2) {
            response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        }
        Future<Void> written = response.end(Buffer.buffer(problem.toJson()));
        if (!close) {
            return;
        }
        if (request.isEnded()) {
            written.onComplete(done -> close(request));
            return;
        }
        request.exceptionHandler(error -> {});
        request.handler(dropped -> {});
        long linger = vertx.setTimer(LINGER_MILLIS, id -> written.onComplete(done -> close(request)));
        request.endHandler(ended -> {
            vertx.cancelTimer(linger);
            written.onComplete(done -> close(request));
        });
        request.resume();
    }

    /** Stops a request whose body is left unread: the stream on HTTP/2, the connection on HTTP/1. */
    static void close(HttpServerRequest request) {
        if (request.version() == HttpVersion.HTTP_2) {
            request.response().reset();
        } else {
            request.connection().close();
        }
    }
}
