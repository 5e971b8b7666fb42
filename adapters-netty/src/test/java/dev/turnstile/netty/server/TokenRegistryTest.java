package dev.turnstile.netty.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.control.Option;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The token file format. */
class TokenRegistryTest {

    @TempDir
    Path dir;

    @Test
    void readsClearAndHashedTokens() throws Exception {
        Path file = dir.resolve("tokens.json");
        Files.writeString(file, """
                {"tokens": [
                  {"token": "alice-secret-1", "tenant": "acme", "principal": "alice"},
                  {"token_sha256": "%s", "tenant": "acme", "principal": "ci-bot"}
                ]}""".formatted(TokenRegistry.sha256Hex("bot-secret-22")));

        TokenRegistry tokens = TokenRegistry.load(file);

        assertEquals(2, tokens.size());
        assertEquals(Option.some(new Caller("acme", "alice")), tokens.authenticate("alice-secret-1"));
        assertEquals(Option.some(new Caller("acme", "ci-bot")), tokens.authenticate("bot-secret-22"));
        assertEquals(Option.none(), tokens.authenticate("alice-secret-2"));
        assertEquals(Option.none(), tokens.authenticate(""));
        assertFalse(tokens.toString().contains("alice-secret-1"));
    }

    @Test
    void refusesFilesThatWouldBeUnsafeOrAmbiguous() {
        assertMessage("tokens[0]: \"tenant\" and \"principal\" are required",
                "{\"tokens\":[{\"token\":\"long-enough-1\",\"principal\":\"p\"}]}");
        assertMessage("at least 8 characters", "{\"tokens\":[{\"token\":\"short\",\"tenant\":\"t\",\"principal\":\"p\"}]}");
        assertMessage("listed twice", "{\"tokens\":[{\"token\":\"long-enough-1\",\"tenant\":\"t\",\"principal\":\"p\"},"
                + "{\"token\":\"long-enough-1\",\"tenant\":\"u\",\"principal\":\"q\"}]}");
        assertMessage("exactly one of", "{\"tokens\":[{\"tenant\":\"t\",\"principal\":\"p\"}]}");
        assertMessage("64 hex digits", "{\"tokens\":[{\"token_sha256\":\"abc\",\"tenant\":\"t\",\"principal\":\"p\"}]}");
        assertMessage("\"tokens\" array", "{}");
        assertMessage("not valid JSON", "{");
    }

    private static void assertMessage(String fragment, String json) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TokenRegistry.parse(json));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertFalse(e.getMessage().contains("long-enough-1"), "never the token: " + e.getMessage());
    }
}
