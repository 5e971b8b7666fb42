package dev.turnstile.netty.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.TimeUnit;

/**
 * Sits in a pooled connection's pipeline while it is idle in the pool. The connection reads while
 * idle (auto-read on) so that a server closing it is noticed at once, before the pool hands it out
 * again; any byte arriving while no request is outstanding is a protocol error, and a connection
 * idle for longer than the pool's idle timeout is closed.
 */
final class PooledIdleGuard extends IdleStateHandler {

    static final String NAME = "pooled-idle-guard";

    PooledIdleGuard(long idleTimeoutMillis) {
        super(0, 0, idleTimeoutMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent evt) {
        ctx.close();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
        ctx.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
