package dev.turnstile.netty.server;

import java.util.List;

/**
 * The API's routes. Each has a method and a path template whose {@code {name}} segments capture one
 * path segment.
 */
enum Route {
    HEALTH("GET", "/healthz"),
    CREATE_SESSION("POST", "/v1/sessions"),
    LIST_SESSIONS("GET", "/v1/sessions"),
    GET_SESSION("GET", "/v1/sessions/{id}"),
    CLOSE_SESSION("DELETE", "/v1/sessions/{id}"),
    SEND_MESSAGE("POST", "/v1/sessions/{id}/messages"),
    DECIDE_APPROVAL("POST", "/v1/sessions/{id}/approvals/{approvalId}"),
    CANCEL("POST", "/v1/sessions/{id}/cancel"),
    JOURNAL("GET", "/v1/sessions/{id}/journal"),
    EVENTS("GET", "/v1/sessions/{id}/events");

    private final String method;
    private final List<String> segments;

    Route(String method, String template) {
        this.method = method;
        this.segments = Router.segments(template);
    }

    String method() {
        return method;
    }

    List<String> segments() {
        return segments;
    }

    /** Whether the caller must present a bearer token. */
    boolean authenticated() {
        return this != HEALTH;
    }
}
