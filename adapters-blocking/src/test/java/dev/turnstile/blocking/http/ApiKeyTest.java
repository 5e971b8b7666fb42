package dev.turnstile.blocking.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** API keys are sent, never shown. */
class ApiKeyTest {

    @Test
    void aKeyFromTheEnvironmentNamesItsVariableNotItsValue() {
        ApiKey key = ApiKey.fromEnvironment("MY_KEY", Map.of("MY_KEY", " sk-abc ")::get);
        assertTrue(key.isPresent());
        assertEquals("sk-abc", key.reveal());
        assertEquals("ApiKey[environment variable MY_KEY, value redacted]", key.toString());
    }

    @Test
    void anUnsetVariableIsReportedByName() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ApiKey.fromEnvironment("NOPE", Map.<String, String>of()::get));
        assertEquals("environment variable NOPE is not set; it should hold the API key", e.getMessage());
    }

    @Test
    void aConfiguredKeyIsRedactedInTextAndToString() {
        ApiKey key = ApiKey.of("sk-live-42");
        assertEquals("ApiKey[configured, value redacted]", key.toString());
        assertEquals("bad key [redacted] given", key.redact("bad key sk-live-42 given"));
        assertFalse(OpenAiChatClient.builder().apiKey(key).build().toString().contains("sk-live-42"));
    }

    @Test
    void noKeyIsNotPresent() {
        assertFalse(ApiKey.none().isPresent());
        assertEquals("ApiKey[none]", ApiKey.none().toString());
        assertEquals("text", ApiKey.none().redact("text"));
        assertThrows(IllegalArgumentException.class, () -> ApiKey.of(" "));
    }

    @Test
    void aBaseUrlMustBeAbsoluteHttp() {
        assertThrows(IllegalArgumentException.class, () -> OpenAiChatClient.builder().baseUrl("localhost:11434").build());
        assertThrows(IllegalArgumentException.class, () -> OpenAiChatClient.builder().baseUrl("ftp://x/v1").build());
    }
}
