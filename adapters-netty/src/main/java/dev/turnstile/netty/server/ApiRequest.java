package dev.turnstile.netty.server;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vavr.control.Option;
import java.util.List;
import java.util.Map;

/**
 * One aggregated request, copied out of Netty's reference-counted buffers so it can be handled on
 * any thread after the buffers are released.
 *
 * @param method the HTTP method, upper case
 * @param path the decoded path without the query
 * @param query decoded query parameters
 * @param headers the request headers
 * @param body the body bytes (empty for none)
 * @param keepAlive whether the connection stays open after the response
 */
record ApiRequest(String method, String path, Map<String, List<String>> query, HttpHeaders headers, byte[] body,
        boolean keepAlive) {

    static ApiRequest of(FullHttpRequest request) {
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        byte[] body = new byte[request.content().readableBytes()];
        request.content().getBytes(request.content().readerIndex(), body);
        return new ApiRequest(request.method().name(), uri.path(), uri.parameters(), request.headers().copy(), body,
                HttpUtil.isKeepAlive(request));
    }

    /** The first value of a query parameter. */
    Option<String> queryParameter(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Option.none() : Option.some(values.getFirst());
    }

    /** A header value. */
    Option<String> header(CharSequence name) {
        return Option.of(headers.get(name));
    }
}
