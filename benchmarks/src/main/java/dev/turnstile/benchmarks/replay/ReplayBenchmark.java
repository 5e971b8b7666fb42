package dev.turnstile.benchmarks.replay;

import dev.turnstile.benchmarks.machine.Sessions;
import dev.turnstile.codec.JournalHeader;
import dev.turnstile.codec.MachineCodec;
import dev.turnstile.machine.Effect;
import dev.turnstile.machine.Labels;
import dev.turnstile.machine.SessionState;
import dev.turnstile.machine.TurnMachine;
import dev.turnstile.replay.EffectSignatures;
import dev.turnstile.replay.JournalRecord;
import dev.turnstile.replay.JournalRecords;
import dev.turnstile.replay.ReplayReport;
import dev.turnstile.replay.Replayer;
import io.vavr.collection.Vector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Replay speed: a 1,000-round journal (100 turns of 9 tool rounds and a text round; 2,000 inputs,
 * the transcript reaching 2,000 messages) replayed from its record strings. Scores are inputs per
 * second ({@code @OperationsPerInvocation} = inputs in the journal), one thread. The warm-up is long (10 x 2 s):
 * a whole replay is one operation, and under load C2 needs several seconds to compile it. Target (issue 11):
 * at least 200,000 inputs/s. The other methods split the work: decoding the records, stepping the
 * decoded inputs, computing the effect signatures of the recorded steps.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class ReplayBenchmark {

    /** Inputs in the journal: 100 turns x (user message + 9 x (reply + tool result) + final reply). */
    static final int INPUTS = 2_000;
    static final int TURNS = 100;
    static final int TOOL_ROUNDS_PER_TURN = 9;

    private String headerJson;
    private List<String> recordJsons;
    private Vector<JournalRecord> records;
    private List<Vector<Effect>> recordedEffects;
    private TurnMachine machine;
    private SessionState start;

    /** Records the journal by stepping a real session. */
    @Setup(Level.Trial)
    public void record() {
        machine = new TurnMachine(Sessions.config());
        List<String> jsons = new ArrayList<>();
        List<Vector<Effect>> effects = new ArrayList<>();
        Sessions session = new Sessions(machine, r -> {
            jsons.add(JournalRecords.encode(new JournalRecord(r.input(), EffectSignatures.of(r.step().effects()))));
            effects.add(r.step().effects());
        });
        start = session.state();
        for (int t = 0; t < TURNS; t++) {
            session.turn(TOOL_ROUNDS_PER_TURN);
        }
        if (jsons.size() != INPUTS) {
            throw new IllegalStateException("expected " + INPUTS + " records, got " + jsons.size());
        }
        headerJson = MachineCodec.encodeHeader(JournalHeader.of("bench-session", 42L, Sessions.T0, Labels.NONE,
                machine.config(), TurnMachine.VERSION));
        recordJsons = List.copyOf(jsons);
        recordedEffects = List.copyOf(effects);
        records = Vector.ofAll(recordJsons).map(JournalRecords::decode);
        ReplayReport report = Replayer.replay(headerJson, recordJsons);
        if (!(report instanceof ReplayReport.Verified v) || v.records() != INPUTS) {
            throw new IllegalStateException("the recorded journal does not replay: " + report);
        }
        long bytes = recordJsons.stream().mapToLong(String::length).sum();
        System.err.printf("# journal: %d records, %d chars, final transcript %d messages%n", recordJsons.size(),
                bytes, session.state().transcript().size());
    }

    /** The whole replay: decode every record string, step, compare the effect signatures. */
    @Benchmark
    @OperationsPerInvocation(INPUTS)
    public ReplayReport replayFromRecordStrings() {
        return Replayer.replay(headerJson, recordJsons);
    }

    /** Only {@link JournalRecords#decode} of every record. */
    @Benchmark
    @OperationsPerInvocation(INPUTS)
    public void decodeOnly(Blackhole bh) {
        for (String json : recordJsons) {
            bh.consume(JournalRecords.decode(json));
        }
    }

    /** Only stepping the decoded inputs (no signatures). */
    @Benchmark
    @OperationsPerInvocation(INPUTS)
    public SessionState stepOnly() {
        SessionState state = start;
        for (JournalRecord record : records) {
            state = machine.step(state, record.input()).state();
        }
        return state;
    }

    /** Only {@link EffectSignatures#of} over every recorded step's effects. */
    @Benchmark
    @OperationsPerInvocation(INPUTS)
    public void signaturesOnly(Blackhole bh) {
        for (Vector<Effect> effects : recordedEffects) {
            bh.consume(EffectSignatures.of(effects));
        }
    }

    /** Step and signature check on decoded records: the replay without decoding. */
    @Benchmark
    @OperationsPerInvocation(INPUTS)
    public ReplayReport stepAndCheckDecoded() {
        return Replayer.replay(machine, start, 0, records);
    }
}
