package dev.turnstile.replay;

import dev.turnstile.codec.CodecException;
import dev.turnstile.codec.MachineCodec;
import dev.turnstile.model.Json;
import io.vavr.collection.Vector;
import tools.jackson.databind.JsonNode;

/**
 * JSON form of a {@link JournalRecord}: {@code {"input":{…},"effects":["call_model e1 3fa2…",…]}},
 * the input in the codec's format (see machine/README.md) and the effect signatures as strings.
 */
public final class JournalRecords {

    private JournalRecords() {}

    /** The record's JSON text (one line, no newline). */
    public static String encode(JournalRecord record) {
        StringBuilder out = new StringBuilder(256);
        out.append("{\"input\":").append(MachineCodec.encodeInput(record.input())).append(",\"effects\":[");
        for (int i = 0; i < record.effects().size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(Json.string(record.effects().get(i)).text());
        }
        return out.append("]}").toString();
    }

    /**
     * Parses a record.
     *
     * @throws CodecException naming what is wrong when the text is not a record
     */
    public static JournalRecord decode(String json) {
        JsonNode node;
        try {
            node = Json.tree(json);
        } catch (Json.InvalidJsonException e) {
            throw new CodecException("$", "a journal record is not valid JSON: " + e.getMessage());
        }
        JsonNode input = node.get("input");
        JsonNode effects = node.get("effects");
        if (input == null || !input.isObject()) {
            throw new CodecException("$.input", "a journal record needs an input object");
        }
        if (effects == null || !effects.isArray()) {
            throw new CodecException("$.effects", "a journal record needs an effects array");
        }
        Vector<String> signatures = Vector.empty();
        for (int i = 0; i < effects.size(); i++) {
            if (!effects.get(i).isString()) {
                throw new CodecException("$.effects[" + i + "]", "an effect signature must be a string");
            }
            signatures = signatures.append(effects.get(i).asString());
        }
        return new JournalRecord(MachineCodec.decodeInput(input.toString()), signatures);
    }
}
