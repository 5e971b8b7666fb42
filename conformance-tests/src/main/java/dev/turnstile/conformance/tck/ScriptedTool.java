package dev.turnstile.conformance.tck;

import dev.turnstile.host.Tool;
import dev.turnstile.host.ToolInvocation;
import dev.turnstile.model.Json;
import dev.turnstile.model.ToolSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A tool with scripted, deterministic behaviour. An <em>answering</em> tool completes inside
 * {@code invoke} with a function of the call; a <em>gated</em> tool completes only when the test
 * calls {@link #release} (or {@link #fail}), so the test decides in which order parallel runs finish.
 * Neither uses a thread of its own: the completion happens on the thread that invokes or releases it.
 *
 * <p>To force the order in which parallel runs finish, release them one at a time from one thread, and
 * only after {@link Observations#toolStarted} saw each one's {@code ToolCallStarted} event: a run
 * released while the runtime is still dispatching (between the invocation and its registering for the
 * completion) is taken in dispatch order instead.
 */
public final class ScriptedTool implements Tool {

    private final ToolSpec spec;
    private final Function<String, String> answer;
    private final boolean gated;
    private final TreeMap<String, CompletableFuture<String>> runs = new TreeMap<>();
    private final TreeMap<String, CompletableFuture<ToolInvocation>> started = new TreeMap<>();
    private final List<ToolInvocation> invocations = new ArrayList<>();
    private final List<String> cancelled = new ArrayList<>();

    private ScriptedTool(ToolSpec spec, Function<String, String> answer, boolean gated) {
        this.spec = spec;
        this.answer = answer;
        this.gated = gated;
    }

    /** A tool that answers at once with {@code answer} applied to the call's arguments JSON. */
    public static ScriptedTool answering(String name, Function<String, String> answer) {
        return new ScriptedTool(spec(name, false), Objects.requireNonNull(answer, "answer"), false);
    }

    /** A tool whose runs finish only when released by call id. */
    public static ScriptedTool gated(String name) {
        return new ScriptedTool(spec(name, false), args -> "", true);
    }

    /** The same tool, declared idempotent (re-run after a crash rather than answered as interrupted). */
    public ScriptedTool idempotent() {
        return new ScriptedTool(new ToolSpec(spec.name(), spec.description(), spec.inputSchema(), true), answer, gated);
    }

    private static ToolSpec spec(String name, boolean idempotent) {
        return new ToolSpec(name, "scripted tool " + name, Json.parse("{\"type\":\"object\"}"), idempotent);
    }

    @Override
    public ToolSpec spec() {
        return spec;
    }

    @Override
    public CompletionStage<String> invoke(ToolInvocation invocation, Executor blockingExecutor) {
        String callId = invocation.call().id();
        CompletableFuture<String> run;
        synchronized (this) {
            invocations.add(invocation);
            run = gated ? runs.computeIfAbsent(callId, id -> new CompletableFuture<>()) : new CompletableFuture<>();
            if (gated && run.isDone()) {
                // A re-run (after recovery) of a call released before: a fresh gate.
                run = new CompletableFuture<>();
                runs.put(callId, run);
            }
        }
        CompletableFuture<String> mine = run;
        invocation.cancellation().onCancel(() -> {
            synchronized (this) {
                cancelled.add(callId);
            }
            mine.completeExceptionally(new java.util.concurrent.CancellationException("abandoned"));
        });
        startedFuture(callId).complete(invocation);
        if (!gated) {
            run.complete(answer.apply(invocation.call().argumentsJson()));
        }
        return run;
    }

    /** Completes the gated run of call {@code callId} with {@code output} (waiting for it to start, bounded). */
    public void release(String callId, String output) {
        gate(callId).complete(output);
    }

    /** Fails the gated run of call {@code callId} with a tool error. */
    public void fail(String callId, String message) {
        gate(callId).completeExceptionally(new IllegalStateException(message));
    }

    /** Waits (bounded) until call {@code callId} was invoked; returns its invocation. */
    public ToolInvocation awaitStarted(String callId, long timeoutMillis) throws Exception {
        return startedFuture(callId).get(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** Every invocation, in order. */
    public synchronized List<ToolInvocation> invocations() {
        return List.copyOf(invocations);
    }

    /** Call ids whose runs were cancelled (abandoned), in order. */
    public synchronized List<String> cancelledCalls() {
        return List.copyOf(cancelled);
    }

    private synchronized CompletableFuture<ToolInvocation> startedFuture(String callId) {
        return started.computeIfAbsent(callId, id -> new CompletableFuture<>());
    }

    private CompletableFuture<String> gate(String callId) {
        try {
            awaitStarted(callId, TimeUnit.SECONDS.toMillis(30));
        } catch (Exception e) {
            throw new IllegalStateException("call " + callId + " of tool " + spec.name() + " never started", e);
        }
        synchronized (this) {
            return runs.get(callId);
        }
    }
}
