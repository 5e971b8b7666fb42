package dev.turnstile.wire.openai;

import dev.turnstile.model.FailureKind;
import dev.turnstile.wire.HeaderLookup;
import dev.turnstile.wire.HttpFailureRules;
import dev.turnstile.wire.ModelFailure;
import dev.turnstile.wire.RetryHints;
import dev.turnstile.wire.WireJson;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * Classifies failed OpenAI-style calls into the machine's {@link FailureKind}: a pure function of the
 * HTTP status, the retry headers and the body.
 *
 * <p>Body shapes understood: OpenAI's {@code {"error":{"message","type","code","param"}}}, Ollama's
 * {@code {"error":"text"}}, vLLM's top-level {@code {"object":"error","message","type","code"}} and
 * FastAPI's {@code {"detail":"text"}}. Rules beyond the status code:
 * <ul>
 *   <li>{@code insufficient_quota} (as {@code code} or {@code type}) is {@link FailureKind#FATAL} even on
 *       a 429: waiting does not refill a billing quota, while a plain 429 is {@link FailureKind#RATE_LIMITED}.
 *   <li>{@code context_length_exceeded}, llama.cpp's {@code exceed_context_size_error}, or (on a
 *       400/413 or in a stream) a message saying the context length was exceeded is
 *       {@link FailureKind#CONTEXT_OVERFLOW}.
 * </ul>
 */
public final class OpenAiErrorMapper {
    /** Lower-case message fragments OpenAI, vLLM and llama.cpp use for a prompt over the context window. */
    private static final Vector<String> CONTEXT_OVERFLOW_PHRASES = Vector.of(
            "maximum context length", "context length exceeded", "context_length_exceeded",
            "exceeds the available context size", "prompt is too long");

    private OpenAiErrorMapper() {}

    /**
     * Classifies a non-2xx response.
     *
     * @param status the HTTP status code
     * @param headers the response headers ({@code retry-after}, {@code retry-after-ms}, {@code x-should-retry})
     * @param body the response body as text, possibly empty or not JSON
     * @param now the adapter's clock reading when the response arrived, for an HTTP-date {@code retry-after}
     */
    public static ModelFailure fromHttp(int status, HeaderLookup headers, String body, Instant now) {
        RetryHints hints = RetryHints.from(headers, now);
        FailureKind byHeaders = HttpFailureRules.applyShouldRetry(HttpFailureRules.kindForStatus(status), hints.shouldRetry());
        Option<ErrorFields> fields = WireJson.parseObject(body).flatMap(OpenAiErrorMapper::errorFields);
        if (fields.isEmpty()) {
            return new ModelFailure(byHeaders, hints.retryAfterMillis(),
                    HttpFailureRules.describeUnstructuredBody(status, body), Option.none());
        }
        ErrorFields error = fields.get();
        boolean messageMayNameOverflow = status == 400 || status == 413;
        FailureKind kind = refine(byHeaders, error, messageMayNameOverflow);
        return new ModelFailure(kind, hints.retryAfterMillis(), "HTTP " + status + " " + error.describe(), error.providerCode());
    }

    /**
     * Classifies an error embedded in an HTTP 200 response: a stream chunk {@code data: {"error":{…}}}
     * (OpenRouter and others report upstream failures this way once the stream has started) or a 200 body.
     * There is no status to go by: a numeric {@code code} (OpenRouter puts the upstream HTTP status there)
     * is read as a status; otherwise the type or code decides, and an unknown error is
     * {@link FailureKind#RETRYABLE}, since a request the server rejects outright fails before the stream starts.
     *
     * @param error the value of the {@code error} field (an object, or a plain string)
     */
    public static ModelFailure fromEmbeddedError(JsonNode error) {
        ErrorFields fields = fieldsOfErrorValue(error).getOrElse(new ErrorFields(Option.none(), Option.none(), ""));
        FailureKind byCode = fields.code().filter(OpenAiErrorMapper::isDigits)
                .map(code -> HttpFailureRules.kindForStatus(Integer.parseInt(code)))
                .getOrElse(() -> kindForType(fields));
        FailureKind kind = refine(byCode, fields, true);
        return new ModelFailure(kind, Option.none(), "error in an HTTP 200 response: " + fields.describe(), fields.providerCode());
    }

    private static FailureKind refine(FailureKind kind, ErrorFields error, boolean messageMayNameOverflow) {
        if (error.is("insufficient_quota")) {
            return FailureKind.FATAL;
        }
        if (error.is("context_length_exceeded") || error.is("exceed_context_size_error")
                || messageMayNameOverflow && mentionsContextOverflow(error.message())) {
            return FailureKind.CONTEXT_OVERFLOW;
        }
        return kind;
    }

    private static FailureKind kindForType(ErrorFields error) {
        if (error.is("rate_limit_exceeded") || error.is("rate_limit_error") || error.is("requests") || error.is("tokens")) {
            return FailureKind.RATE_LIMITED;
        }
        if (error.is("invalid_request_error") || error.is("authentication_error") || error.is("permission_error")
                || error.is("not_found_error") || error.is("invalid_api_key") || error.is("billing_error")) {
            return FailureKind.FATAL;
        }
        return FailureKind.RETRYABLE;
    }

    private static boolean mentionsContextOverflow(String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        return CONTEXT_OVERFLOW_PHRASES.exists(lower::contains);
    }

    private static Option<ErrorFields> errorFields(JsonNode root) {
        if (WireJson.present(root, "error")) {
            return fieldsOfErrorValue(root.get("error"));
        }
        if (root.get("message") != null && root.get("message").isString()) {
            return fieldsOfErrorValue(root); // vLLM: the error fields are at the top level
        }
        return WireJson.string(root, "detail").map(detail -> new ErrorFields(Option.none(), Option.none(), detail));
    }

    private static Option<ErrorFields> fieldsOfErrorValue(JsonNode error) {
        if (error.isString()) {
            return Option.some(new ErrorFields(Option.none(), Option.none(), error.stringValue()));
        }
        if (!error.isObject()) {
            return Option.none();
        }
        JsonNode code = error.get("code");
        Option<String> codeText = code == null || code.isNull() ? Option.none()
                : Option.some(code.isString() ? code.stringValue() : code.asString());
        return Option.some(new ErrorFields(WireJson.string(error, "type"), codeText.filter(c -> !c.isEmpty()),
                WireJson.stringOrEmpty(error, "message")));
    }

    private static boolean isDigits(String text) {
        return !text.isEmpty() && text.length() <= 3 && text.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** The parts of an OpenAI-style error body the classification reads. */
    private record ErrorFields(Option<String> type, Option<String> code, String message) {
        boolean is(String value) {
            return type.contains(value) || code.contains(value);
        }

        /** The code, unless it is only the HTTP status repeated (vLLM, llama.cpp), in which case the type says more. */
        Option<String> providerCode() {
            return code.filter(c -> !isDigits(c)).orElse(type).orElse(code);
        }

        String describe() {
            String label = type.map(t -> code.map(c -> t + " (" + c + ")").getOrElse(t)).orElse(code).getOrElse("error");
            return label + ": " + (message.isEmpty() ? "(no message)" : HttpFailureRules.truncate(message));
        }
    }
}
