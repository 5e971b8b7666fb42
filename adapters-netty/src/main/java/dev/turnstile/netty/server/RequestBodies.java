package dev.turnstile.netty.server;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads request bodies: one JSON object, with errors that say where the JSON broke or which field is
 * wrong and what was expected, so a client can fix its request from the 400 alone.
 */
final class RequestBodies {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final JsonNode root;

    private RequestBodies(JsonNode root) {
        this.root = root;
    }

    /**
     * The body as a JSON object; an empty body reads as {@code {}}.
     *
     * @throws Problem 415 for a content type other than JSON, 400 for a body that is not one JSON object
     */
    static RequestBodies parse(ApiRequest request) {
        String type = request.header(HttpHeaderNames.CONTENT_TYPE).getOrElse("").toLowerCase(Locale.ROOT);
        if (request.body().length == 0) {
            return new RequestBodies(JSON.createObjectNode());
        }
        if (!type.isEmpty() && !type.startsWith("application/json")) {
            throw new Problem(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                    "request bodies must be application/json, got \"" + type + "\"");
        }
        JsonNode node;
        try {
            node = JSON.readTree(request.body());
        } catch (JacksonException e) {
            throw Problem.badRequest("the body is not valid JSON: " + e.getOriginalMessage() + location(e));
        }
        if (node == null || !node.isObject()) {
            throw Problem.badRequest("the body must be a JSON object");
        }
        return new RequestBodies(node);
    }

    private static String location(JacksonException e) {
        TokenStreamLocation at = e.getLocation();
        return at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    /** The root object. */
    JsonNode root() {
        return root;
    }

    /** An optional string field. */
    Option<String> string(String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return Option.none();
        }
        if (!node.isString()) {
            throw Problem.badRequest("\"" + field + "\" must be a string");
        }
        return Option.some(node.asString());
    }

    /** A required, non-empty string field. */
    String requiredString(String field) {
        String value = string(field).getOrElseThrow(() -> Problem.badRequest("\"" + field + "\" is required"));
        if (value.isEmpty()) {
            throw Problem.badRequest("\"" + field + "\" must not be empty");
        }
        return value;
    }

    /** An optional array of strings. */
    Option<Vector<String>> strings(String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return Option.none();
        }
        if (!node.isArray()) {
            throw Problem.badRequest("\"" + field + "\" must be an array of strings");
        }
        Vector<String> out = Vector.empty();
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isString()) {
                throw Problem.badRequest("\"" + field + "[" + i + "]\" must be a string");
            }
            out = out.append(node.get(i).asString());
        }
        return Option.some(out);
    }

    /** An optional integer field. */
    Option<Long> integer(String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return Option.none();
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw Problem.badRequest("\"" + field + "\" must be an integer");
        }
        return Option.some(node.longValue());
    }

    /** An optional object field. */
    Option<RequestBodies> object(String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return Option.none();
        }
        if (!node.isObject()) {
            throw Problem.badRequest("\"" + field + "\" must be an object");
        }
        return Option.some(new RequestBodies(node));
    }

    /** An optional field holding one of {@code values}' names in lower case. */
    <E extends Enum<E>> Option<E> enumeration(String field, Class<E> type) {
        return string(field).map(text -> {
            for (E value : type.getEnumConstants()) {
                if (value.name().toLowerCase(Locale.ROOT).equals(text)) {
                    return value;
                }
            }
            throw Problem.badRequest("\"" + field + "\" must be one of " + Vector.of(type.getEnumConstants())
                    .map(v -> "\"" + v.name().toLowerCase(Locale.ROOT) + "\"").mkString(", ") + ", got \"" + text + "\"");
        });
    }

    /** Fails with a useful message when the body has a field not in {@code known}. */
    void allowOnly(String... known) {
        Vector<String> allowed = Vector.of(known);
        for (String name : root.propertyNames()) {
            if (!allowed.contains(name)) {
                throw Problem.badRequest("unknown field \"" + name + "\"; expected "
                        + allowed.map(n -> "\"" + n + "\"").mkString(", "));
            }
        }
    }
}
