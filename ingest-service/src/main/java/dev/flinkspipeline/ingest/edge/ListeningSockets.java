package dev.flinkspipeline.ingest.edge;

import io.netty.channel.Channel;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.impl.HttpServerImpl;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.net.impl.TCPServerBase;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The listening sockets of the HTTP servers of a Vert.x instance. Quarkus creates and starts its HTTP
 * server itself and exposes neither the server nor a hook on its connections (quarkusio/quarkus#55082),
 * and Vert.x 4.5 keeps a server's socket in a private field: this reads it, and fails loudly when a
 * Vert.x upgrade moved it, so that the edge never runs silently without its connection guards.
 */
final class ListeningSockets {

    /** {@code TCPServerBase.bindFuture}: the bound socket of the server that owns it (Vert.x 4.5). */
    private static final String BIND_FUTURE = "bindFuture";

    private ListeningSockets() {}

    /** The sockets bound so far (each shared server once: its first instance owns the socket). */
    static List<Channel> of(Vertx vertx) {
        Map<?, HttpServerImpl> shared = ((VertxInternal) vertx).sharedHttpServers();
        List<HttpServerImpl> servers;
        synchronized (shared) {
            servers = new ArrayList<>(shared.values());
        }
        List<Channel> sockets = new ArrayList<>();
        for (HttpServerImpl server : servers) {
            Future<?> bound = bindFuture(server);
            if (bound != null && bound.succeeded() && bound.result() instanceof Channel socket) {
                sockets.add(socket);
            }
        }
        return sockets;
    }

    private static Future<?> bindFuture(TCPServerBase server) {
        try {
            Field field = TCPServerBase.class.getDeclaredField(BIND_FUTURE);
            field.setAccessible(true);
            return (Future<?>) field.get(server);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException(
                    "this Vert.x version keeps its listening socket elsewhere: the edge's connection guards "
                            + "(ListeningSockets) must be adapted to it",
                    e);
        }
    }
}
