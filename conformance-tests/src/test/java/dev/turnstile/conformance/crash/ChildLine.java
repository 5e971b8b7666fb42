package dev.turnstile.conformance.crash;

import java.util.List;
import java.util.Optional;

/**
 * One line a {@link CrashChild} prints on standard output: a kind and space-separated fields.
 * Lines of any other shape (a JVM warning, say) are not protocol lines and are ignored.
 *
 * <pre>
 * START &lt;pid&gt;                          main started, before the store is opened
 * READY &lt;session&gt; opened|resumed       the session is open (resumed: journal replayed, Recovered queued)
 * ACK &lt;session&gt; &lt;seq&gt; &lt;step&gt;          session.send(...) of script step &lt;step&gt; completed: durable at &lt;seq&gt;
 * RAN &lt;tool&gt; &lt;key&gt;                    a tool appended &lt;key&gt; to its ledger (forced)
 * TURN &lt;session&gt; &lt;turn&gt; &lt;outcome&gt;     a turn finished
 * DONE &lt;session&gt; &lt;digest&gt;             the session's script is done and it is idle; digest of its state
 * EXIT                                 every session done, runtime closed; exit code 0 follows
 * FAIL &lt;what&gt;                          the child failed; exit code 2 follows
 * </pre>
 */
record ChildLine(String kind, List<String> fields) {

    static final String START = "START";
    static final String READY = "READY";
    static final String ACK = "ACK";
    static final String RAN = "RAN";
    static final String TURN = "TURN";
    static final String DONE = "DONE";
    static final String EXIT = "EXIT";
    static final String FAIL = "FAIL";

    private static final List<String> KINDS = List.of(START, READY, ACK, RAN, TURN, DONE, EXIT, FAIL);

    /** The line as a protocol line, or empty when it is not one. */
    static Optional<ChildLine> parse(String text) {
        String[] parts = text.strip().split(" ");
        if (parts.length == 0 || !KINDS.contains(parts[0])) {
            return Optional.empty();
        }
        return Optional.of(new ChildLine(parts[0], List.of(parts).subList(1, parts.length)));
    }

    /** Whether the line marks progress of a session (what kill instants are counted in). */
    boolean isProgress() {
        return kind.equals(ACK) || kind.equals(RAN) || kind.equals(TURN);
    }

    /** Field {@code i} (0-based, after the kind). */
    String field(int i) {
        return fields.get(i);
    }
}
