package dev.turnstile.netty.server;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;

/**
 * A connection's pipeline: HTTP/1.1 codec with header and request-line limits, body aggregation
 * with the body limit, then the {@link ConnectionHandler}.
 */
final class ServerInitializer extends ChannelInitializer<SocketChannel> {

    private static final int MAX_CHUNK_BYTES = 64 * 1024;

    private final Api api;
    private final ServerSettings settings;
    private final ChannelGroup connections;

    ServerInitializer(Api api, ServerSettings settings, ChannelGroup connections) {
        this.api = api;
        this.settings = settings;
        this.connections = connections;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        connections.add(ch);
        HttpDecoderConfig decoder = new HttpDecoderConfig()
                .setMaxInitialLineLength(settings.maxRequestLineBytes())
                .setMaxHeaderSize(settings.maxHeaderBytes())
                .setMaxChunkSize(MAX_CHUNK_BYTES);
        ch.pipeline()
                .addLast("http", new HttpServerCodec(decoder))
                .addLast("body", new BodyLimitAggregator(settings.maxBodyBytes()))
                .addLast("api", new ConnectionHandler(api));
    }
}
