package dev.flinkspipeline.ingest.edge;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Right after the request decoder, two checks of a head the decoder read, each marking the request as not
 * decoded so that it goes to {@link UnframedRequests} and is answered as a problem:
 *
 * <ul>
 *   <li>a version other than HTTP/1.0 and 1.1, such as the HTTP/2 preface {@code PRI * HTTP/2.0}: no route
 *       should see it, and its answer would echo that version in an HTTP/1 status line (it gets HTTP/1.1);
 *   <li>a target that is no URI (a broken {@code %} escape): Quarkus refuses those before any route, with
 *       an empty 400, by the same test ({@code new URI}).
 * </ul>
 */
@ChannelHandler.Sharable
final class HeadCheck extends ChannelInboundHandlerAdapter {

    static final String NAME = "ingestEdgeHead";
    static final HeadCheck INSTANCE = new HeadCheck();

    private HeadCheck() {}

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (message instanceof HttpRequest request && request.decoderResult().isSuccess()) {
            HttpVersion version = request.protocolVersion();
            if (version != HttpVersion.HTTP_1_1 && version != HttpVersion.HTTP_1_0) {
                request.setProtocolVersion(HttpVersion.HTTP_1_1);
                request.setDecoderResult(DecoderResult.failure(new UnsupportedVersion()));
            } else if (!isUri(request.uri())) {
                request.setDecoderResult(DecoderResult.failure(new InvalidTarget()));
            }
        }
        ctx.fireChannelRead(message);
    }

    static boolean isUri(String target) {
        try {
            new URI(target);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** A head of another protocol version: what follows it cannot be framed as HTTP/1. */
    static final class UnsupportedVersion extends RuntimeException {

        UnsupportedVersion() {
            super("not HTTP/1.0 or HTTP/1.1", null, false, false);
        }
    }

    /** A request target that is no URI; the request itself was read whole. */
    static final class InvalidTarget extends RuntimeException {

        InvalidTarget() {
            super("the request target is not a URI", null, false, false);
        }
    }
}
