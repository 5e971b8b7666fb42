package dev.turnstile.netty.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.lang.System.Logger.Level;

/**
 * The end of every pooled connection's pipeline; per-exchange handlers are inserted before it. It
 * sees only what no exchange took: a failure after an exchange finished (a TLS alert following a
 * failed handshake) or bytes nobody asked for. Either way the connection is unusable: close it,
 * quietly, because the exchange already reported what mattered.
 */
@ChannelHandler.Sharable
final class LastResortHandler extends ChannelInboundHandlerAdapter {

    static final String NAME = "last-resort";
    static final LastResortHandler INSTANCE = new LastResortHandler();
    private static final System.Logger LOG = System.getLogger(LastResortHandler.class.getName());

    private LastResortHandler() {}

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
        ctx.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(Level.DEBUG, "closing connection " + ctx.channel() + " after " + cause);
        ctx.close();
    }
}
