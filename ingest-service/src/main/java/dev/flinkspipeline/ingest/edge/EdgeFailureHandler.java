package dev.flinkspipeline.ingest.edge;

import dev.flinkspipeline.ingest.http.Problem;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.Logger;

/**
 * Failures of Vert.x routes (a malformed path, an exception in a platform handler) answered as
 * problem+json instead of the platform's HTML or text page. Logs the exception class only: messages may
 * quote the request.
 */
final class EdgeFailureHandler implements Handler<RoutingContext> {

    private static final Logger log = Logger.getLogger(EdgeFailureHandler.class);

    @Override
    public void handle(RoutingContext routing) {
        int status = routing.statusCode() > 0 ? routing.statusCode() : 500;
        Throwable failure = routing.failure();
        if (status >= 500) {
            log.errorf(
                    "request failed before reaching a servlet: %s",
                    failure == null ? "status " + status : failure.getClass().getName());
        }
        HttpServerResponse response = routing.response();
        if (response.ended()) {
            return;
        }
        EdgeProblems.send(
                routing.vertx(),
                routing.request(),
                Problem.forStatus(status),
                !routing.request().isEnded(),
                null);
    }
}
