package dev.flinkspipeline.ingest.edge;

import dev.flinkspipeline.ingest.metrics.IngestMetrics;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;

/**
 * The route just before the servlet container: reads a request's body at the Vert.x layer
 * ({@link BodyReader}) and passes the request on only once the body is complete, so a servlet (and its
 * worker thread) never waits for a client's bytes. Requests without a body pass straight on.
 */
final class BodyGate implements Handler<RoutingContext> {

    private final BodyBudget budget;
    private final BodyPace pace;
    private final BodyLimits limits;
    private final Duration budgetWait;
    private final Duration retryAfter;
    private final IngestMetrics metrics;

    BodyGate(
            BodyBudget budget,
            BodyPace pace,
            BodyLimits limits,
            Duration budgetWait,
            Duration retryAfter,
            IngestMetrics metrics) {
        this.budget = budget;
        this.pace = pace;
        this.limits = limits;
        this.budgetWait = budgetWait;
        this.retryAfter = retryAfter;
        this.metrics = metrics;
    }

    @Override
    public void handle(RoutingContext routing) {
        HttpServerRequest request = routing.request();
        if (request.isEnded()) {
            routing.next();
            return;
        }
        if (request.headers().contains(HttpHeaders.EXPECT, HttpHeaders.CONTINUE, true)) {
            // Answered here, once the headers passed; removed so the servlet container does not send another.
            request.headers().remove(HttpHeaders.EXPECT);
            request.response().writeContinue();
        }
        new BodyReader(routing, budget, pace, limits.forPath(routing.normalizedPath()), budgetWait, retryAfter, metrics)
                .start();
    }
}
