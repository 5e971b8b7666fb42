package dev.turnstile.cli.journal;

import dev.turnstile.cli.live.Text;
import dev.turnstile.codec.MachineCodec;
import dev.turnstile.machine.SessionState;
import dev.turnstile.replay.EffectSignatures;
import java.io.PrintStream;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code inspect --json}: JSON Lines, first {@code {"kind":"header",…}} with the journal header as the
 * codec writes it, then one {@code {"kind":"record",…}} per record with the input (codec format), the
 * recorded and current effect signatures, the phase after the step and the session's usage so far.
 */
public final class TimelineJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TimelineJson() {}

    /** Prints the journal's timeline as JSON Lines. */
    public static void print(LoadedJournal journal, List<TimelineRow> rows, PrintStream out) {
        ObjectNode head = JSON.createObjectNode();
        head.put("kind", "header");
        head.put("file", journal.file().toString());
        head.put("bytes", journal.bytes());
        head.put("records", rows.size());
        head.put("torn_tail", journal.tornTail());
        head.set("header", JSON.readTree(MachineCodec.encodeHeader(journal.header())));
        out.println(head);
        for (TimelineRow row : rows) {
            ObjectNode line = JSON.createObjectNode();
            line.put("kind", "record");
            line.put("seq", row.sequence());
            line.put("at", row.input().at().toString());
            line.set("input", JSON.readTree(MachineCodec.encodeInput(row.input())));
            ArrayNode recorded = line.putArray("effects");
            row.recorded().forEach(recorded::add);
            line.put("diverged", row.diverged());
            if (row.diverged()) {
                ArrayNode now = line.putArray("effects_now");
                EffectSignatures.of(row.effects()).forEach(now::add);
            }
            SessionState s = row.after();
            line.put("phase_after", Text.snakeCase(s.phase().getClass().getSimpleName()));
            line.put("turn", s.turn());
            ObjectNode usage = line.putObject("usage_so_far");
            usage.put("input_tokens", s.sessionMeter().usage().inputTokens());
            usage.put("output_tokens", s.sessionMeter().usage().outputTokens());
            out.println(line);
        }
        out.flush();
    }
}
