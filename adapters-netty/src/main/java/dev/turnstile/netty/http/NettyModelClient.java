package dev.turnstile.netty.http;

import dev.turnstile.host.ModelCall;
import dev.turnstile.model.ModelRequest;
import dev.turnstile.wire.StreamDelta;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.net.URI;
import java.time.InstantSource;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The provider-independent part of the Netty model clients: turns a request into an HTTP exchange
 * on a pooled connection and the response into deltas and a result. Shared by
 * {@link OpenAiChatClient} and {@link AnthropicMessagesClient}. The key is only added to the request by
 * the protocol; failure messages pass through the protocol's redaction.
 */
final class NettyModelClient implements AutoCloseable {

    private static final String USER_AGENT = "turnstile-netty/0.1";

    private final NettyHttpClient http;
    private final boolean ownsHttp;
    private final Origin origin;
    private final String target;
    private final ProviderProtocol protocol;
    private final boolean stream;
    private final TreeMap<String, String> extraHeaders;
    private final long idleTimeoutMillis;
    private final InstantSource clock;

    NettyModelClient(NettyHttpClient http, boolean ownsHttp, URI baseUrl, ProviderProtocol protocol, boolean stream,
            Map<String, String> extraHeaders, long idleTimeoutMillis, InstantSource clock) {
        this.http = http;
        this.ownsHttp = ownsHttp;
        this.origin = Origin.of(baseUrl);
        this.target = target(baseUrl, protocol.path());
        this.protocol = protocol;
        this.stream = stream;
        this.extraHeaders = new TreeMap<>(extraHeaders);
        this.idleTimeoutMillis = idleTimeoutMillis;
        this.clock = clock;
    }

    ModelCall start(ModelRequest request, Consumer<StreamDelta> deltas) {
        byte[] body = protocol.encode(request, stream);
        FullHttpRequest http1 = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, target,
                Unpooled.wrappedBuffer(body));
        HttpHeaders headers = http1.headers();
        headers.set(HttpHeaderNames.HOST, origin.hostHeader());
        headers.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        headers.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        headers.set(HttpHeaderNames.ACCEPT, stream ? "text/event-stream" : "application/json");
        // No compression: a compressed event stream would be buffered by intermediaries.
        headers.set(HttpHeaderNames.ACCEPT_ENCODING, HttpHeaderValues.IDENTITY);
        headers.set(HttpHeaderNames.USER_AGENT, USER_AGENT);
        extraHeaders.forEach(headers::set);
        protocol.addHeaders(headers);
        ModelResponseReader reader = new ModelResponseReader(protocol, http.settings().maxResponseBytes(),
                http.settings().maxErrorBodyBytes());
        return ModelCallExchange.start(new ModelCallExchange.Context(http, origin, idleTimeoutMillis, clock,
                protocol::redact), http1, reader, deltas);
    }

    Origin origin() {
        return origin;
    }

    String target() {
        return target;
    }

    @Override
    public void close() {
        if (ownsHttp) {
            http.close();
        }
    }

    /** The request target: the base URL's path (without a trailing slash), the provider path, the base query. */
    static String target(URI baseUrl, String providerPath) {
        String basePath = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
        while (basePath.endsWith("/")) {
            basePath = basePath.substring(0, basePath.length() - 1);
        }
        String query = baseUrl.getRawQuery();
        return basePath + providerPath + (query == null || query.isEmpty() ? "" : "?" + query);
    }

    @Override
    public String toString() {
        return "NettyModelClient[" + origin + target + "]";
    }
}
