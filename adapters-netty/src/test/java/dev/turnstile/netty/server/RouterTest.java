package dev.turnstile.netty.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.vavr.collection.TreeSet;
import org.junit.jupiter.api.Test;

/** Route matching. */
class RouterTest {

    @Test
    void capturesPathSegments() {
        Router.Match.Found found = assertInstanceOf(Router.Match.Found.class,
                Router.match("POST", "/v1/sessions/s-1/approvals/s-1:a2"));
        assertEquals(Route.DECIDE_APPROVAL, found.route());
        assertEquals("s-1", found.params().get("id").get());
        assertEquals("s-1:a2", found.params().get("approvalId").get());
        assertEquals(Route.LIST_SESSIONS,
                assertInstanceOf(Router.Match.Found.class, Router.match("GET", "/v1/sessions/")).route());
    }

    @Test
    void tellsAMissingPathFromAWrongMethod() {
        assertInstanceOf(Router.Match.NoSuchPath.class, Router.match("GET", "/v1/sessions/s-1/unknown"));
        assertInstanceOf(Router.Match.NoSuchPath.class, Router.match("GET", "/"));
        Router.Match.MethodNotAllowed wrong = assertInstanceOf(Router.Match.MethodNotAllowed.class,
                Router.match("PATCH", "/v1/sessions/s-1"));
        assertEquals(TreeSet.of("DELETE", "GET"), wrong.allowed());
    }
}
