package dev.turnstile.conformance.crash;

import dev.turnstile.machine.Delivery;
import dev.turnstile.machine.MachineConfig;
import dev.turnstile.model.AssistantMessage;
import dev.turnstile.model.FinishReason;
import dev.turnstile.model.Message;
import dev.turnstile.model.ModelReply;
import dev.turnstile.model.ModelRequest;
import dev.turnstile.model.ToolCall;
import dev.turnstile.model.Usage;
import dev.turnstile.model.UserMessage;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.List;

/**
 * The world every child process of the crash test plays, shared with the parent that checks it.
 *
 * <p>Everything here is a function of the session id and of the request's transcript, never of how
 * many calls were made or of the time: a session resumed in a new process, whose model calls are
 * re-issued, gets exactly the replies it would have got without the crash.
 *
 * <ul>
 *   <li>Each store holds {@link #SESSIONS_PER_STORE} sessions that one child runs concurrently, so
 *       their appends share group-commit windows.
 *   <li>Each session's user sends six messages ({@link #userSteps}): turns started on an idle
 *       session, a message injected at the next round boundary, messages queued after the turn,
 *       half of them with idempotency keys.
 *   <li>The model asks for three rounds of tools after a "task" message and one round after a
 *       "note", 1 to 3 calls per round mixing the two tools, then answers with text.
 * </ul>
 */
final class CrashScript {

    /** Model name in the config and in every reply. */
    static final String MODEL = "scripted-crash-model";
    /** The non-idempotent tool: appends its idempotency key to {@link #CHARGE_LEDGER}. */
    static final String CHARGE = "charge";
    /** The idempotent tool: appends its idempotency key to {@link #LOOKUP_LEDGER}. */
    static final String LOOKUP = "lookup";
    /** File name (in the store's ledger folder) of the side effects of {@link #CHARGE}. */
    static final String CHARGE_LEDGER = "charge.ledger";
    /** File name (in the store's ledger folder) of the side effects of {@link #LOOKUP}. */
    static final String LOOKUP_LEDGER = "lookup.ledger";
    /** Sessions run concurrently by every child of one store. */
    static final int SESSIONS_PER_STORE = 2;
    /**
     * A low estimate of the progress lines (ACK, RAN, TURN) a session prints from start to end (about
     * 35 without crashes): kill instants are spread over it, and a low estimate rarely draws one too late.
     */
    static final int PROGRESS_LINES_PER_SESSION = 30;

    private static final int TASK_ROUNDS = 3;
    private static final int NOTE_ROUNDS = 1;

    /**
     * One message the scripted user sends.
     *
     * @param index position in the script, printed in ACK lines
     * @param whenIdle sent only once the session is idle, so it starts a turn of its own
     */
    record UserStep(int index, String text, Delivery delivery, Option<String> key, boolean whenIdle) {}

    private CrashScript() {}

    /** The session ids of store number {@code store}. */
    static List<String> sessionIds(int store) {
        return List.of("store" + store + "-a", "store" + store + "-b");
    }

    /** The messages the user of {@code sessionId} sends, in order. */
    static List<UserStep> userSteps(String sessionId) {
        return List.of(
                new UserStep(0, "task A of " + sessionId, Delivery.NEXT_BOUNDARY, Option.none(), true),
                new UserStep(1, "note B of " + sessionId, Delivery.NEXT_BOUNDARY, Option.some(sessionId + "-B"), false),
                new UserStep(2, "task C of " + sessionId, Delivery.AFTER_TURN, Option.some(sessionId + "-C"), false),
                new UserStep(3, "task D of " + sessionId, Delivery.NEXT_BOUNDARY, Option.none(), true),
                new UserStep(4, "note E of " + sessionId, Delivery.AFTER_TURN, Option.none(), false),
                new UserStep(5, "task F of " + sessionId, Delivery.NEXT_BOUNDARY, Option.some(sessionId + "-F"), true));
    }

    /** Every session's config: the registered tools are offered (none listed here). */
    static MachineConfig config() {
        return MachineConfig.builder(MODEL).maxParallelTools(3).build();
    }

    /** What a successful {@link #CHARGE} run returns. */
    static String chargeOutput(String idempotencyKey) {
        return "charged " + idempotencyKey;
    }

    /** What a successful {@link #LOOKUP} run returns. */
    static String lookupOutput(String idempotencyKey) {
        return "found " + idempotencyKey;
    }

    /** The model's reply to {@code request}, decided by its transcript alone. */
    static ModelReply reply(ModelRequest request) {
        Vector<Message> messages = request.messages();
        int lastUser = messages.lastIndexWhere(m -> m instanceof UserMessage);
        String userText = ((UserMessage) messages.get(lastUser)).text();
        int roundsDone = messages.drop(lastUser + 1)
                .count(m -> m instanceof AssistantMessage a && a.hasToolCalls());
        int rounds = userText.startsWith("task") ? TASK_ROUNDS : NOTE_ROUNDS;
        Usage usage = Usage.of(10L * messages.size(), 5);
        if (roundsDone >= rounds) {
            return new ModelReply(AssistantMessage.text("done: " + userText), usage, FinishReason.END_TURN, MODEL);
        }
        long h = mix(userText.hashCode() * 31L + roundsDone);
        int calls = 1 + (int) Long.remainderUnsigned(h, 3);
        Vector<ToolCall> toolCalls = Vector.range(0, calls).map(i -> new ToolCall(
                "call_" + messages.size() + "_" + i,
                ((h >>> (8 + i)) & 1) == 0 ? CHARGE : LOOKUP,
                "{\"n\":" + (messages.size() * 10 + i) + "}"));
        return new ModelReply(new AssistantMessage("", toolCalls), usage, FinishReason.TOOL_CALLS, MODEL);
    }

    /** SplitMix64's finalizer: spreads a seed's bits. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
