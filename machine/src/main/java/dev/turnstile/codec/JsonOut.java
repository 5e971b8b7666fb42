package dev.turnstile.codec;

import dev.turnstile.machine.EffectId;
import dev.turnstile.model.Json;
import io.vavr.Tuple2;
import io.vavr.collection.Traversable;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.function.Function;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.util.JsonGeneratorDelegate;

/**
 * Writes the codec's format on a Jackson generator: one call per field, in the order the caller
 * makes them, so the output is byte-identical for equal values. Options that are none are omitted.
 */
final class JsonOut {

    /** Writes one complete JSON value (an object, an array or a scalar) for {@code value}. */
    @FunctionalInterface
    interface Writer<T> {
        /** Writes {@code value} on {@code out}. */
        void write(JsonOut out, T value);
    }

    private final JsonGenerator g;

    JsonOut(JsonGenerator g) {
        this.g = g;
    }

    void startObject() {
        g.writeStartObject();
    }

    void endObject() {
        g.writeEndObject();
    }

    /** Starts an object of a sealed hierarchy: its {@code "type"} tag is always the first field. */
    void startObject(String type) {
        g.writeStartObject();
        g.writeName("type");
        g.writeString(type);
    }

    void string(String name, String value) {
        g.writeName(name);
        g.writeString(value);
    }

    void int32(String name, int value) {
        g.writeName(name);
        g.writeNumber(value);
    }

    void int64(String name, long value) {
        g.writeName(name);
        g.writeNumber(value);
    }

    void bool(String name, boolean value) {
        g.writeName(name);
        g.writeBoolean(value);
    }

    void instant(String name, Instant value) {
        string(name, value.toString());
    }

    void effectId(String name, EffectId value) {
        int64(name, value.value());
    }

    <E extends Enum<E>> void enumeration(String name, EnumNames<E> names, E value) {
        string(name, names.name(value));
    }

    /**
     * An embedded JSON value, written as JSON (not as a string holding JSON). Its canonical text is
     * copied as it is, unless it holds an unpaired surrogate: then it is re-written through the
     * generator, so that string values get escaped as everywhere else and keys well-formed.
     */
    void json(String name, Json value) {
        g.writeName(name);
        String text = value.text();
        if (Utf16.isWellFormed(text)) {
            g.writeRawValue(text);
        } else {
            CodecJson.TREES.writeTree(new WellFormedNames(g), Json.tree(text));
        }
    }

    /** Writes object keys with unpaired surrogates replaced, as {@link #map} does. */
    private static final class WellFormedNames extends JsonGeneratorDelegate {
        WellFormedNames(JsonGenerator g) {
            super(g, false);
        }

        @Override
        public JsonGenerator writeName(String name) {
            return super.writeName(Utf16.wellFormed(name));
        }
    }

    <T> void object(String name, T value, Writer<T> writer) {
        g.writeName(name);
        writer.write(this, value);
    }

    <T> void array(String name, Traversable<T> values, Writer<T> writer) {
        g.writeName(name);
        array(values, writer);
    }

    <T> void array(Traversable<T> values, Writer<T> writer) {
        g.writeStartArray();
        for (T value : values) {
            writer.write(this, value);
        }
        g.writeEndArray();
    }

    /** A map as an object, keys in the map's order; keys are made well-formed (see {@link Utf16#wellFormed}). */
    <K, V> void map(String name, TreeMap<K, V> map, Function<K, String> key, Writer<V> writer) {
        g.writeName(name);
        g.writeStartObject();
        for (Tuple2<K, V> entry : map) {
            g.writeName(Utf16.wellFormed(key.apply(entry._1)));
            writer.write(this, entry._2);
        }
        g.writeEndObject();
    }

    <T> void option(String name, Option<T> value, Writer<T> writer) {
        if (value.isDefined()) {
            g.writeName(name);
            writer.write(this, value.get());
        }
    }

    // Scalar values, for arrays, maps and options.

    void stringValue(String value) {
        g.writeString(value);
    }

    void int32Value(int value) {
        g.writeNumber(value);
    }

    void int64Value(long value) {
        g.writeNumber(value);
    }

    /** A double; not-a-number and the infinities are written as the strings Jackson uses for them. */
    void float64Value(double value) {
        g.writeNumber(value);
    }

    void instantValue(Instant value) {
        g.writeString(value.toString());
    }

    void effectIdValue(EffectId value) {
        g.writeNumber(value.value());
    }
}
