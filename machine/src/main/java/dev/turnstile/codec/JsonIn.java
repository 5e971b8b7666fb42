package dev.turnstile.codec;

import dev.turnstile.machine.EffectId;
import dev.turnstile.model.Json;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.util.TokenBuffer;

/**
 * Reads the codec's format from a Jackson parser, turning every problem into a
 * {@link CodecException} that names the JSON path of the offending value.
 *
 * <p>Protocol: a value reader is called with the parser <em>on</em> the value's first token and
 * leaves it on the value's last token. Objects are read with {@link #startObject()} and a loop over
 * {@link #nextField()}; unknown fields are skipped, so documents from a newer minor version still
 * read.
 */
final class JsonIn {

    /** Reads one complete JSON value, the parser being on its first token. */
    @FunctionalInterface
    interface Reader<T> {
        /** Reads the value {@code in} is on. */
        T read(JsonIn in);
    }

    /**
     * An object of a sealed hierarchy: {@code tag} is on the tag's value; {@code body} is inside the
     * object, ready for {@link #nextField()} without {@link #startObject()} (it may meet the tag
     * field again, and skips it as unknown).
     */
    record Tagged(JsonIn tag, JsonIn body) {}

    private final JsonParser p;
    private final String base;
    private final JsonIn root;
    // On the root: the reader that last moved, whose position explains an exception thrown by a
    // record constructor or by the tokenizer.
    private JsonIn active;

    private JsonIn(JsonParser p, String base, JsonIn root) {
        this.p = p;
        this.base = base;
        this.root = root == null ? this : root;
        this.active = this;
    }

    /** Decodes {@code text}, which must hold exactly one JSON value, with {@code reader}. */
    static <T> T decode(String text, Reader<T> reader) {
        Objects.requireNonNull(text, "text");
        JsonParser parser;
        try {
            parser = CodecJson.FACTORY.createParser(ObjectReadContext.empty(), text);
        } catch (JacksonException e) {
            throw new CodecException("$", describe(e), e);
        }
        JsonIn in = new JsonIn(parser, "$", null);
        try {
            in.advance();
            T value = reader.read(in);
            in.active = in;
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                throw new CodecException("$", "content after the document: " + describe(trailing));
            }
            return value;
        } catch (JacksonException e) {
            throw new CodecException(in.active.path(), describe(e), e);
        } catch (IllegalArgumentException e) {
            // A record's own validation refused the values just read (e.g. a negative token count).
            throw new CodecException(in.active.path(), "invalid value: " + e.getMessage(), e);
        } finally {
            parser.close();
        }
    }

    // Structure

    /** Requires the parser to be on an object's start; then read its fields with {@link #nextField()}. */
    void startObject() {
        root.active = this;
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw error("expected an object, got " + describe(p.currentToken()));
        }
    }

    /** The next field's name with the parser on its value, or null at the object's end. */
    String nextField() {
        root.active = this;
        String name = p.nextName();
        if (name != null) {
            advance();
        }
        return name;
    }

    /** Skips the value the parser is on, with all it contains. */
    void skip() {
        p.skipChildren();
    }

    /**
     * Opens an object of a sealed hierarchy whose tag field is {@code tagName}. The tag normally
     * comes first and is read in place; otherwise the object is buffered and scanned for it, so
     * documents whose keys were reordered (by a tool sorting keys, say) still read.
     */
    Tagged tagged(String tagName) {
        startObject();
        String first = p.nextName();
        if (first == null) {
            throw missing(tagName);
        }
        advance();
        if (first.equals(tagName)) {
            return new Tagged(this, this);
        }
        // Not forBuffering(p): that would root the buffer's paths in the live context of p.
        TokenBuffer buffer = TokenBuffer.forGeneration();
        buffer.writeStartObject();
        buffer.writeName(first);
        buffer.copyCurrentStructure(p);
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            buffer.copyCurrentStructure(p);
        }
        buffer.writeEndObject();
        String objectPath = path();
        JsonIn scan = new JsonIn(buffer.asParser(ObjectReadContext.empty()), objectPath, root);
        scan.advance();
        scan.startObject();
        for (String name; (name = scan.nextField()) != null; ) {
            if (name.equals(tagName)) {
                JsonIn body = new JsonIn(buffer.asParser(ObjectReadContext.empty()), objectPath, root);
                body.advance();
                return new Tagged(scan, body);
            }
            scan.skip();
        }
        throw scan.missing(tagName);
    }

    /**
     * Opens an object of a sealed hierarchy that must have the tag {@code expected} (a field whose
     * declared type is one record of the hierarchy); returns the reader for its fields.
     */
    JsonIn taggedAs(String tagName, String expected) {
        Tagged t = tagged(tagName);
        String type = t.tag().string();
        if (!type.equals(expected)) {
            throw t.tag().error("expected type " + JsonPath.quote(expected) + ", got " + JsonPath.quote(type));
        }
        return t.body();
    }

    /** The error for a tag value no reader knows; call with the parser still on the tag. */
    CodecException unknownType(String type) {
        return error("unknown type " + JsonPath.quote(type));
    }

    /** Reads the rest of an object whose one known field is the string {@code name}, and returns it. */
    String soleString(String name) {
        String value = null;
        for (String f; (f = nextField()) != null; ) {
            if (f.equals(name)) {
                value = string();
            } else {
                skip();
            }
        }
        return required(value, name);
    }

    /** Reads the rest of an object whose one known field is the instant {@code name}, and returns it. */
    Instant soleInstant(String name) {
        Instant value = null;
        for (String f; (f = nextField()) != null; ) {
            if (f.equals(name)) {
                value = instant();
            } else {
                skip();
            }
        }
        return required(value, name);
    }

    /** Reads the rest of an object that has no known fields. */
    void noFields() {
        while (nextField() != null) {
            skip();
        }
    }

    /** {@code value}, or a "missing required field" error if it is null; call at the object's end. */
    <T> T required(T value, String field) {
        if (value == null) {
            throw missing(field);
        }
        return value;
    }

    // Scalars

    String string() {
        expect(JsonToken.VALUE_STRING, "a string");
        return p.getString();
    }

    boolean bool() {
        JsonToken t = p.currentToken();
        if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
            throw error("expected a boolean, got " + describe(t));
        }
        return t == JsonToken.VALUE_TRUE;
    }

    int int32() {
        expect(JsonToken.VALUE_NUMBER_INT, "an integer");
        if (p.getNumberType() != JsonParser.NumberType.INT) {
            throw error("integer " + p.getString() + " is out of range (32-bit)");
        }
        return p.getIntValue();
    }

    long int64() {
        expect(JsonToken.VALUE_NUMBER_INT, "an integer");
        JsonParser.NumberType type = p.getNumberType();
        if (type != JsonParser.NumberType.INT && type != JsonParser.NumberType.LONG) {
            throw error("integer " + p.getString() + " is out of range (64-bit)");
        }
        return p.getLongValue();
    }

    /** A number; the strings {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"} are read as such. */
    double float64() {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getDoubleValue();
        }
        if (t == JsonToken.VALUE_STRING) {
            switch (p.getString()) {
                case "NaN" -> {
                    return Double.NaN;
                }
                case "Infinity" -> {
                    return Double.POSITIVE_INFINITY;
                }
                case "-Infinity" -> {
                    return Double.NEGATIVE_INFINITY;
                }
                default -> throw error("expected a number, got " + JsonPath.quote(p.getString()));
            }
        }
        throw error("expected a number, got " + describe(t));
    }

    Instant instant() {
        String text = string();
        try {
            return Instants.parse(text);
        } catch (DateTimeException e) {
            throw error("expected an ISO-8601 instant such as \"2026-01-01T00:00:00Z\", got " + JsonPath.quote(text));
        }
    }

    EffectId effectId() {
        long value = int64();
        if (value <= 0) {
            throw error("effect ids start at 1, got " + value);
        }
        return new EffectId(value);
    }

    <E extends Enum<E>> E enumeration(EnumNames<E> names) {
        String text = string();
        E value = names.parse(text);
        if (value == null) {
            throw error("unknown value " + JsonPath.quote(text) + "; expected one of " + names.choices());
        }
        return value;
    }

    /** An embedded JSON value of any kind, in its canonical form. */
    Json json() {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return new Json("null");
        }
        return Json.of(CodecJson.TREES.readTree(p));
    }

    // Containers

    /** An absent-or-value field that is present: JSON {@code null} reads as none. */
    <T> Option<T> option(Reader<T> reader) {
        return p.currentToken() == JsonToken.VALUE_NULL ? Option.none() : Option.some(reader.read(this));
    }

    <T> Vector<T> vector(Reader<T> reader) {
        expect(JsonToken.START_ARRAY, "an array");
        List<T> values = new ArrayList<>();
        while (advance() != JsonToken.END_ARRAY) {
            values.add(reader.read(this));
        }
        return Vector.ofAll(values);
    }

    <V> TreeMap<String, V> stringMap(Reader<V> reader) {
        startObject();
        TreeMap<String, V> map = TreeMap.empty();
        for (String key; (key = nextField()) != null; ) {
            map = map.put(key, reader.read(this));
        }
        return map;
    }

    <E extends Enum<E>, V> TreeMap<E, V> enumMap(EnumNames<E> names, Reader<V> reader) {
        startObject();
        TreeMap<E, V> map = TreeMap.empty();
        for (String key; (key = nextField()) != null; ) {
            E constant = names.parse(key);
            if (constant == null) {
                throw error("unknown key " + JsonPath.quote(key) + "; expected one of " + names.choices());
            }
            map = map.put(constant, reader.read(this));
        }
        return map;
    }

    // Errors

    /** An error about the value the parser is on (or, at an object's end, about that object). */
    CodecException error(String detail) {
        return new CodecException(path(), detail);
    }

    /** The JSON path of the value the parser is on. */
    String path() {
        return JsonPath.of(base, p.streamReadContext());
    }

    private CodecException missing(String field) {
        return new CodecException(JsonPath.field(path(), field), "missing required field");
    }

    private void expect(JsonToken token, String what) {
        if (p.currentToken() != token) {
            throw error("expected " + what + ", got " + describe(p.currentToken()));
        }
    }

    private JsonToken advance() {
        JsonToken t = p.nextToken();
        if (t == null) {
            throw error("unexpected end of input");
        }
        return t;
    }

    private static String describe(JsonToken t) {
        if (t == null) {
            return "end of input";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT -> "an integer";
            case VALUE_NUMBER_FLOAT -> "a decimal number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            case END_OBJECT, END_ARRAY, PROPERTY_NAME, VALUE_EMBEDDED_OBJECT, NOT_AVAILABLE -> "token " + t;
        };
    }

    private static String describe(JacksonException e) {
        String message = e.getOriginalMessage();
        TokenStreamLocation location = e.getLocation();
        if (location != null && location.getLineNr() > 0) {
            message += " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
        }
        return "invalid JSON: " + message;
    }
}
