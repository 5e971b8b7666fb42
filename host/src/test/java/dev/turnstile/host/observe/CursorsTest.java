package dev.turnstile.host.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The text form of cursors and the errors for cursors that do not belong to the session. */
class CursorsTest {

    private static String refusal(String sessionId, String text) {
        return assertThrows(IllegalArgumentException.class, () -> Cursors.parse(sessionId, text)).getMessage();
    }

    @Test
    void aFormattedCursorParsesBack() {
        assertEquals("chat-1~42", Cursors.format("chat-1", 42));
        assertEquals(42, Cursors.parse("chat-1", Cursors.format("chat-1", 42)));
        assertEquals(0, Cursors.parse("chat-1", "chat-1~0"));
    }

    @Test
    void aPlainNumberIsAccepted() {
        assertEquals(7, Cursors.parse("chat-1", "7"));
    }

    @Test
    void anotherSessionsCursorIsRefused() {
        assertEquals("cursor \"chat-2~5\" belongs to another session, not \"chat-1\"", refusal("chat-1", "chat-2~5"));
        assertEquals("cursor \"~5\" belongs to another session, not \"chat-1\"", refusal("chat-1", "~5"));
    }

    @Test
    void malformedCursorsAreRefused() {
        assertEquals("malformed cursor \"chat-1~\": expected <session>~<number>", refusal("chat-1", "chat-1~"));
        assertEquals("malformed cursor \"chat-1~abc\": expected <session>~<number>", refusal("chat-1", "chat-1~abc"));
        assertEquals("malformed cursor \"\": expected <session>~<number>", refusal("chat-1", ""));
        assertEquals("malformed cursor \"chat-1~99999999999999999999\": expected <session>~<number>",
                refusal("chat-1", "chat-1~99999999999999999999"));
    }

    @Test
    void negativeCursorsAreRefused() {
        assertEquals("cursor \"chat-1~-3\" is negative", refusal("chat-1", "chat-1~-3"));
        assertEquals("cursor \"-1\" is negative", refusal("chat-1", "-1"));
    }
}
