package dev.turnstile.machine.trace;

import dev.turnstile.codec.JournalHeader;
import dev.turnstile.codec.MachineCodec;
import dev.turnstile.machine.Input;
import dev.turnstile.machine.SessionState;
import dev.turnstile.machine.TracedStep;
import dev.turnstile.machine.Transitions;
import dev.turnstile.machine.TurnMachine;
import io.vavr.collection.Vector;

/**
 * Records sessions as {@link Trace}s and writes them as JSON Lines.
 *
 * <pre>
 * {"format":"turnstile-golden-trace/1","scenario":"...","header":{journal header: schema, session, seed, config, machine version}}
 * {"seq":1,"input":{...},"transitions":["AwaitingUser --UserMessageReceived--> AwaitingModel"],"effects":[...],"wake":{...},"state_digest":"..."}
 * </pre>
 */
public final class TraceWriter {

    private TraceWriter() {}

    /** Runs {@code inputs} through a fresh machine started as {@code header} says, and records every step. */
    public static Trace record(String scenario, JournalHeader header, Iterable<Input> inputs) {
        TurnMachine machine = new TurnMachine(header.config());
        SessionState state = machine.start(header.sessionId(), header.seed(), header.startedAt(), header.labels());
        Vector<Trace.Step> steps = Vector.empty();
        int sequence = 0;
        for (Input input : inputs) {
            TracedStep traced = machine.stepTraced(state, input);
            steps = steps.append(step(++sequence, input, traced));
            state = traced.step().state();
        }
        return new Trace(scenario, header, steps);
    }

    /** The trace record of one traced step. */
    public static Trace.Step step(int sequence, Input input, TracedStep traced) {
        return new Trace.Step(sequence, input, traced.transitions().map(Transitions.Row::key),
                TraceJson.normalize(MachineCodec.encodeEffects(traced.step().effects())),
                TraceJson.normalize(TraceJson.wake(traced.step().wake())),
                TraceJson.stateDigest(traced.step().state()));
    }

    /** The JSON Lines text of a trace, one line per step after the header, ending with a newline. */
    public static String write(Trace trace) {
        StringBuilder out = new StringBuilder();
        out.append("{\"format\":").append(TraceJson.MAPPER.writeValueAsString(Trace.FORMAT))
                .append(",\"scenario\":").append(TraceJson.MAPPER.writeValueAsString(trace.scenario()))
                .append(",\"header\":").append(TraceJson.normalize(MachineCodec.encodeHeader(trace.header())))
                .append("}\n");
        for (Trace.Step step : trace.steps()) {
            out.append(line(step)).append('\n');
        }
        return out.toString();
    }

    /** The JSON line of one step. */
    public static String line(Trace.Step step) {
        return "{\"seq\":" + step.sequence()
                + ",\"input\":" + TraceJson.normalize(MachineCodec.encodeInput(step.input()))
                + ",\"transitions\":" + TraceJson.MAPPER.writeValueAsString(step.transitions().toJavaList())
                + ",\"effects\":" + step.effects()
                + ",\"wake\":" + step.wake()
                + ",\"state_digest\":\"" + step.stateDigest() + "\"}";
    }
}
