package dev.turnstile.cli.journal;

import dev.turnstile.cli.live.Text;
import dev.turnstile.machine.Delivery;
import dev.turnstile.machine.Effect;
import dev.turnstile.machine.EffectId;
import dev.turnstile.machine.Input;
import dev.turnstile.model.ToolCall;
import io.vavr.collection.Vector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One-line descriptions of journaled inputs and of a step's effects, for {@code inspect}. */
public final class Summaries {

    private static final int TEXT_SHOWN = 72;

    private Summaries() {}

    /**
     * What an input says.
     *
     * @param toolNames the tool each earlier {@code run_tool} effect ran, to name tool results
     */
    public static String input(Input input, Map<EffectId, String> toolNames) {
        return switch (input) {
            case Input.UserMessageReceived i -> "user message: " + Text.quoted(i.text(), TEXT_SHOWN)
                    + (i.delivery() == Delivery.AFTER_TURN ? " (after the turn)" : "");
            case Input.ModelReplied i -> "model reply to " + i.effectId() + ": "
                    + (i.reply().message().text().isEmpty() ? "(no text)" : Text.quoted(i.reply().message().text(),
                    TEXT_SHOWN)) + toolCalls(i.reply().message().toolCalls()) + " · tokens in "
                    + i.reply().usage().inputTokens() + " / out " + i.reply().usage().outputTokens();
            case Input.ModelFailed i -> "model call " + i.effectId() + " failed (" + lower(i.kind().name()) + "): "
                    + Text.oneLine(i.message(), TEXT_SHOWN);
            case Input.ToolSucceeded i -> "tool result " + i.effectId() + tool(toolNames, i.effectId()) + ": "
                    + Text.quoted(i.output(), TEXT_SHOWN);
            case Input.ToolFailed i -> "tool error " + i.effectId() + tool(toolNames, i.effectId()) + " ("
                    + lower(i.kind().name()) + "): " + Text.oneLine(i.message(), TEXT_SHOWN);
            case Input.ApprovalDecided i -> "approval " + i.approvalId() + ": " + lower(i.decision().name())
                    + (i.principal().isEmpty() ? "" : " by " + i.principal())
                    + (i.reason().isEmpty() ? "" : ": " + Text.oneLine(i.reason(), TEXT_SHOWN));
            case Input.BudgetChecked i -> "budget check " + i.effectId() + ": " + lower(i.verdict().name());
            case Input.CancelRequested i -> "cancel requested: " + Text.oneLine(i.reason(), TEXT_SHOWN);
            case Input.TimeAdvanced i -> "time advanced";
            case Input.Recovered i -> "recovered after a crash";
        };
    }

    /** What a step's effects do: commands first, then the events it emitted. */
    public static String effects(Vector<Effect> effects) {
        List<String> parts = new ArrayList<>();
        List<String> events = new ArrayList<>();
        for (Effect effect : effects) {
            switch (effect) {
                case Effect.CallModel c -> parts.add("call_model " + c.id() + (c.attempt() > 1 ? " (attempt "
                        + c.attempt() + ")" : ""));
                case Effect.RunTool r -> parts.add("run_tool " + r.id() + " " + r.call().name());
                case Effect.Abandon a -> parts.add("abandon " + a.id() + " (" + Text.oneLine(a.reason(), 40) + ")");
                case Effect.RequestApproval r -> parts.add("request_approval " + r.approvalId() + " " + r.call().name());
                case Effect.CheckBudget b -> parts.add("check_budget " + b.id());
                case Effect.SaveCheckpoint s -> parts.add("checkpoint");
                case Effect.Emit e -> events.add(e.event().getClass().getSimpleName());
            }
        }
        if (!events.isEmpty()) {
            parts.add("events " + String.join(", ", events));
        }
        return parts.isEmpty() ? "(none)" : String.join(" · ", parts);
    }

    private static String toolCalls(Vector<ToolCall> calls) {
        if (calls.isEmpty()) {
            return "";
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (ToolCall call : calls) {
            counts.merge(call.name(), 1, Integer::sum);
        }
        List<String> names = new ArrayList<>();
        counts.forEach((name, n) -> names.add(n == 1 ? name : name + " ×" + n));
        return " + tool calls " + String.join(", ", names);
    }

    private static String tool(Map<EffectId, String> toolNames, EffectId id) {
        String name = toolNames.get(id);
        return name == null ? "" : " (" + name + ")";
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
