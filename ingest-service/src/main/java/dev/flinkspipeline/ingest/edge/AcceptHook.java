package dev.flinkspipeline.ingest.edge;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.function.Supplier;

/**
 * On a listening socket, before Vert.x's acceptor: puts a {@link ConnectionSetup} in front of every accepted
 * connection's pipeline, ahead of the handlers Vert.x adds when it takes the connection on.
 */
@ChannelHandler.Sharable
final class AcceptHook extends ChannelInboundHandlerAdapter {

    static final String NAME = "ingestEdgeAccept";

    private final Supplier<ConnectionSetup> setups;

    AcceptHook(Supplier<ConnectionSetup> setups) {
        this.setups = setups;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object accepted) {
        if (accepted instanceof Channel connection) {
            connection.pipeline().addLast(ConnectionSetup.NAME, setups.get());
        }
        ctx.fireChannelRead(accepted);
    }
}
