package dev.turnstile.cli.command;

import dev.turnstile.cli.journal.Summaries;
import dev.turnstile.codec.MachineCodec;
import dev.turnstile.replay.ReplayReport;
import java.util.Map;

/**
 * A replay divergence as {@code replay} prints it: the record and its input, then the recorded and the
 * current effect signatures line by line ({@code -} recorded, {@code +} now, unchanged lines indented),
 * and with {@code verbose} each differing current effect as codec JSON.
 */
final class DivergenceText {

    private DivergenceText() {}

    static String of(ReplayReport.Diverged d, boolean verbose) {
        StringBuilder out = new StringBuilder();
        out.append("first divergence at record ").append(d.sequence()).append(" (input ")
                .append(d.input().getClass().getSimpleName()).append(" at ").append(d.input().at()).append(")\n");
        out.append("  input: ").append(Summaries.input(d.input(), Map.of())).append('\n');
        int n = Math.max(d.expected().size(), d.actual().size());
        for (int i = 0; i < n; i++) {
            String recorded = i < d.expected().size() ? d.expected().get(i) : "(none)";
            String now = i < d.actual().size() ? d.actual().get(i) : "(none)";
            if (recorded.equals(now)) {
                out.append("    ").append(recorded).append('\n');
                continue;
            }
            out.append("  - ").append(recorded).append("   (recorded)\n");
            out.append("  + ").append(now).append("   (now)\n");
            if (verbose && i < d.actualEffects().size()) {
                out.append("      now: ").append(MachineCodec.encodeEffect(d.actualEffects().get(i))).append('\n');
            }
        }
        if (!verbose) {
            out.append("(--verbose prints the differing effects in full)\n");
        }
        return out.toString();
    }
}
