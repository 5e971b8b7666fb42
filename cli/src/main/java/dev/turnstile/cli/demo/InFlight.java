package dev.turnstile.cli.demo;

import dev.turnstile.machine.EffectId;
import dev.turnstile.machine.Input;
import dev.turnstile.replay.JournalRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Which model calls and tool runs a journal shows as issued but not yet answered: what a crash at
 * that point interrupts. Read from the effect signatures ({@code call_model e7 …}).
 */
public final class InFlight {

    private InFlight() {}

    /** How many {@code kind} signatures ({@code call_model}, {@code run_tool}) the records hold. */
    public static long count(List<JournalRecord> records, String kind) {
        return records.stream().flatMap(r -> r.effects().toJavaStream()).filter(s -> s.startsWith(kind + " ")).count();
    }

    /** E.g. {@code model call e9} or {@code tool runs e5 (…), e6}; {@code nothing} when all were answered. */
    public static String describe(List<JournalRecord> records) {
        TreeMap<Long, String> open = new TreeMap<>();
        for (JournalRecord record : records) {
            if (record.input() instanceof Input.Recovered) {
                // Everything in flight before a crash is gone; the recovery step re-issues it under new ids.
                open.clear();
            }
            answered(record.input()).ifPresent(id -> open.remove(id.value()));
            for (String signature : record.effects()) {
                String[] parts = signature.split(" ");
                if (parts.length >= 2 && (parts[0].equals("call_model") || parts[0].equals("run_tool"))
                        && parts[1].startsWith("e")) {
                    open.put(Long.parseLong(parts[1].substring(1)), parts[0]);
                }
                if (parts.length >= 2 && parts[0].equals("abandon") && parts[1].startsWith("e")) {
                    open.remove(Long.parseLong(parts[1].substring(1)));
                }
            }
        }
        List<String> models = new ArrayList<>();
        List<String> tools = new ArrayList<>();
        open.forEach((id, kind) -> (kind.equals("call_model") ? models : tools).add("e" + id));
        List<String> parts = new ArrayList<>();
        if (!models.isEmpty()) {
            parts.add((models.size() == 1 ? "model call " : "model calls ") + String.join(", ", models));
        }
        if (!tools.isEmpty()) {
            parts.add((tools.size() == 1 ? "tool run " : "tool runs ") + String.join(", ", tools));
        }
        return parts.isEmpty() ? "nothing" : String.join(" and ", parts);
    }

    private static java.util.Optional<EffectId> answered(Input input) {
        return switch (input) {
            case Input.ModelReplied i -> java.util.Optional.of(i.effectId());
            case Input.ModelFailed i -> java.util.Optional.of(i.effectId());
            case Input.ToolSucceeded i -> java.util.Optional.of(i.effectId());
            case Input.ToolFailed i -> java.util.Optional.of(i.effectId());
            case Input.UserMessageReceived i -> java.util.Optional.empty();
            case Input.ApprovalDecided i -> java.util.Optional.empty();
            case Input.BudgetChecked i -> java.util.Optional.empty();
            case Input.CancelRequested i -> java.util.Optional.empty();
            case Input.TimeAdvanced i -> java.util.Optional.empty();
            case Input.Recovered i -> java.util.Optional.empty();
        };
    }
}
