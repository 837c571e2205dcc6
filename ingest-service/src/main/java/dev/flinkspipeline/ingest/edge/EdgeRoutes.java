package dev.flinkspipeline.ingest.edge;

import dev.flinkspipeline.ingest.config.IngestConfig;
import dev.flinkspipeline.ingest.metrics.IngestMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Puts the edge on the Vert.x router, around the servlet container (the default route): the
 * {@link HeaderDeadline} first of all (it must see every request of a connection), the
 * {@link RequestShapeGuard}, the {@link BodyGate} just before the servlets (after the
 * platform's own routes, health and metrics, which read no body), and problem+json for route failures.
 *
 * <p>Why at the Vert.x layer rather than a servlet {@code ReadListener}: one place covers every servlet
 * (and paths no servlet serves) without touching them, the body is complete before a worker thread is
 * involved, and the event loop already multiplexes thousands of idle or slow connections.
 */
@ApplicationScoped
public class EdgeRoutes {

    @Inject
    IngestConfig config;

    @Inject
    BodyBudget budget;

    @Inject
    BodyPace pace;

    @Inject
    BodyLimits limits;

    @Inject
    IngestMetrics metrics;

    @Inject
    MeterRegistry registry;

    @Inject
    Vertx vertx;

    void install(@Observes Router router) {
        IngestConfig.Http http = config.http();
        router.route().order(Integer.MIN_VALUE).handler(new HeaderDeadline(vertx, http.headerTimeout()));
        router.route()
                .order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1)
                .handler(new RequestShapeGuard(
                        http.maxUriLength().asLongValue(), http.maxHeaderSize().asLongValue(), limits, metrics));
        router.route()
                .order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT)
                .handler(new BodyGate(budget, pace, limits, http.bodyBudgetWait(), http.busyRetryAfter(), metrics));
        router.route().order(Integer.MIN_VALUE).failureHandler(new EdgeFailureHandler());
        Gauge.builder("ingest.http.body.budget.used", budget, BodyBudget::used)
                .baseUnit("bytes")
                .description("Bytes of request bodies held, from their first byte until their answer")
                .register(registry);
        Gauge.builder("ingest.http.body.budget.capacity", budget, BodyBudget::capacity)
                .baseUnit("bytes")
                .description("ingest.http.body-budget")
                .register(registry);
    }
}
