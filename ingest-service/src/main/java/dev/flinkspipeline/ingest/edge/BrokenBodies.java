package dev.flinkspipeline.ingest.edge;

import dev.flinkspipeline.ingest.http.Problem;
import dev.flinkspipeline.ingest.metrics.IngestMetrics;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import org.jboss.logging.Logger;

/**
 * Right after the request decoder of a connection: a body whose chunk framing is broken (a chunk size
 * that is no hex number) fails the decoder inside a request already routed, and Vert.x would close the
 * connection at once, without an answer. This answers it as a problem instead and closes the
 * connection, when no answer has begun on the connection since the request's head; otherwise it only
 * closes. The answer is written here, as bytes, since the request's Vert.x response cannot be reached
 * from the connection (nothing follows on it: the decoder drops every byte after the failure).
 */
final class BrokenBodies extends ChannelDuplexHandler {

    static final String NAME = "ingestEdgeBody";

    private static final Logger log = Logger.getLogger(BrokenBodies.class);

    private final IngestMetrics metrics;
    /** Whether any bytes went out since the last request head came in. */
    private boolean answering;

    BrokenBodies(IngestMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (message instanceof HttpRequest) {
            answering = false;
        } else if (message instanceof HttpContent content
                && !content.decoderResult().isSuccess()) {
            ReferenceCountUtil.release(content);
            refuse(ctx);
            return;
        }
        ctx.fireChannelRead(message);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) {
        answering = true;
        ctx.write(message, promise);
    }

    private void refuse(ChannelHandlerContext ctx) {
        Problem problem = EdgeProblems.malformedBody();
        metrics.request(BodyReader.ENDPOINT, IngestMetrics.REJECTED, problem.code());
        log.debugf("request body refused by the HTTP decoder: %s", problem.code());
        if (answering) {
            ctx.close();
            return;
        }
        answering = true;
        ctx.writeAndFlush(answer(problem)).addListener(ChannelFutureListener.CLOSE);
    }

    private static ByteBuf answer(Problem problem) {
        byte[] body = problem.toJson();
        String head = "HTTP/1.1 " + problem.status() + " Bad Request\r\n"
                + "content-type: " + Problem.CONTENT_TYPE + "\r\n"
                + "content-length: " + body.length + "\r\n"
                + "connection: close\r\n\r\n";
        return Unpooled.wrappedBuffer(head.getBytes(StandardCharsets.ISO_8859_1), body);
    }
}
