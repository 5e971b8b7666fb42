package dev.turnstile.conformance.sim;

import dev.turnstile.codec.JournalHeader;
import dev.turnstile.codec.MachineCodec;
import dev.turnstile.machine.Input;
import dev.turnstile.machine.MachineConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Simulator traces as JSON Lines, ready to commit as regression tests: the first line is a journal
 * header ({@link JournalHeader}: session id, seed, start instant, labels and the whole config) with
 * an extra {@code "simulator"} object (simulator seed, the rule broken, the original trace size);
 * every further line is one input in {@link MachineCodec}'s format. Because the header carries the
 * config, a trace replays without the simulator that produced it.
 */
public final class TraceFile {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private TraceFile() {}

    /**
     * A parsed trace.
     *
     * @param header the session's start and config
     * @param simulator the simulator's notes: {@code seed}, {@code violation}, {@code original_inputs}
     * @param inputs the inputs, in order
     */
    public record Trace(JournalHeader header, JsonNode simulator, List<Input> inputs) {
        /** Validates fields and freezes the list. */
        public Trace {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(simulator, "simulator");
            inputs = List.copyOf(inputs);
        }

        /** The session's start. */
        public SessionStart start() {
            return new SessionStart(header.sessionId(), header.seed(), header.startedAt(), header.labels());
        }

        /** The session's config. */
        public MachineConfig config() {
            return header.config();
        }

        /** The key of the rule the trace was recorded for breaking, if any. */
        public Optional<String> violationKey() {
            JsonNode key = simulator.path("violation").path("key");
            return key.isString() ? Optional.of(key.asString()) : Optional.empty();
        }
    }

    /** The trace text of {@code inputs} for a session of {@code failed}'s seed, config and start. */
    public static String render(SimulationResult session, List<Input> inputs, Optional<Violation> violation) {
        SessionStart start = session.start();
        JournalHeader header = JournalHeader.of(start.sessionId(), start.machineSeed(), start.at(), start.labels(),
                session.config(), "turnstile-simulator");
        ObjectNode notes = MAPPER.createObjectNode();
        notes.put("seed", session.seed());
        notes.put("original_inputs", session.inputs().size());
        violation.ifPresent(v -> notes.putObject("violation").put("key", v.key()).put("invariant", v.invariant().name())
                .put("step", v.stepIndex()).put("detail", v.detail()));
        String headerJson = MachineCodec.encodeHeader(header);
        StringBuilder out = new StringBuilder();
        out.append(headerJson, 0, headerJson.length() - 1).append(",\"simulator\":")
                .append(MAPPER.writeValueAsString(notes)).append("}\n");
        for (Input input : inputs) {
            out.append(MachineCodec.encodeInput(input)).append('\n');
        }
        return out.toString();
    }

    /**
     * Writes the shrunk trace of a failed session to {@code directory}, named after its seed and
     * rule, and returns the file.
     */
    public static Path write(Path directory, SimulationResult failed, Shrinker.ShrinkResult shrunk) {
        String rule = shrunk.violation().key().replaceAll("[^A-Za-z0-9_]+", "_");
        Path file = directory.resolve("sim-" + Long.toHexString(failed.seed()) + "-"
                + rule.substring(0, Math.min(rule.length(), 60)) + ".jsonl");
        try {
            Files.createDirectories(directory);
            Files.writeString(file, render(failed, shrunk.inputs(), Optional.of(shrunk.violation())),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write trace " + file, e);
        }
        return file;
    }

    /** Parses trace text. */
    public static Trace parse(String text) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a trace needs at least its header line");
        }
        JournalHeader header = MachineCodec.decodeHeader(lines.get(0));
        JsonNode simulator = MAPPER.readTree(lines.get(0)).path("simulator");
        List<Input> inputs = new ArrayList<>(lines.size() - 1);
        for (int i = 1; i < lines.size(); i++) {
            inputs.add(MachineCodec.decodeInput(lines.get(i)));
        }
        return new Trace(header, simulator, inputs);
    }

    /** Reads a trace file. */
    public static Trace read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read trace " + file, e);
        }
    }
}
