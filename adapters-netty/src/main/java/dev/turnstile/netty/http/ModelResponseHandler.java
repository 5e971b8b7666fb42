package dev.turnstile.netty.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;

/**
 * The pipeline end of one model call on a leased connection: hands the decoded response parts to
 * its {@link ModelCallExchange} and turns connection events (idle, closed, failed) into its
 * failures. Added when the connection is leased, removed before it goes back to the pool.
 */
final class ModelResponseHandler extends ChannelInboundHandlerAdapter {

    static final String NAME = "model-response";

    private final ModelCallExchange exchange;

    ModelResponseHandler(ModelCallExchange exchange) {
        this.exchange = exchange;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpResponse response) {
                exchange.onHead(response);
            }
            if (msg instanceof HttpContent content) {
                exchange.onContent(content);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        exchange.onReadComplete();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            exchange.onReadIdle();
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        exchange.onConnectionClosed();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        exchange.onFailure(cause);
    }
}
