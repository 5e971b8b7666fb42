package dev.turnstile.netty.testing;

import dev.turnstile.host.BlockingTool;
import dev.turnstile.host.ToolInvocation;
import dev.turnstile.model.Json;
import dev.turnstile.model.ToolSpec;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;

/**
 * A blocking tool that adds two integers, records the threads it ran on, and can be held at a gate
 * until the test opens it (to pause a turn in the middle of a tool run).
 */
public final class AddTool implements BlockingTool {

    /** Its spec. */
    public static final ToolSpec SPEC = new ToolSpec("add", "Adds two integers.", Json.parse(
            "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\"},\"b\":{\"type\":\"integer\"}},"
                    + "\"required\":[\"a\",\"b\"]}"), true);

    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private volatile CompletableFuture<Void> gate = CompletableFuture.completedFuture(null);
    private final CompletableFuture<Void> entered = new CompletableFuture<>();

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public String run(ToolInvocation invocation) throws Exception {
        threads.add(Thread.currentThread());
        entered.complete(null);
        gate.get();
        JsonNode args = Json.tree(invocation.call().argumentsJson());
        return Long.toString(args.get("a").asLong() + args.get("b").asLong());
    }

    /** Makes later runs wait until {@link #open()}. */
    public void close() {
        gate = new CompletableFuture<>();
    }

    /** Lets waiting runs finish. */
    public void open() {
        gate.complete(null);
    }

    /** Completes when a run has started. */
    public CompletableFuture<Void> entered() {
        return entered;
    }

    /** The threads runs happened on. */
    public List<Thread> threads() {
        return List.copyOf(threads);
    }
}
