package dev.turnstile.benchmarks.sidebyside;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one task every contender runs, with the same scripted model decisions and the same tools.
 *
 * <p>One user turn of {@value #ROUNDS} model rounds. Rounds 1 to 4 ask for {@code add(k, 1)}, where
 * {@code k} is the previous add's result (0 at first); round 2 also asks for {@code lookup("k2")} in
 * the same message (two parallel calls). Round 5 answers with text built from the results:
 * {@value #ANSWER}. Each contender translates its own message types into the three facts the script
 * needs (which round, the last add result, the lookup result) by scanning the turn's messages from the
 * end, so the model's work is the same everywhere and proportional to the turn, not the session.
 *
 * <p>The tools count their runs; {@link #expectRuns} fails the measurement when a contender ran them
 * any other number of times than the script asks for.
 */
public final class Script {

    /** Model rounds per turn. */
    public static final int ROUNDS = 5;
    /** Tool calls per turn: four adds and one lookup. */
    public static final int ADDS_PER_TURN = 4;
    /** Lookups per turn. */
    public static final int LOOKUPS_PER_TURN = 1;
    /** What the user asks. */
    public static final String USER_MESSAGE = "Start k at 0, add 1 to it four times, and look up k2.";
    /** The final answer when every tool ran and every result reached the model. */
    public static final String ANSWER = "k=4, k2=v2";

    private static final AtomicLong ADDS = new AtomicLong();
    private static final AtomicLong LOOKUPS = new AtomicLong();

    private Script() {}

    /** A tool call the model asks for. */
    public record Call(String id, String name, String argumentsJson) {}

    /** A model reply: tool calls, or, when there are none, the text. */
    public record Reply(List<Call> calls, String text) {
        /** Whether the model asked for tools. */
        public boolean hasCalls() {
            return !calls.isEmpty();
        }
    }

    /**
     * The model's reply.
     *
     * @param round 1-based: assistant messages since the user's message, plus one
     * @param lastAdd the output of the latest {@code add}, or null before the first
     * @param lookup the output of {@code lookup}, or null before it ran
     */
    public static Reply reply(int round, String lastAdd, String lookup) {
        if (round < 1 || round > ROUNDS) {
            throw new IllegalStateException("the script has no round " + round);
        }
        if (round == ROUNDS) {
            return new Reply(List.of(), "k=" + lastAdd + ", k2=" + lookup);
        }
        long k = lastAdd == null ? 0 : Long.parseLong(lastAdd.trim());
        Call add = new Call("call_" + round + "_1", "add", "{\"a\":" + k + ",\"b\":1}");
        return round == 2
                ? new Reply(List.of(add, new Call("call_2_2", "lookup", "{\"key\":\"k2\"}")), "")
                : new Reply(List.of(add), "");
    }

    /** The {@code add} tool. */
    public static long add(long a, long b) {
        ADDS.incrementAndGet();
        return a + b;
    }

    /** The {@code lookup} tool. */
    public static String lookup(String key) {
        LOOKUPS.incrementAndGet();
        return "v" + key.substring(1);
    }

    /** Tool runs so far: {adds, lookups}. */
    public static long[] runs() {
        return new long[] {ADDS.get(), LOOKUPS.get()};
    }

    /** Fails unless the tools ran exactly as often as {@code turns} turns ask for. */
    public static void expectRuns(long turns) {
        long adds = ADDS.get();
        long lookups = LOOKUPS.get();
        if (adds != turns * ADDS_PER_TURN || lookups != turns * LOOKUPS_PER_TURN) {
            throw new IllegalStateException("tools ran " + adds + " adds and " + lookups + " lookups in " + turns
                    + " turns; the script asks for " + turns * ADDS_PER_TURN + " and " + turns * LOOKUPS_PER_TURN);
        }
    }

    /** Fails unless {@code answer} is the scripted final answer. */
    public static void expectAnswer(String answer) {
        if (!ANSWER.equals(answer)) {
            throw new IllegalStateException("the turn answered \"" + answer + "\", expected \"" + ANSWER + "\"");
        }
    }
}
