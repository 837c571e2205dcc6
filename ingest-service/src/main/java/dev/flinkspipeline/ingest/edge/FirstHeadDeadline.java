package dev.flinkspipeline.ingest.edge;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Right after the request decoder of a new connection: its first request head must be complete within
 * {@code ingest.http.header-timeout} of the connection's start, or the connection is closed, however
 * its bytes trickle (the decoder passes nothing on until a head is complete, so the idle timeout, which
 * sits behind it, sees no activity either way). Later heads are {@link HeaderDeadline}'s.
 */
final class FirstHeadDeadline extends ChannelInboundHandlerAdapter {

    static final String NAME = "ingestEdgeFirstHead";

    private static final Logger log = Logger.getLogger(FirstHeadDeadline.class);

    private final long timeoutMillis;
    private Future<?> timer;

    FirstHeadDeadline(Duration timeout) {
        this.timeoutMillis = EdgeBeans.checkHeaderTimeout(timeout).toMillis();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        timer = ctx.executor()
                .schedule(
                        () -> {
                            log.debugf("no first request head within %d ms: connection closed", timeoutMillis);
                            ctx.close();
                        },
                        timeoutMillis,
                        TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (message instanceof HttpRequest) {
            done(ctx);
        }
        ctx.fireChannelRead(message);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    private void done(ChannelHandlerContext ctx) {
        cancel();
        ctx.pipeline().remove(this);
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
