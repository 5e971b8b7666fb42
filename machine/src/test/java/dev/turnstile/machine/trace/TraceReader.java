package dev.turnstile.machine.trace;

import dev.turnstile.codec.JournalHeader;
import dev.turnstile.codec.MachineCodec;
import dev.turnstile.machine.Input;
import io.vavr.collection.Vector;
import tools.jackson.databind.JsonNode;

/** Reads the JSON Lines written by {@link TraceWriter}; errors name the line. */
public final class TraceReader {

    private TraceReader() {}

    /** The trace in {@code jsonl}; throws {@link IllegalArgumentException} naming the line at fault. */
    public static Trace read(String jsonl) {
        Vector<String> lines = Vector.of(jsonl.split("\n")).filter(l -> !l.isBlank());
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("empty trace: expected a header line");
        }
        JsonNode header = parse(lines.head(), 1);
        if (!Trace.FORMAT.equals(header.path("format").asString(""))) {
            throw new IllegalArgumentException("line 1: not a " + Trace.FORMAT + " header: " + lines.head());
        }
        JournalHeader journal = MachineCodec.decodeHeader(TraceJson.text(header.get("header")));
        Vector<Trace.Step> steps = Vector.empty();
        for (int i = 1; i < lines.size(); i++) {
            steps = steps.append(step(parse(lines.get(i), i + 1), i + 1));
        }
        return new Trace(header.path("scenario").asString(""), journal, steps);
    }

    private static Trace.Step step(JsonNode line, int lineNumber) {
        try {
            Input input = MachineCodec.decodeInput(TraceJson.text(line.get("input")));
            Vector<String> transitions = Vector.ofAll(line.get("transitions").valueStream().map(JsonNode::asString).toList());
            return new Trace.Step(line.get("seq").asInt(), input, transitions, TraceJson.text(line.get("effects")),
                    TraceJson.text(line.get("wake")), line.get("state_digest").asString());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("line " + lineNumber + ": not a trace step: " + e.getMessage(), e);
        }
    }

    private static JsonNode parse(String line, int lineNumber) {
        try {
            return TraceJson.tree(line);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("line " + lineNumber + ": not JSON: " + e.getMessage(), e);
        }
    }
}
