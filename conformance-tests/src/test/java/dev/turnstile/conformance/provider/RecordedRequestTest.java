package dev.turnstile.conformance.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecordedRequestTest {

    private static RecordedRequest request(String path, String body, Header... headers) {
        return RecordedRequest.of(1, 1, new ParsedRequest("POST", path, "HTTP/1.1", List.of(headers),
                body.getBytes(StandardCharsets.UTF_8)));
    }

    private static final String OPENAI_WITH_TOOL_RESULT = """
            {"model":"gpt-4o","stream":true,"messages":[
              {"role":"system","content":"Be brief."},
              {"role":"user","content":[{"type":"text","text":"Weather in "},{"type":"text","text":"Paris?"}]},
              {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",
                "function":{"name":"get_weather","arguments":"{}"}}]},
              {"role":"tool","tool_call_id":"call_1","content":"sunny"}]}""";

    private static final String ANTHROPIC_WITH_TOOL_RESULT = """
            {"model":"claude","max_tokens":10,"messages":[
              {"role":"user","content":"Weather in Paris?"},
              {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{}}]},
              {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"sunny"}]}]}""";

    @Test
    void last_user_text_skips_tool_results_in_both_formats() {
        assertEquals(Optional.of("Weather in Paris?"), request("/v1/chat/completions", OPENAI_WITH_TOOL_RESULT).lastUserText());
        assertEquals(Optional.of("Weather in Paris?"), request("/v1/messages", ANTHROPIC_WITH_TOOL_RESULT).lastUserText());
        assertEquals(Optional.empty(), request("/v1/messages", "{\"messages\":[]}").lastUserText());
        assertEquals(Optional.empty(), request("/v1/messages", "not json").lastUserText());
    }

    @Test
    void tool_result_ids_are_found_in_both_formats() {
        assertEquals(List.of("call_1"), request("/v1/chat/completions", OPENAI_WITH_TOOL_RESULT).toolResultIds());
        assertEquals(List.of("toolu_1"), request("/v1/messages", ANTHROPIC_WITH_TOOL_RESULT).toolResultIds());
    }

    @Test
    void matchers_combine_and_describe_themselves() {
        RecordedRequest openAi = request("/v1/chat/completions?api-version=2024", OPENAI_WITH_TOOL_RESULT);
        RequestMatcher matcher = RequestMatcher.openAiChat().and(RequestMatcher.hasToolResultFor("call_1"));

        assertTrue(matcher.matches(openAi));
        assertEquals("path /v1/chat/completions and has a tool result for call_1", matcher.description());
        assertFalse(RequestMatcher.anthropicMessages().matches(openAi));
        assertTrue(RequestMatcher.anthropicMessages().negate().matches(openAi));
        assertTrue(RequestMatcher.lastUserTextContains("Paris").matches(openAi));
        assertTrue(RequestMatcher.jsonStringAt("/messages/3/tool_call_id", "call_1").matches(openAi));
        assertTrue(RequestMatcher.streaming(true).matches(openAi));
        assertTrue(RequestMatcher.toolResultCount(1).matches(openAi));
        assertTrue(RequestMatcher.bodyContains("\"sunny\"").matches(openAi));
        assertEquals("a custom predicate", ((RequestMatcher) r -> true).description());
    }

    @Test
    void path_query_model_and_json_are_exposed() {
        RecordedRequest openAi = request("/v1/chat/completions?api-version=2024", OPENAI_WITH_TOOL_RESULT);
        assertEquals("/v1/chat/completions", openAi.path());
        assertEquals("api-version=2024", openAi.query());
        assertEquals(Optional.of("gpt-4o"), openAi.model());
        assertTrue(openAi.isJson());
        assertFalse(request("/v1/messages", "").isJson());
        assertTrue(request("/v1/messages", "{oops").json().isMissingNode());
    }

    @Test
    void credentials_are_redacted_but_can_be_checked() {
        RecordedRequest recorded = request("/v1/messages", "{}",
                new Header("Authorization", "Bearer sk-secret"), new Header("x-api-key", "sk-ant-secret"),
                new Header("anthropic-version", "2023-06-01"));

        assertEquals(Optional.of("REDACTED"), recorded.header("authorization"));
        assertEquals(Optional.of("REDACTED"), recorded.header("X-Api-Key"));
        assertEquals(Optional.of("2023-06-01"), recorded.header("anthropic-version"));
        assertTrue(recorded.sentSecret("authorization", "Bearer sk-secret"));
        assertFalse(recorded.sentSecret("authorization", "Bearer sk-other"));
        assertTrue(recorded.sentSecret("X-API-KEY", "sk-ant-secret"));
        assertFalse(recorded.toString().contains("secret"));
        assertFalse(recorded.headers().toString().contains("secret"));
    }
}
