package dev.turnstile.netty.server;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Objects;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An error answer in RFC 9457 {@code application/problem+json} form: a stable {@code type} URI per
 * kind of problem, the status, its title, and a {@code detail} that says what to fix. Details never
 * hold stack traces, tokens or other secrets.
 */
final class Problem extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String CONTENT_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://turnstile.dev/problems/";

    private final transient HttpResponseStatus status;
    private final String slug;

    Problem(HttpResponseStatus status, String slug, String detail) {
        super(detail, null, false, false);
        this.status = Objects.requireNonNull(status, "status");
        this.slug = Objects.requireNonNull(slug, "slug");
    }

    HttpResponseStatus status() {
        return status;
    }

    String slug() {
        return slug;
    }

    String detail() {
        return getMessage();
    }

    /** The JSON body. */
    byte[] toJson() {
        ObjectNode body = JSON.createObjectNode();
        body.put("type", TYPE_BASE + slug);
        body.put("title", status.reasonPhrase());
        body.put("status", status.code());
        body.put("detail", detail());
        return JSON.writeValueAsBytes(body);
    }

    static Problem badRequest(String detail) {
        return new Problem(HttpResponseStatus.BAD_REQUEST, "bad-request", detail);
    }

    static Problem notFound(String detail) {
        return new Problem(HttpResponseStatus.NOT_FOUND, "not-found", detail);
    }

    /** The one answer for a session that does not exist or belongs to another tenant: they look the same. */
    static Problem sessionNotFound(String sessionId) {
        return notFound("no session \"" + sessionId + "\"");
    }

    static Problem conflict(String detail) {
        return new Problem(HttpResponseStatus.CONFLICT, "conflict", detail);
    }

    static Problem unauthorized(String detail) {
        return new Problem(HttpResponseStatus.UNAUTHORIZED, "unauthorized", detail);
    }
}
