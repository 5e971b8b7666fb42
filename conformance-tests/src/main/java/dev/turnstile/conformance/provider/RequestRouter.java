package dev.turnstile.conformance.provider;

import java.util.Optional;

/**
 * Decides the response to a recorded request: the two provider routes go to the {@link Script};
 * anything else is a 404. A request no rule answers gets a 500. Both are recorded as unmatched.
 */
final class RequestRouter {

    private final Script script;
    private final TrafficRecorder recorder;

    RequestRouter(Script script, TrafficRecorder recorder) {
        this.script = script;
        this.recorder = recorder;
    }

    Response route(RecordedRequest request) {
        if (!isProviderRoute(request)) {
            recorder.recordUnmatched(request);
            return error(404, "fake_provider_not_found", "no route for " + request.method() + " " + request.path()
                    + "; the fake provider serves POST " + FakeProviderServer.OPENAI_CHAT_COMPLETIONS_PATH
                    + " and POST " + FakeProviderServer.ANTHROPIC_MESSAGES_PATH);
        }
        try {
            Optional<Rule> rule = script.take(request);
            if (rule.isPresent()) {
                return rule.get().respond(request);
            }
        } catch (RuntimeException e) {
            recorder.recordUnmatched(request);
            return error(500, "fake_provider_rule_failed", "a rule failed on request " + request + ": " + e);
        }
        recorder.recordUnmatched(request);
        return error(500, "fake_provider_no_rule_matched", "no rule matched request " + request
                + "; rules not used up: " + script.unusedRules());
    }

    private static boolean isProviderRoute(RecordedRequest request) {
        return request.method().equals("POST")
                && (request.path().equals(FakeProviderServer.OPENAI_CHAT_COMPLETIONS_PATH)
                    || request.path().equals(FakeProviderServer.ANTHROPIC_MESSAGES_PATH));
    }

    /**
     * An error body both client families can read: OpenAI clients look at {@code error.message},
     * Anthropic clients also expect a top-level {@code "type":"error"}.
     */
    static Response error(int status, String type, String message) {
        var body = Json.object().put("type", "error");
        body.putObject("error").put("type", type).put("message", message);
        return Responses.json(status, body);
    }
}
