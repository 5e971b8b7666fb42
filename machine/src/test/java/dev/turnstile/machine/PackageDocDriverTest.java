package dev.turnstile.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.turnstile.model.AssistantMessage;
import dev.turnstile.model.FailureKind;
import dev.turnstile.model.FinishReason;
import dev.turnstile.model.Json;
import dev.turnstile.model.ModelReply;
import dev.turnstile.model.ToolCall;
import dev.turnstile.model.ToolResultMessage;
import dev.turnstile.model.ToolSpec;
import dev.turnstile.model.Usage;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The driving loop shown in the {@code dev.turnstile.machine} package documentation, compiled and
 * run: a scripted model (rate limited once, then a tool call, then the answer), a tool, and a
 * simulated clock whose only way forward, while nothing else is pending, is the machine's wake-up.
 * A second test keeps the documentation and this copy of the loop identical.
 */
class PackageDocDriverTest {

    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    @Test
    void theDocumentedLoopRunsATurnToCompletion() {
        SimulatedClock clock = new SimulatedClock(T0);
        long seed = 42;
        ToolSpec addTool = new ToolSpec("add", "Adds two integers.", Json.parse(
                "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\"},\"b\":{\"type\":\"integer\"}},"
                        + "\"required\":[\"a\",\"b\"]}"), true);
        ScriptedModel model = new ScriptedModel();
        Tools tools = new Tools();
        Recorder<Input> journal = new Recorder<>();
        Recorder<Event> observers = new Recorder<>();
        Recorder<SessionState> checkpoints = new Recorder<>();
        Recorder<Effect.RequestApproval> approvals = new Recorder<>();
        Recorder<EffectId> inFlight = new Recorder<>();

        // BEGIN package-info example
        TurnMachine machine = new TurnMachine(MachineConfig.builder("gpt-4o").tool(addTool).build());
        SessionState state = machine.start("session-1", seed, clock.instant());
        Deque<Input> inbox = new ArrayDeque<>(List.of(Input.UserMessageReceived.of(clock.instant(), "What is 2 + 2?")));
        Option<Wake> wake = Option.none();
        while (!inbox.isEmpty() || wake.isDefined()) {
            if (inbox.isEmpty()) {                          // nothing to do until the one timer fires
                clock.sleepUntil(wake.get().at());
                inbox.add(new Input.TimeAdvanced(clock.instant()));
            }
            Input input = inbox.poll();
            journal.append(input);                          // write-ahead: durable before it is stepped
            Step step = machine.step(state, input);
            state = step.state();
            for (Effect effect : step.effects()) {
                switch (effect) {
                    case Effect.CallModel c -> inbox.add(model.call(c, clock));   // a ModelReplied or a ModelFailed
                    case Effect.RunTool r -> inbox.add(new Input.ToolSucceeded(clock.instant(), r.id(), tools.run(r.call())));
                    case Effect.Emit e -> observers.publish(e.event());
                    case Effect.SaveCheckpoint s -> checkpoints.save(s.snapshot());
                    case Effect.RequestApproval a -> approvals.ask(a);   // answered later by ApprovalDecided
                    case Effect.CheckBudget b -> inbox.add(new Input.BudgetChecked(clock.instant(), b.id(), BudgetVerdict.ALLOW, ""));
                    case Effect.Abandon a -> inFlight.cancel(a.id());
                }
            }
            wake = step.wake();                             // re-arm the one timer after every step
        }
        // END package-info example

        assertEquals(Option.some(new Outcome.Completed("2 + 2 = 4")), state.lastOutcome());
        // 250 ms to the 429, its retry-after of 1500 ms waited out on the wake-up, then two calls of 250 ms.
        assertEquals(T0.plusMillis(2_250), clock.instant());
        assertEquals(List.of(new Input.TimeAdvanced(T0.plusMillis(1_750))),
                journal.items.stream().filter(i -> i instanceof Input.TimeAdvanced).toList());
        assertEquals(6, journal.items.size(), journal.items::toString);
        assertEquals(Vector.of(1, 2, 1), Vector.ofAll(model.calls).map(Effect.CallModel::attempt));
        assertEquals(new ToolResultMessage("call-1", "add", "4", false),
                model.calls.get(2).request().messages().last(), "the tool's result reaches the model");
        assertTrue(observers.items.getFirst() instanceof Event.TurnStarted, observers.items::toString);
        assertTrue(observers.items.getLast() instanceof Event.TurnFinished, observers.items::toString);
        assertEquals(state, checkpoints.items.getLast(), "the turn's end is checkpointed");
        assertTrue(approvals.items.isEmpty() && inFlight.items.isEmpty());

        SessionState replayed = machine.start("session-1", seed, T0);
        for (Input input : journal.items) {
            replayed = machine.step(replayed, input).state();
        }
        assertEquals(state, replayed, "the journal replays to the same state");
    }

    @Test
    void thePackageDocumentationShowsThisLoop() throws IOException {
        String doc = Files.readString(Path.of("src/main/java/dev/turnstile/machine/package-info.java"),
                StandardCharsets.UTF_8);
        String test = Files.readString(Path.of("src/test/java/dev/turnstile/machine/PackageDocDriverTest.java"),
                StandardCharsets.UTF_8);
        Vector<String> documented = Vector.of(doc.substring(doc.indexOf("<pre>{@code") + "<pre>{@code".length(),
                        doc.indexOf("}</pre>", doc.indexOf("<pre>{@code"))).split("\n"))
                .map(l -> l.replaceFirst("^\\s*\\* ?", "").strip()).filter(l -> !l.isEmpty());
        Vector<String> compiled = Vector.of(test.substring(test.indexOf("// BEGIN package-info example"),
                        test.indexOf("// END package-info example")).split("\n")).drop(1)
                .map(String::strip).filter(l -> !l.isEmpty());
        assertEquals(documented.mkString("\n"), compiled.mkString("\n"),
                "package-info.java's driving loop and this test's copy differ; keep them identical");
        assertTrue(documented.size() >= 20, "the example is " + documented.size() + " lines");
    }

    /** Stands in for the journal, the observers, the checkpoint store, the approval inbox and in-flight work. */
    static final class Recorder<T> {
        final List<T> items = new ArrayList<>();

        void append(T item) {
            items.add(item);
        }

        void publish(T item) {
            items.add(item);
        }

        void save(T item) {
            items.add(item);
        }

        void ask(T item) {
            items.add(item);
        }

        void cancel(T item) {
            items.add(item);
        }
    }

    /** A clock that moves only when told to; sleeping until an instant never waits for real. */
    static final class SimulatedClock {
        private Instant now;

        SimulatedClock(Instant start) {
            this.now = start;
        }

        Instant instant() {
            return now;
        }

        void advanceMillis(long millis) {
            now = now.plusMillis(millis);
        }

        void sleepUntil(Instant at) {
            if (at.isAfter(now)) {
                now = at;
            }
        }
    }

    /** Answers each call 250 ms later: first rate limited (retry after 1.5 s), then a tool call, then text. */
    static final class ScriptedModel {
        final List<Effect.CallModel> calls = new ArrayList<>();

        Input call(Effect.CallModel call, SimulatedClock clock) {
            calls.add(call);
            clock.advanceMillis(250);
            Instant at = clock.instant();
            return switch (calls.size()) {
                case 1 -> new Input.ModelFailed(at, call.id(), FailureKind.RATE_LIMITED, Option.some(1_500L),
                        "HTTP 429", "");
                case 2 -> new Input.ModelReplied(at, call.id(), new ModelReply(new AssistantMessage("",
                        Vector.of(new ToolCall("call-1", "add", "{\"a\":2,\"b\":2}"))), Usage.of(40, 12),
                        FinishReason.TOOL_CALLS, "gpt-4o"));
                default -> new Input.ModelReplied(at, call.id(), new ModelReply(AssistantMessage.text("2 + 2 = 4"),
                        Usage.of(60, 8), FinishReason.END_TURN, "gpt-4o"));
            };
        }
    }

    /** Runs the add tool. */
    static final class Tools {
        String run(ToolCall call) {
            var args = Json.tree(call.argumentsJson());
            return Long.toString(args.get("a").asLong() + args.get("b").asLong());
        }
    }
}
