package dev.turnstile.conformance.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Which rule answers which request. */
class ScriptMatchingTest {

    private final FakeProviderServer server = FakeProviderServer.start();
    private final HttpClient client = TestHttp.client();

    @AfterEach
    void stop() {
        server.close();
        client.close();
    }

    private String contentOf(HttpResponse<String> response) {
        return Json.parse(response.body(), "body").at("/choices/0/message/content").stringValue();
    }

    private HttpResponse<String> askOpenAi(String text) throws Exception {
        return TestHttp.postForString(client, server, "/v1/chat/completions", TestHttp.openAiRequest(text));
    }

    @Test
    void the_request_not_the_call_count_picks_the_reply() throws Exception {
        server.addRule(Rule.when(RequestMatcher.lastUserTextEquals("first")).respond(OpenAiReply.text("to first").nonStreamed()))
                .addRule(Rule.when(RequestMatcher.lastUserTextEquals("second")).respond(OpenAiReply.text("to second").nonStreamed()));

        assertEquals("to second", contentOf(askOpenAi("second")));
        assertEquals("to first", contentOf(askOpenAi("first")));
        assertEquals(List.of(), server.unmatched());
        assertEquals(List.of(), server.script().unusedRules());
    }

    @Test
    void a_tool_result_selects_the_follow_up_reply_in_both_formats() throws Exception {
        String openAiFollowUp = """
                {"model":"gpt-4o","messages":[{"role":"user","content":"go"},
                 {"role":"assistant","content":null,"tool_calls":[{"id":"call_7","type":"function","function":{"name":"f","arguments":"{}"}}]},
                 {"role":"tool","tool_call_id":"call_7","content":"42"}]}""";
        String anthropicFollowUp = """
                {"model":"claude","max_tokens":5,"messages":[{"role":"user","content":"go"},
                 {"role":"assistant","content":[{"type":"tool_use","id":"toolu_7","name":"f","input":{}}]},
                 {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_7","content":"42"}]}]}""";
        // The most specific rules come first: "go" is still the last user text once tool results follow it.
        server.addRule(Rule.when(RequestMatcher.hasToolResultFor("call_7")).respond(OpenAiReply.text("openai done").nonStreamed()))
                .addRule(Rule.when(RequestMatcher.anthropicMessages().and(RequestMatcher.hasToolResultFor("toolu_7")))
                        .respond(AnthropicReply.text("anthropic done").nonStreamed()))
                .addRule(Rule.when(RequestMatcher.lastUserTextEquals("go")).respond(OpenAiReply.text("first round").nonStreamed()).times(2));

        HttpResponse<String> anthropic = TestHttp.postForString(client, server, "/v1/messages", anthropicFollowUp);
        HttpResponse<String> openAi = TestHttp.postForString(client, server, "/v1/chat/completions", openAiFollowUp);

        assertEquals("anthropic done", Json.parse(anthropic.body(), "b").at("/content/0/text").stringValue());
        assertEquals("openai done", contentOf(openAi));
        assertEquals(1, server.script().unusedRules().size(), "the 'go' rule was never asked for");
    }

    @Test
    void rules_matching_the_same_request_answer_in_the_order_added() throws Exception {
        server.enqueue(OpenAiReply.text("1").nonStreamed()).enqueue(OpenAiReply.text("2").nonStreamed());

        assertEquals("1", contentOf(askOpenAi("x")));
        assertEquals("2", contentOf(askOpenAi("x")));
    }

    @Test
    void a_rule_used_up_no_longer_answers_and_the_request_goes_unmatched_with_a_500() throws Exception {
        server.addRule(Rule.when(RequestMatcher.openAiChat()).respond(OpenAiReply.text("once").nonStreamed()));

        assertEquals(200, askOpenAi("a").statusCode());
        HttpResponse<String> second = askOpenAi("b");

        assertEquals(500, second.statusCode());
        JsonNode error = Json.parse(second.body(), "error");
        assertEquals("fake_provider_no_rule_matched", error.at("/error/type").stringValue());
        assertTrue(error.at("/error/message").stringValue().startsWith("no rule matched request #2 POST /v1/chat/completions"),
                error.toString());
        assertEquals(List.of(2L), server.unmatched().stream().map(RecordedRequest::number).toList());
    }

    @Test
    void times_and_always_control_how_often_a_rule_answers() throws Exception {
        server.addRule(Rule.when(RequestMatcher.lastUserTextEquals("twice")).respond(OpenAiReply.text("t").nonStreamed()).times(2))
                .addRule(Rule.when(RequestMatcher.any()).respond(OpenAiReply.text("fallback").nonStreamed()).always());

        assertEquals("t", contentOf(askOpenAi("twice")));
        assertEquals("t", contentOf(askOpenAi("twice")));
        assertEquals("fallback", contentOf(askOpenAi("twice")));
        assertEquals("fallback", contentOf(askOpenAi("other")));
        assertEquals(2, server.script().usesOf(0));
        assertEquals(2, server.script().usesOf(1));
        assertEquals(List.of(), server.unmatched());
    }

    @Test
    void a_responder_can_build_the_reply_from_the_request() throws Exception {
        server.addRule(Rule.when(RequestMatcher.openAiChat())
                .respondWith(request -> OpenAiReply.text("echo: " + request.lastUserText().orElse("")).nonStreamed()));

        assertEquals("echo: ping", contentOf(askOpenAi("ping")));
    }

    @Test
    void a_failing_rule_is_a_500_and_counts_as_unmatched() throws Exception {
        server.addRule(Rule.when(RequestMatcher.openAiChat()).respondWith(request -> {
            throw new IllegalStateException("boom");
        }));

        HttpResponse<String> response = askOpenAi("x");

        assertEquals(500, response.statusCode());
        assertTrue(response.body().contains("boom"));
        assertEquals(1, server.unmatched().size());
    }

    @Test
    void a_script_given_at_start_is_used() throws Exception {
        try (FakeProviderServer scripted = FakeProviderServer.start(
                Script.of(Rule.when(RequestMatcher.any()).respond(OpenAiReply.text("from script").nonStreamed())))) {
            HttpResponse<String> response = TestHttp.postForString(client, scripted, "/v1/chat/completions", "{}");
            assertEquals("from script", contentOf(response));
        }
    }
}
