package dev.turnstile.benchmarks.machine;

import dev.turnstile.machine.EffectId;
import dev.turnstile.machine.Input;
import dev.turnstile.machine.SessionState;
import dev.turnstile.machine.Step;
import dev.turnstile.machine.TurnMachine;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of one {@link TurnMachine#step} for three typical inputs, on sessions whose transcript holds
 * about 10, 100 and 1,000 messages (built by stepping complete turns). The step is pure, so the same
 * (state, input) pair is stepped again and again. Run with {@code -prof gc} for bytes per step
 * ({@code gc.alloc.rate.norm}). Target (issue 11): median under 1 µs, and no cost that grows with
 * the transcript beyond the appended content.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class MachineStepBenchmark {

    /** Messages in the transcript before the measured input, roughly. */
    @Param({"10", "100", "1000"})
    public int messages;

    private TurnMachine machine;
    private SessionState awaitingModel;
    private SessionState awaitingTools;
    private Input.ModelReplied replyWithToolCall;
    private Input.ToolSucceeded toolCompletesBatch;
    private Input.TimeAdvanced nothingDue;

    /** Builds the states by stepping. */
    @Setup(Level.Trial)
    public void build() {
        Sessions session = new Sessions(new TurnMachine(Sessions.config()));
        session.turnsUntil(messages - 2, 1);
        EffectId call = Sessions.callModel(session.userMessage());
        awaitingModel = session.state();
        machine = session.machine();
        replyWithToolCall = session.modelReplied(session.now().plusMillis(1), call, 0);
        nothingDue = new Input.TimeAdvanced(session.now().plusMillis(1));
        EffectId run = Sessions.runTool(session.feed(at -> replyWithToolCall));
        awaitingTools = session.state();
        toolCompletesBatch = new Input.ToolSucceeded(session.now().plusMillis(1), run, "1");
        // Sanity: the three steps do what their names say.
        Sessions.callModel(machine.step(awaitingTools, toolCompletesBatch));
        Sessions.runTool(machine.step(awaitingModel, replyWithToolCall));
        if (!machine.step(awaitingModel, nothingDue).effects().isEmpty()) {
            throw new IllegalStateException("TimeAdvanced with nothing due produced effects");
        }
        System.err.printf("# transcript sizes: awaitingModel=%d awaitingTools=%d%n",
                awaitingModel.transcript().size(), awaitingTools.transcript().size());
    }

    /** A ToolSucceeded that completes the round's batch: the step returns the next CallModel. */
    @Benchmark
    public Step toolSucceededCompletingBatch() {
        return machine.step(awaitingTools, toolCompletesBatch);
    }

    /** A ModelReplied asking for one tool: the step validates the arguments and returns a RunTool. */
    @Benchmark
    public Step modelRepliedWithOneToolCall() {
        return machine.step(awaitingModel, replyWithToolCall);
    }

    /** A TimeAdvanced while a model call is in flight and nothing is due: changes nothing but now. */
    @Benchmark
    public Step timeAdvancedNothingDue() {
        return machine.step(awaitingModel, nothingDue);
    }
}
