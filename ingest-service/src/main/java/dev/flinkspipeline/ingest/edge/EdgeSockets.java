package dev.flinkspipeline.ingest.edge;

import dev.flinkspipeline.ingest.config.IngestConfig;
import dev.flinkspipeline.ingest.metrics.IngestMetrics;
import io.netty.channel.Channel;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.HttpServerStart;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Puts the edge's connection guards on the HTTP server's listening socket as soon as it listens: the
 * first head's deadline, and problem+json for requests no route sees ({@link ConnectionSetup}). Quarkus
 * offers no hook on the server or its connections; it announces only that the server listens, an instant
 * after it does, so a connection taken on in between (at start, before the service is reported up) goes
 * unguarded but still has the idle timeout.
 */
@ApplicationScoped
public class EdgeSockets {

    private static final Logger log = Logger.getLogger(EdgeSockets.class);

    @Inject
    Vertx vertx;

    @Inject
    IngestConfig config;

    @Inject
    IngestMetrics metrics;

    @ConfigProperty(name = "quarkus.http.limits.max-initial-line-length")
    int maxRequestLine;

    @ConfigProperty(name = "quarkus.http.limits.max-header-size")
    MemorySize maxHeaderSection;

    void guard(@ObservesAsync HttpServerStart started) {
        Duration headerTimeout = config.http().headerTimeout();
        UnframedRequests unframed =
                new UnframedRequests(vertx, maxRequestLine, maxHeaderSection.asLongValue(), metrics);
        AcceptHook hook = new AcceptHook(() -> new ConnectionSetup(headerTimeout, unframed, metrics));
        List<Channel> sockets;
        try {
            sockets = ListeningSockets.of(vertx);
        } catch (RuntimeException e) {
            log.error("the HTTP edge's connection guards are not installed", e);
            return;
        }
        if (sockets.isEmpty()) {
            log.error("the HTTP edge's connection guards are not installed: no listening socket found");
        }
        for (Channel socket : sockets) {
            synchronized (this) {
                if (socket.pipeline().get(AcceptHook.NAME) == null) {
                    socket.pipeline().addFirst(AcceptHook.NAME, hook);
                }
            }
        }
    }
}
