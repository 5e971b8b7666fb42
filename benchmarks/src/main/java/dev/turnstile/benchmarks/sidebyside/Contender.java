package dev.turnstile.benchmarks.sidebyside;

/**
 * One way of running the {@link Script}'s task: a library configured as its documentation shows,
 * or the hand-written floor. Used from one thread.
 */
public interface Contender extends AutoCloseable {

    /** Runs one user turn in a new session {@code sessionId} and returns the final answer text. */
    String runTurn(String sessionId) throws Exception;

    /** Drops a finished session and whatever the contender keeps for it (CPU runs do, heap runs don't). */
    void forget(String sessionId) throws Exception;

    /** Releases what the contender holds (threads, files); nothing by default. */
    @Override
    default void close() {}

    /** A contender by its command-line name. */
    static Contender named(String name) throws Exception {
        return switch (name) {
            case "plain" -> new PlainLoop();
            case "langchain4j" -> new LangChain4jAgent();
            case "langgraph4j" -> new LangGraph4jAgent();
            case "turnstile-memory" -> TurnstileAgent.inMemory();
            case "turnstile-file" -> TurnstileAgent.durable(false);
            case "turnstile-file-nofsync" -> TurnstileAgent.durable(true);
            default -> throw new IllegalArgumentException("unknown contender " + name
                    + " (plain, langchain4j, langgraph4j, turnstile-memory, turnstile-file, turnstile-file-nofsync)");
        };
    }
}
