package dev.turnstile.replay;

import dev.turnstile.codec.JournalHeader;
import dev.turnstile.codec.MachineCodec;
import dev.turnstile.machine.SessionState;
import dev.turnstile.machine.Step;
import dev.turnstile.machine.TurnMachine;
import io.vavr.collection.Vector;

/**
 * Feeds journal records to a machine and checks that every step returns the effects recorded,
 * reporting the first divergence. Pure and single-threaded; replay of a session is bit-identical on
 * any JVM because the machine reads nothing but its inputs.
 */
public final class Replayer {

    private Replayer() {}

    /** Replays a whole journal from its header. */
    public static ReplayReport replay(String headerJson, Iterable<String> recordJsons) {
        JournalHeader header = MachineCodec.decodeHeader(headerJson);
        TurnMachine machine = new TurnMachine(header.config());
        SessionState start = machine.start(header.sessionId(), header.seed(), header.startedAt(), header.labels());
        Vector<JournalRecord> records = Vector.ofAll(recordJsons).map(JournalRecords::decode);
        return replay(machine, start, 0, records);
    }

    /**
     * Replays {@code records} from {@code start}, whose journal position is {@code startSequence}
     * (0 for a session's start, a checkpoint's sequence otherwise).
     */
    public static ReplayReport replay(TurnMachine machine, SessionState start, long startSequence,
            Iterable<JournalRecord> records) {
        SessionState state = start;
        long sequence = startSequence;
        long count = 0;
        for (JournalRecord record : records) {
            sequence++;
            Step step = machine.step(state, record.input());
            Vector<String> actual = EffectSignatures.of(step.effects());
            if (!actual.equals(record.effects())) {
                return new ReplayReport.Diverged(sequence, record.input(), state, record.effects(), actual,
                        step.effects());
            }
            state = step.state();
            count++;
        }
        return new ReplayReport.Verified(state, count);
    }
}
