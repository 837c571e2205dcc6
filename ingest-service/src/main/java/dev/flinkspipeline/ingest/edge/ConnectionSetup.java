package dev.flinkspipeline.ingest.edge;

import dev.flinkspipeline.ingest.metrics.IngestMetrics;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.HttpServerConnection;
import io.vertx.core.net.impl.VertxHandler;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Guards one accepted connection once Vert.x has built its HTTP/1 pipeline (synchronously when the
 * connection is taken on, HTTP/2 being off): after the request decoder, the {@link FirstHeadDeadline},
 * {@link BrokenBodies} and the {@link HeadCheck}; on the connection, the handler of requests the decoder
 * could not read ({@link UnframedRequests}) in place of Vert.x's, which answers with an empty body. Then
 * it leaves.
 */
final class ConnectionSetup extends ChannelInboundHandlerAdapter {

    static final String NAME = "ingestEdgeSetup";

    /** Names Vert.x 4.5 gives its HTTP/1 request decoder and its connection handler. */
    static final String DECODER = "httpDecoder";

    static final String CONNECTION = "handler";

    private static final Logger log = Logger.getLogger(ConnectionSetup.class);

    private final Duration headerTimeout;
    private final Handler<HttpServerRequest> unframed;
    private final IngestMetrics metrics;

    ConnectionSetup(Duration headerTimeout, Handler<HttpServerRequest> unframed, IngestMetrics metrics) {
        this.headerTimeout = headerTimeout;
        this.unframed = unframed;
        this.metrics = metrics;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ChannelPipeline pipeline = ctx.pipeline();
        if (pipeline.get(DECODER) != null
                && pipeline.get(CONNECTION) instanceof VertxHandler<?> vertx
                && vertx.getConnection() instanceof HttpServerConnection connection) {
            pipeline.addAfter(DECODER, HeadCheck.NAME, HeadCheck.INSTANCE);
            pipeline.addAfter(DECODER, FirstHeadDeadline.NAME, new FirstHeadDeadline(headerTimeout));
            pipeline.addAfter(DECODER, BrokenBodies.NAME, new BrokenBodies(metrics));
            connection.invalidRequestHandler(unframed);
        } else {
            // Not an HTTP/1 connection built on accept (TLS on this server): the idle timeout bounds it.
            log.debug("connection not guarded at the edge: no HTTP/1 pipeline yet");
        }
        pipeline.remove(this);
        ctx.fireChannelActive();
    }
}
