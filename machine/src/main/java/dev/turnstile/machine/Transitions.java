package dev.turnstile.machine;

import io.vavr.collection.LinkedHashSet;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import io.vavr.collection.Vector;
import java.util.Objects;

/**
 * The declared transition table: every (phase, trigger, next phase) the machine may take, as data.
 *
 * <p>The machine checks each transition it takes against this table and throws on an undeclared
 * one (a bug), the state diagram in {@code machine/docs/} is generated from it, and a test fails if
 * any row is never exercised. A step can take several transitions: deadlines that passed before an
 * input fire first (trigger {@code TimeAdvanced}), and when a turn ends with a message queued, the
 * next turn starts from {@code AwaitingUser} (trigger {@code UserMessageReceived}).
 *
 * <p>Rejected inputs are not transitions: they leave the phase as it is and emit
 * {@link Event.InputRejected}.
 */
public final class Transitions {

    /** One row: from a phase, on a trigger, to a phase, and why. */
    public record Row(String from, String trigger, String to, String why) {
        /** Validates fields. */
        public Row {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(trigger, "trigger");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(why, "why");
        }

        /** The row's identity without the explanation. */
        public String key() {
            return from + " --" + trigger + "--> " + to;
        }
    }

    static final String TIME_PASSED = "TimeAdvanced";

    private static final String U = "AwaitingUser";
    private static final String G = "AwaitingBudgetGuard";
    private static final String M = "AwaitingModel";
    private static final String B = "BackingOff";
    private static final String T = "AwaitingTools";
    private static final String A = "AwaitingApproval";

    private static final String USER = "UserMessageReceived";
    private static final String REPLY = "ModelReplied";
    private static final String FAIL = "ModelFailed";
    private static final String TOOL_OK = "ToolSucceeded";
    private static final String TOOL_FAIL = "ToolFailed";
    private static final String DECIDED = "ApprovalDecided";
    private static final String CHECKED = "BudgetChecked";
    private static final String CANCEL = "CancelRequested";
    private static final String TIME = TIME_PASSED;
    private static final String RECOVERED = "Recovered";

    /** The table, in reading order. */
    public static final Vector<Row> TABLE = Vector.of(
            new Row(U, USER, M, "a turn starts: the model is called"),
            new Row(U, USER, G, "a turn starts: the budget guard is asked first"),
            new Row(U, USER, U, "a turn starts and stops at once: a hard budget limit is already reached"),
            new Row(M, USER, M, "a message during a turn is queued"),
            new Row(G, USER, G, "a message during a turn is queued"),
            new Row(B, USER, B, "a message during a turn is queued"),
            new Row(T, USER, T, "a message during a turn is queued"),
            new Row(A, USER, A, "a message during a turn is queued"),

            new Row(M, REPLY, U, "the turn ends: a text answer, the output limit, or tools after the grace round"),
            new Row(M, REPLY, T, "the model asked for tools; some run"),
            new Row(M, REPLY, A, "the model asked for tools that all need approval"),
            new Row(M, REPLY, M, "every call was answered at once (invalid, denied, over a limit): next round"),
            new Row(M, REPLY, G, "every call was answered at once: next round, guard first"),

            new Row(M, FAIL, B, "a retryable failure: back off, then retry"),
            new Row(M, FAIL, U, "a fatal failure, context overflow, or retries exhausted: the turn stops"),

            new Row(T, TOOL_OK, T, "a result arrived; other calls still run"),
            new Row(T, TOOL_OK, A, "a result arrived; only approvals remain"),
            new Row(T, TOOL_OK, M, "the batch is complete: next round"),
            new Row(T, TOOL_OK, G, "the batch is complete: next round, guard first"),
            new Row(T, TOOL_OK, U, "the batch is complete but the next round is over budget, or a run is"),
            new Row(T, TOOL_FAIL, T, "a tool failed (told to the model); other calls still run"),
            new Row(T, TOOL_FAIL, A, "a tool failed; only approvals remain"),
            new Row(T, TOOL_FAIL, M, "a tool failed and the batch is complete: next round"),
            new Row(T, TOOL_FAIL, G, "a tool failed and the batch is complete: next round, guard first"),
            new Row(T, TOOL_FAIL, U, "a tool failed and policy ends the turn, or the next round is over budget"),

            new Row(A, DECIDED, A, "one of several pending approvals was decided"),
            new Row(A, DECIDED, T, "approved: the call runs"),
            new Row(A, DECIDED, M, "the last approval was denied: the batch is complete, next round"),
            new Row(A, DECIDED, G, "the last approval was denied: next round, guard first"),
            new Row(A, DECIDED, U, "decided, and the next run or round is over budget"),
            new Row(T, DECIDED, T, "an approval was decided while other calls run"),
            new Row(T, DECIDED, U, "approved, and the run is over budget"),

            new Row(G, CHECKED, M, "the guard allowed the model call"),
            new Row(G, CHECKED, U, "the guard denied the model call: the turn stops"),
            new Row(T, CHECKED, T, "the guard allowed a tool run"),
            new Row(T, CHECKED, U, "the guard denied a tool run: the turn stops"),

            new Row(U, CANCEL, U, "nothing to cancel"),
            new Row(G, CANCEL, U, "cancelled while waiting for the guard"),
            new Row(M, CANCEL, U, "cancelled during a model call"),
            new Row(B, CANCEL, U, "cancelled while backing off"),
            new Row(T, CANCEL, U, "cancelled while tools run"),
            new Row(A, CANCEL, U, "cancelled while waiting for approval"),

            new Row(U, TIME, U, "nothing is due"),
            new Row(G, TIME, G, "nothing is due"),
            new Row(G, TIME, U, "the guard did not answer in time (deny), or the turn's wall time ran out"),
            new Row(M, TIME, M, "nothing is due"),
            new Row(M, TIME, B, "the model call timed out: back off, then retry"),
            new Row(M, TIME, U, "the model call timed out and retries are exhausted, or wall time ran out"),
            new Row(B, TIME, B, "nothing is due"),
            new Row(B, TIME, M, "the backoff ended: retry"),
            new Row(B, TIME, G, "the backoff ended: retry, guard first"),
            new Row(B, TIME, U, "the backoff ended but the retry is over budget, or wall time ran out"),
            new Row(T, TIME, T, "nothing is due, or a tool timed out while others run"),
            new Row(T, TIME, A, "a tool timed out; only approvals remain"),
            new Row(T, TIME, M, "a tool timed out and the batch is complete: next round"),
            new Row(T, TIME, G, "a tool timed out and the batch is complete: next round, guard first"),
            new Row(T, TIME, U, "the guard timed out on a tool, or wall time ran out"),
            new Row(A, TIME, A, "nothing is due, or one of several approvals expired"),
            new Row(A, TIME, M, "the last approval expired (a denial): next round"),
            new Row(A, TIME, G, "the last approval expired: next round, guard first"),
            new Row(A, TIME, U, "wall time ran out while waiting for approval"),

            new Row(U, RECOVERED, U, "recovered while idle"),
            new Row(G, RECOVERED, G, "recovered: the guard is asked again"),
            new Row(M, RECOVERED, M, "recovered: the model call is issued again"),
            new Row(B, RECOVERED, B, "recovered while backing off: the wake retries"),
            new Row(T, RECOVERED, T, "recovered: idempotent tools re-run, others answered as interrupted"),
            new Row(T, RECOVERED, A, "recovered: interrupted runs answered, only approvals remain"),
            new Row(T, RECOVERED, M, "recovered: interrupted runs answered, the batch is complete"),
            // Found by the simulator (trace conformance-tests/src/test/resources/sim/
            // regression-recovery-completes-batch-guard-first.jsonl): recovery completes a batch like any
            // answer does, so it continues the same ways a tool result does.
            new Row(T, RECOVERED, G, "recovered: interrupted runs answered, the batch is complete, guard first"),
            new Row(T, RECOVERED, U, "recovered: interrupted runs answered, and the next run or round is over budget"),
            new Row(A, RECOVERED, A, "recovered: pending approvals announced again"));

    private static final LinkedHashSet<String> KEYS = LinkedHashSet.ofAll(TABLE.map(Row::key));

    // Rows indexed by from, trigger and to: the machine looks one up on every step, and building a key
    // string per row (as a scan would) was most of the cost of a step with nothing to do.
    private static final TreeMap<String, TreeMap<String, TreeMap<String, Row>>> INDEX = TABLE.foldLeft(TreeMap.empty(),
            (index, r) -> index.put(r.from(), index.get(r.from()).getOrElse(TreeMap.empty())
                    .put(r.trigger(), index.get(r.from()).flatMap(t -> t.get(r.trigger())).getOrElse(TreeMap.empty())
                            .put(r.to(), r))));

    private Transitions() {}

    /** The name of a phase as the table uses it. */
    public static String phaseName(Phase phase) {
        return phase.getClass().getSimpleName();
    }

    /** The name of an input kind as the table uses it. */
    public static String triggerName(Input input) {
        return input.getClass().getSimpleName();
    }

    /** Whether the table declares the transition. */
    public static boolean declares(String from, String trigger, String to) {
        return KEYS.contains(from + " --" + trigger + "--> " + to);
    }

    /** The declared row for a transition taken; throws when it is undeclared (a bug in the machine). */
    static Row row(String from, String trigger, String to) {
        Option<Row> row = INDEX.get(from).flatMap(t -> t.get(trigger)).flatMap(t -> t.get(to));
        Invariants.require(row.isDefined(), () -> "undeclared transition " + from + " --" + trigger + "--> " + to);
        return row.get();
    }
}
