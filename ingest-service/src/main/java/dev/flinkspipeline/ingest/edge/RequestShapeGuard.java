package dev.flinkspipeline.ingest.edge;

import dev.flinkspipeline.ingest.http.Problem;
import dev.flinkspipeline.ingest.metrics.IngestMetrics;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The first route of every request: refuses what no endpoint serves before anything else looks at it,
 * as problem+json: TRACE (it would echo the request, cookies and all), TRACK and CONNECT (405); a request
 * target over {@code ingest.http.max-uri-length} (414); a header section over
 * {@code ingest.http.max-header-size} (431); a declared {@code Content-Length} over the path's body limit
 * (413, before a byte of it is read). The HTTP decoder's own limits sit above these: requests past them
 * never reach a route and are answered by {@link UnframedRequests}.
 */
final class RequestShapeGuard implements Handler<RoutingContext> {

    private static final Logger log = Logger.getLogger(RequestShapeGuard.class);
    private static final Set<String> REFUSED = Set.of("TRACE", "TRACK", "CONNECT");
    /** ": " and CRLF around each field line. */
    private static final int FIELD_OVERHEAD = 4;

    private final long maxUriLength;
    private final long maxHeaderSize;
    private final BodyLimits limits;
    private final IngestMetrics metrics;

    RequestShapeGuard(long maxUriLength, long maxHeaderSize, BodyLimits limits, IngestMetrics metrics) {
        this.maxUriLength = maxUriLength;
        this.maxHeaderSize = maxHeaderSize;
        this.limits = limits;
        this.metrics = metrics;
    }

    @Override
    public void handle(RoutingContext routing) {
        HttpServerRequest request = routing.request();
        Problem problem = problem(request, routing.normalizedPath());
        if (problem == null) {
            routing.next();
            return;
        }
        metrics.request(BodyReader.ENDPOINT, IngestMetrics.REJECTED, problem.code());
        log.debugf("request refused at the edge: %s (%d)", problem.code(), problem.status());
        // A body may follow these requests unread: the connection cannot be reused.
        EdgeProblems.send(routing.vertx(), request, problem, !request.isEnded(), null);
    }

    private Problem problem(HttpServerRequest request, String path) {
        if (REFUSED.contains(request.method().name())) {
            return EdgeProblems.methodNotAllowed(request.method().name());
        }
        if (request.uri().length() > maxUriLength) {
            return EdgeProblems.uriTooLong(maxUriLength);
        }
        if (headerSize(request) > maxHeaderSize) {
            return EdgeProblems.headersTooLarge(maxHeaderSize);
        }
        long limit = limits.forPath(path);
        if (declaredLength(request) > limit) {
            return EdgeProblems.bodyTooLarge(limit);
        }
        return null;
    }

    private static long headerSize(HttpServerRequest request) {
        long size = 0;
        for (Map.Entry<String, String> field : request.headers()) {
            size += field.getKey().length() + field.getValue().length() + FIELD_OVERHEAD;
        }
        return size;
    }

    /** The declared length, or -1 (none, or not a number: the HTTP decoder has refused those already). */
    private static long declaredLength(HttpServerRequest request) {
        String value = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
