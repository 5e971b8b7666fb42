package dev.turnstile.conformance.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.turnstile.codec.MachineCodec;
import dev.turnstile.conformance.sim.TranscriptValidator;
import dev.turnstile.host.store.Checkpoint;
import dev.turnstile.host.store.FileJournal;
import dev.turnstile.host.store.JournalContents;
import dev.turnstile.machine.Effect;
import dev.turnstile.machine.Input;
import dev.turnstile.machine.Outcome;
import dev.turnstile.machine.Phase;
import dev.turnstile.machine.SessionState;
import dev.turnstile.model.AssistantMessage;
import dev.turnstile.model.Message;
import dev.turnstile.model.ToolResultMessage;
import dev.turnstile.model.UserMessage;
import dev.turnstile.replay.ReplayReport;
import dev.turnstile.replay.Replayer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Checks a store whose sessions all finished after any number of kills: the properties of DESIGN §3
 * that a real crash can break, from the journal, the checkpoints and the tools' ledgers.
 */
final class StoreVerifier {

    private static final String INTERRUPTED = "interrupted: outcome unknown";

    private final StoreHistory history;
    private final CrashTally tally;
    private final List<String> chargeLedger;
    private final List<String> lookupLedger;
    private final TreeSet<String> chargeKeysIssued = new TreeSet<>();
    private final TreeSet<String> lookupKeysIssued = new TreeSet<>();

    private StoreVerifier(StoreHistory history, CrashTally tally) throws IOException {
        this.history = history;
        this.tally = tally;
        this.chargeLedger = ledger(history.ledgers().resolve(CrashScript.CHARGE_LEDGER));
        this.lookupLedger = ledger(history.ledgers().resolve(CrashScript.LOOKUP_LEDGER));
    }

    /** Runs every check on a finished store and adds its counts to {@code tally}. */
    static void verify(StoreHistory history, CrashTally tally) throws IOException {
        new StoreVerifier(history, tally).verifyStore();
    }

    private void verifyStore() throws IOException {
        for (Map<String, byte[]> afterKill : history.journalsAfterKills) {
            for (Map.Entry<String, byte[]> journal : afterKill.entrySet()) {
                byte[] now = Files.readAllBytes(history.journalFile(journal.getKey()));
                byte[] then = journal.getValue();
                assertTrue(now.length >= then.length && Arrays.equals(now, 0, then.length, then, 0, then.length),
                        where(journal.getKey()) + "every whole journal line found after a kill must still be there,"
                                + " unchanged, at the end");
            }
        }
        try (FileJournal journal = FileJournal.open(history.journalStore())) {
            assertEquals(history.sessionIds, journal.sessions(), "store " + history.store + ": sessions");
            for (String id : history.sessionIds) {
                verifySession(journal, id);
            }
        }
        assertEquals(chargeLedger.size(), new TreeSet<>(chargeLedger).size(), "store " + history.store
                + ": the non-idempotent tool ran twice with the same idempotency key: " + duplicates(chargeLedger));
        assertTrue(chargeKeysIssued.containsAll(chargeLedger), "store " + history.store
                + ": the charge ledger holds keys the machine never issued");
        assertTrue(lookupKeysIssued.containsAll(lookupLedger), "store " + history.store
                + ": the lookup ledger holds keys the machine never issued");
        tally.chargeRuns += chargeLedger.size();
        tally.lookupRuns += lookupLedger.size();
        tally.duplicateIdempotentRuns += lookupLedger.size() - new TreeSet<>(lookupLedger).size();
    }

    private void verifySession(FileJournal journal, String id) {
        JournalContents contents = journal.read(id);
        ReplayReport report = Replayer.replay(contents.headerJson(),
                contents.entries().stream().map(e -> e.entryJson()).toList());
        if (report instanceof ReplayReport.Diverged d) {
            fail(where(id) + "the final journal does not replay: " + d.diff());
        }
        SessionState replayed = ((ReplayReport.Verified) report).state();
        SessionReplay replay = SessionReplay.of(contents);
        SessionState state = replay.finalState();
        assertEquals(MachineCodec.encodeState(replayed), MachineCodec.encodeState(state), where(id) + "two replays differ");
        assertEquals(history.finalDigests.get(id), CrashChild.digest(state),
                where(id) + "the live session's last state differs from the replayed journal's");
        verifyCheckpoint(journal, id, replay);
        verifyOutcome(id, replay, state);
        verifyUserMessages(id, replay, state);
        verifyToolResults(id, replay, state);
        tally.recoveredInputs += replay.recoveredInputs;
        tally.modelCallsReissued += replay.recoveries.stream().mapToInt(r -> r.modelCallsReissued()).sum();
        tally.turns += replay.outcomes.size();
        tally.journalRecords += contents.entries().size();
    }

    private void verifyCheckpoint(FileJournal journal, String id, SessionReplay replay) {
        Optional<Checkpoint> latest = journal.checkpoints().latest(id);
        assertTrue(latest.isPresent(), where(id) + "no checkpoint");
        long at = latest.get().journalSequence();
        assertEquals(MachineCodec.encodeState(replay.states.get((int) at)),
                MachineCodec.encodeState(MachineCodec.decodeState(latest.get().snapshotJson())),
                where(id) + "the latest checkpoint is not the state after record " + at);
    }

    private void verifyOutcome(String id, SessionReplay replay, SessionState state) {
        assertInstanceOf(Phase.AwaitingUser.class, state.phase(), where(id) + "not idle at the end");
        assertTrue(state.queued().isEmpty(), where(id) + "messages still queued at the end");
        // Tasks A, C, D, F and note E (queued after a turn) each get a turn; note B is injected into task A's
        // turn, or gets its own when it arrives after A's last round (timing, e.g. right after a recovery).
        assertEquals(state.turn(), replay.outcomes.size(), where(id) + "turns started and finished");
        assertTrue(replay.outcomes.size() == 5 || replay.outcomes.size() == 6, where(id) + "turns " + replay.outcomes);
        for (Outcome outcome : replay.outcomes) {
            assertInstanceOf(Outcome.Completed.class, outcome, where(id) + "a turn ended " + outcome);
        }
        assertEquals(Optional.of("done: task F of " + id),
                state.lastOutcome().map(o -> ((Outcome.Completed) o).text()).toJavaOptional(), where(id) + "last outcome");
        TranscriptValidator.validate(state.transcript(), false)
                .ifPresent(problem -> fail(where(id) + "invalid final transcript: " + problem));
    }

    private void verifyUserMessages(String id, SessionReplay replay, SessionState state) {
        List<CrashScript.UserStep> steps = CrashScript.userSteps(id);
        for (StoreHistory.Ack ack : history.acks) {
            if (!ack.session().equals(id)) {
                continue;
            }
            CrashScript.UserStep step = steps.get(ack.step());
            Input.UserMessageReceived journaled = replay.userInputs.get(ack.sequence());
            assertTrue(journaled != null && journaled.text().equals(step.text())
                            && journaled.idempotencyKey().equals(step.key()),
                    where(id) + "acknowledged step " + ack.step() + " is not journal record " + ack.sequence());
        }
        for (CrashScript.UserStep step : steps) {
            long inTranscript = state.transcript().count(m -> m instanceof UserMessage u && u.text().equals(step.text()));
            assertEquals(1, inTranscript, where(id) + "\"" + step.text() + "\" is in the final transcript "
                    + inTranscript + " times");
        }
        int duplicates = replay.userInputs.size() - steps.size();
        assertEquals(duplicates, replay.rejections.size(), where(id) + "rejections " + replay.rejections);
        for (String rejection : replay.rejections) {
            assertTrue(rejection.startsWith("UserMessageReceived"), where(id) + "unexpected rejection " + rejection);
        }
        tally.duplicateMessagesRejected += duplicates;
    }

    private void verifyToolResults(String id, SessionReplay replay, SessionState state) {
        Map<String, Effect.RunTool> runByCall = new TreeMap<>();
        TreeSet<String> keysSeen = new TreeSet<>();
        for (Effect.RunTool run : replay.runs) {
            boolean again = !keysSeen.add(run.idempotencyKey());
            if (run.call().name().equals(CrashScript.CHARGE)) {
                assertTrue(!again, where(id) + "the non-idempotent tool was issued twice for " + run.idempotencyKey());
                chargeKeysIssued.add(run.idempotencyKey());
            } else {
                lookupKeysIssued.add(run.idempotencyKey());
                tally.idempotentReissues += again ? 1 : 0;
            }
            runByCall.merge(run.call().id(), run, (first, reissued) -> {
                assertEquals(first.idempotencyKey(), reissued.idempotencyKey(), where(id) + "a re-issued run changed key");
                return reissued;
            });
        }
        int interrupted = 0;
        for (Message message : state.transcript()) {
            if (!(message instanceof ToolResultMessage result)) {
                continue;
            }
            Effect.RunTool run = runByCall.get(result.toolCallId());
            assertTrue(run != null, where(id) + "no run was issued for call " + result.toolCallId());
            String key = run.idempotencyKey();
            if (result.isError() && result.content().startsWith(INTERRUPTED)) {
                assertEquals(CrashScript.CHARGE, result.toolName(), where(id) + "only the non-idempotent tool may be"
                        + " answered interrupted, not " + key);
                assertTrue(!replay.answeredRuns.contains(run.id()), where(id) + key + " was answered, yet interrupted");
                interrupted++;
                tally.interruptedAfterSideEffect += chargeLedger.contains(key) ? 1 : 0;
                continue;
            }
            String expected = result.toolName().equals(CrashScript.CHARGE)
                    ? CrashScript.chargeOutput(key) : CrashScript.lookupOutput(key);
            assertEquals(expected, result.content(), where(id) + "result of " + key);
            assertTrue((result.toolName().equals(CrashScript.CHARGE) ? chargeLedger : lookupLedger).contains(key),
                    where(id) + key + " reported success without its side effect in the ledger");
        }
        int reported = replay.recoveries.stream().mapToInt(r -> r.toolRunsInterrupted()).sum();
        assertEquals(reported, interrupted, where(id) + "SessionRecovered events report other interruptions");
        long calls = state.transcript().map(m -> m instanceof AssistantMessage a ? a.toolCalls().size() : 0)
                .sum().longValue();
        assertEquals(calls, runByCall.size(), where(id) + "every tool call was run (or answered interrupted)");
        tally.interruptedCharges += interrupted;
    }

    private String where(String sessionId) {
        return "store " + history.store + " (" + history.directory + "), session " + sessionId + ": ";
    }

    private static List<String> ledger(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(text.isEmpty() || text.endsWith("\n"), file + " ends in a partial line");
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }

    private static List<String> duplicates(List<String> lines) {
        TreeSet<String> seen = new TreeSet<>();
        List<String> twice = new ArrayList<>();
        for (String line : lines) {
            if (!seen.add(line)) {
                twice.add(line);
            }
        }
        return twice;
    }
}
