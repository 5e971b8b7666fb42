package dev.turnstile.machine;

import io.vavr.collection.TreeMap;
import io.vavr.control.Option;

/** Tool-call limits per turn and per tool: a call over a limit is answered with an error, the turn goes on. */
final class Limits {

    private Limits() {}

    static Option<String> overLimit(MachineConfig config, TreeMap<String, Integer> requested, String toolName) {
        int total = requested.values().fold(0, Integer::sum);
        if (total >= config.maxToolCallsPerTurn()) {
            return Option.some("not run: the limit of " + config.maxToolCallsPerTurn()
                    + " tool calls per turn was reached");
        }
        Option<Integer> perTool = config.maxCallsPerTool().get(toolName);
        int used = requested.get(toolName).getOrElse(0);
        if (perTool.exists(limit -> used >= limit)) {
            return Option.some("not run: the limit of " + perTool.get() + " calls of \"" + toolName
                    + "\" per turn was reached");
        }
        return Option.none();
    }
}
