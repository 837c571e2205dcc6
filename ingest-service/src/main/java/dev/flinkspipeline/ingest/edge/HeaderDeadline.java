package dev.flinkspipeline.ingest.edge;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import org.jboss.logging.Logger;

/**
 * The first route of every request: once an answer ends on an HTTP/1 connection, the next request's head
 * must be complete within {@code ingest.http.header-timeout}, or the connection is closed. This bounds a
 * head trickled on a kept-alive connection, and an idle kept-alive connection, whatever bytes move.
 *
 * <p>The first head of a new connection is {@link FirstHeadDeadline}'s: no route knows of a connection
 * before its first head is complete.
 *
 * <p>The end of an answer is its body's end ({@code addBodyEndHandler}): the servlet container replaces the
 * response's single end handler, which {@code addEndHandler} relies on. Connections are weak keys, so a
 * connection closed before its answer ended leaves nothing behind once it is collected.
 */
final class HeaderDeadline implements Handler<RoutingContext> {

    private static final Logger log = Logger.getLogger(HeaderDeadline.class);

    private final Vertx vertx;
    private final long timeoutMillis;
    /** Values must not reference their connection: it would never be collected. */
    private final Map<HttpConnection, Waits> connections = Collections.synchronizedMap(new WeakHashMap<>());

    HeaderDeadline(Vertx vertx, Duration timeout) {
        this.vertx = vertx;
        this.timeoutMillis = EdgeBeans.checkHeaderTimeout(timeout).toMillis();
    }

    @Override
    public void handle(RoutingContext routing) {
        HttpServerRequest request = routing.request();
        if (request.version() == HttpVersion.HTTP_2) {
            routing.next();
            return;
        }
        HttpConnection connection = request.connection();
        Waits waits = connections.computeIfAbsent(connection, c -> new Waits());
        waits.began();
        routing.addBodyEndHandler(ended -> waits.ended(connection));
        routing.next();
    }

    /** A connection's heads and the timer of its armed wait. */
    private final class Waits {

        private final ConnectionHeads heads = new ConnectionHeads();
        private volatile long timer = -1;

        void began() {
            heads.began();
            long armed = timer;
            if (armed >= 0) {
                vertx.cancelTimer(armed);
            }
        }

        void ended(HttpConnection connection) {
            long generation = heads.ended();
            if (generation == ConnectionHeads.NONE) {
                return;
            }
            timer = vertx.setTimer(timeoutMillis, id -> {
                if (heads.expired(generation)) {
                    connections.remove(connection, this);
                    log.debugf("no request head within %d ms of the last answer: connection closed", timeoutMillis);
                    connection.close();
                }
            });
        }
    }
}
