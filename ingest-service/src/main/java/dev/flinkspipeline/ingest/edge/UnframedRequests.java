package dev.flinkspipeline.ingest.edge;

import dev.flinkspipeline.ingest.http.Problem;
import dev.flinkspipeline.ingest.metrics.IngestMetrics;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import org.jboss.logging.Logger;

/**
 * Answers the requests the HTTP decoder could not read (a request line or header section past its limits,
 * a malformed request line or header) and those {@link HeadCheck} refuses (another HTTP version, a target
 * that is no URI), as
 * problem+json; Vert.x's own handler answers them with an empty body. No route sees these requests. A
 * request the decoder gave up on cannot be framed (the decoder drops what follows): its connection is
 * closed once the answer is written. A request with a bad target was read whole: its connection is closed
 * too, after what is left of its body has been read and dropped for a moment ({@link EdgeProblems#send}).
 */
final class UnframedRequests implements Handler<HttpServerRequest> {

    private static final Logger log = Logger.getLogger(UnframedRequests.class);

    private final Vertx vertx;
    private final long maxRequestLine;
    private final long maxHeaderSection;
    private final IngestMetrics metrics;

    UnframedRequests(Vertx vertx, long maxRequestLine, long maxHeaderSection, IngestMetrics metrics) {
        this.vertx = vertx;
        this.maxRequestLine = maxRequestLine;
        this.maxHeaderSection = maxHeaderSection;
        this.metrics = metrics;
    }

    @Override
    public void handle(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        Problem problem = problem(cause);
        metrics.request(BodyReader.ENDPOINT, IngestMetrics.REJECTED, problem.code());
        // The class only: a decoder's message may quote the request.
        log.debugf(
                "request refused by the HTTP decoder: %s (%s)",
                problem.code(), cause == null ? "none" : cause.getClass().getSimpleName());
        if (cause instanceof HeadCheck.InvalidTarget) {
            EdgeProblems.send(vertx, request, problem, true, null);
            return;
        }
        HttpServerResponse response = request.response();
        if (response.ended() || response.headWritten()) {
            request.connection().close();
            return;
        }
        response.setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.CONTENT_TYPE)
                .putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE)
                .end(Buffer.buffer(problem.toJson()))
                .onComplete(written -> request.connection().close());
    }

    Problem problem(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return EdgeProblems.requestLineTooLong(maxRequestLine);
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return EdgeProblems.headersTooLarge(maxHeaderSection);
        }
        if (cause instanceof HeadCheck.InvalidTarget) {
            return EdgeProblems.invalidTarget();
        }
        if (cause instanceof HeadCheck.UnsupportedVersion) {
            return EdgeProblems.versionNotSupported();
        }
        return EdgeProblems.malformed();
    }
}
