package dev.turnstile.cli.journal;

import dev.turnstile.cli.live.Text;
import dev.turnstile.codec.JournalHeader;
import dev.turnstile.machine.Effect;
import dev.turnstile.machine.EffectId;
import dev.turnstile.machine.SessionState;
import dev.turnstile.model.ToolSpec;
import java.io.PrintStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.TreeMap;

/** The human-readable timeline {@code inspect} prints: a header, then three lines per record. */
public final class TimelineText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private TimelineText() {}

    /** Prints the journal's timeline. */
    public static void print(LoadedJournal journal, List<TimelineRow> rows, PrintStream out) {
        JournalHeader h = journal.header();
        out.println("journal   " + journal.file() + " (" + rows.size() + " records, " + Text.bytes(journal.bytes())
                + (journal.tornTail() ? ", torn last line ignored" : "") + ")");
        out.println("session   " + h.sessionId() + " · started " + h.startedAt() + " · seed " + h.seed()
                + " · written by " + h.machineVersion());
        out.println("model     " + h.config().model() + " · tools "
                + (h.config().tools().isEmpty() ? "(none)" : h.config().tools().map(ToolSpec::name).mkString(", "))
                + " · max " + h.config().maxRounds() + " rounds");
        out.println("times are UTC; effects are what this build's machine returns for each input");
        TreeMap<EffectId, String> toolNames = new TreeMap<>();
        for (TimelineRow row : rows) {
            out.println();
            out.println(String.format("#%-4d %s  %s", row.sequence(), TIME.format(row.input().at()),
                    Summaries.input(row.input(), toolNames)));
            out.println("      effects  " + Summaries.effects(row.effects()));
            SessionState s = row.after();
            out.println("      after    " + Text.snakeCase(s.phase().getClass().getSimpleName()) + " · turn "
                    + s.turn() + " · tokens so far in " + s.sessionMeter().usage().inputTokens() + " / out "
                    + s.sessionMeter().usage().outputTokens());
            if (row.diverged()) {
                out.println("      ! DIVERGED  recorded: " + String.join(" | ", row.recorded()));
                out.println("                  now:      " + String.join(" | ",
                        dev.turnstile.replay.EffectSignatures.of(row.effects())));
            }
            for (Effect effect : row.effects()) {
                if (effect instanceof Effect.RunTool run) {
                    toolNames.put(run.id(), run.call().name());
                }
            }
        }
        long diverged = rows.stream().filter(TimelineRow::diverged).count();
        out.println();
        out.println(diverged == 0 ? "every step matches its recorded effects"
                : diverged + " step(s) differ from their recorded effects; see 'turnstile replay' for the first diff");
    }
}
