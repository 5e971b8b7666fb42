package dev.turnstile.conformance.provider;

import java.util.Objects;
import java.util.function.Function;

/**
 * One line of a {@link Script}: which requests it answers, and with what. By default a rule
 * answers once and is then used up; {@link #times(int)} and {@link #always()} change that.
 *
 * <pre>{@code
 * Rule.when(RequestMatcher.hasToolResultFor("call_1")).respond(OpenAiReply.text("Done").streamed())
 * Rule.when(RequestMatcher.any()).respondWith(request -> Responses.json(200, request.json())).always()
 * }</pre>
 */
public final class Rule {

    /** The use count of a rule that never gets used up. */
    public static final int UNLIMITED = Integer.MAX_VALUE;

    private final RequestMatcher matcher;
    private final Function<RecordedRequest, Response> responder;
    private final int maxUses;

    private Rule(RequestMatcher matcher, Function<RecordedRequest, Response> responder, int maxUses) {
        if (maxUses < 1) {
            throw new IllegalArgumentException("a rule must be usable at least once, got " + maxUses);
        }
        this.matcher = Objects.requireNonNull(matcher, "matcher");
        this.responder = Objects.requireNonNull(responder, "responder");
        this.maxUses = maxUses;
    }

    /** Starts a rule answering requests that {@code matcher} accepts. */
    public static Builder when(RequestMatcher matcher) {
        return new Builder(matcher);
    }

    /** This rule answering {@code count} matching requests before it is used up. */
    public Rule times(int count) {
        return new Rule(matcher, responder, count);
    }

    /** This rule answering every matching request, never used up. */
    public Rule always() {
        return new Rule(matcher, responder, UNLIMITED);
    }

    /** Which requests this rule answers. */
    public RequestMatcher matcher() {
        return matcher;
    }

    /** How many requests this rule answers, or {@link #UNLIMITED}. */
    public int maxUses() {
        return maxUses;
    }

    /** The response for a request this rule matched. */
    public Response respond(RecordedRequest request) {
        return Objects.requireNonNull(responder.apply(request), "the rule's responder returned null");
    }

    @Override
    public String toString() {
        return "Rule[" + matcher.description() + (maxUses == UNLIMITED ? ", always" : ", " + maxUses + "x") + "]";
    }

    /** The second half of {@code Rule.when(matcher).respond(response)}. */
    public static final class Builder {

        private final RequestMatcher matcher;

        private Builder(RequestMatcher matcher) {
            this.matcher = Objects.requireNonNull(matcher, "matcher");
        }

        /** A rule that answers once with this response. */
        public Rule respond(Response response) {
            Objects.requireNonNull(response, "response");
            return new Rule(matcher, request -> response, 1);
        }

        /** A rule that answers once with a response computed from the request. */
        public Rule respondWith(Function<RecordedRequest, Response> responder) {
            return new Rule(matcher, responder, 1);
        }
    }
}
