package dev.turnstile.netty.server;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vavr.collection.TreeMap;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;

/**
 * A complete (non-streamed) response.
 *
 * @param status the status
 * @param contentType the body's media type (ignored when the body is empty)
 * @param body the body
 * @param headers extra headers ({@code Location}, {@code Allow}, {@code WWW-Authenticate}…)
 */
record ApiResponse(HttpResponseStatus status, String contentType, byte[] body, TreeMap<String, String> headers) {

    static final String JSON = "application/json";

    static ApiResponse json(HttpResponseStatus status, JsonNode body) {
        return new ApiResponse(status, JSON, SessionViews.JSON.writeValueAsBytes(body), TreeMap.empty());
    }

    static ApiResponse noContent() {
        return new ApiResponse(HttpResponseStatus.NO_CONTENT, JSON, new byte[0], TreeMap.empty());
    }

    static ApiResponse text(HttpResponseStatus status, String text) {
        return new ApiResponse(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8),
                TreeMap.empty());
    }

    static ApiResponse problem(Problem problem) {
        return new ApiResponse(problem.status(), Problem.CONTENT_TYPE, problem.toJson(), TreeMap.empty());
    }

    ApiResponse withHeader(String name, String value) {
        return new ApiResponse(status, contentType, body, headers.put(name, value));
    }
}
