package dev.turnstile.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.turnstile.codec.JournalHeader;
import dev.turnstile.machine.trace.Trace;
import dev.turnstile.machine.trace.TraceReader;
import dev.turnstile.machine.trace.TraceReplayer;
import dev.turnstile.machine.trace.TraceWriter;
import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden traces: recorded sessions under {@code src/test/resources/golden/}, replayed exactly. A
 * failure prints the first divergent step (sequence, expected, actual).
 *
 * <p>The default run only compares. To re-record every golden trace from its scenario (after an
 * intended behaviour change; review the diff before committing):
 * <pre>mvn -B -pl machine test -Dtest=GoldenTraceTest -Dturnstile.golden.update=true -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
class GoldenTraceTest {

    static final String REGENERATE = "mvn -B -pl machine test -Dtest=GoldenTraceTest "
            + "-Dturnstile.golden.update=true -Dsurefire.failIfNoSpecifiedTests=false";

    static final boolean UPDATE = Boolean.getBoolean("turnstile.golden.update");

    static final Path SOURCE_DIR = Path.of("src/test/resources/golden");

    /** The golden traces: file name (without .jsonl) and the scenario that records it. */
    static final Vector<Tuple2<String, Scenario>> GOLDEN = Vector.of(
            Tuple.of("plain-answer", BasicScenarios.plainAnswer()),
            Tuple.of("one-tool", BasicScenarios.oneTool()),
            Tuple.of("parallel-tools-out-of-order", BasicScenarios.parallelToolsOutOfOrder()),
            Tuple.of("invalid-calls-recovered", BasicScenarios.invalidCallsAnswered()),
            Tuple.of("stale-and-duplicate-replies", RejectionScenarios.staleDuplicateAndUnknownReplies()),
            Tuple.of("approval-granted", ApprovalScenarios.approvalGranted()),
            Tuple.of("approval-denied", ApprovalScenarios.approvalDenied()),
            Tuple.of("approval-edited-arguments", ApprovalScenarios.approvalWithEditedArguments()),
            Tuple.of("approval-double-decision", ApprovalScenarios.doubleDecisionRejected()),
            Tuple.of("cancel-during-approval", CancelScenarios.cancelDuringApproval()),
            Tuple.of("budget-soft-then-hard", BudgetScenarios.softThenHardSessionOutputLimit()),
            Tuple.of("guard-timeout-denial", GuardScenarios.guardTimesOut()),
            Tuple.of("retry-after-429", RetryScenarios.retryAfterHonoured()));

    static Trace record(String name, Scenario s) {
        return TraceWriter.record(s.name(), JournalHeader.of(s.sessionId(), s.seed(), s.startedAt(), s.labels(),
                s.config(), TurnMachine.VERSION), s.inputs());
    }

    static String resource(String name) throws IOException {
        try (InputStream in = GoldenTraceTest.class.getResourceAsStream("/golden/" + name + ".jsonl")) {
            if (in == null) {
                throw new AssertionError("golden trace " + name + ".jsonl is missing; record it: " + REGENERATE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyGoldenTraceReplaysExactly() {
        return GOLDEN.toJavaStream().map(g -> DynamicTest.dynamicTest(g._1, () -> {
            if (UPDATE) {
                Files.createDirectories(SOURCE_DIR);
                Files.writeString(SOURCE_DIR.resolve(g._1 + ".jsonl"), TraceWriter.write(record(g._1, g._2)),
                        StandardCharsets.UTF_8);
                return;
            }
            Trace trace = TraceReader.read(resource(g._1));
            Option<TraceReplayer.Divergence> divergence = TraceReplayer.replay(trace);
            if (divergence.isDefined()) {
                fail(divergence.get().describe(trace) + "\nIf the change is intended, re-record: " + REGENERATE);
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> goldenTracesWereRecordedFromTheCurrentScenarios() {
        return GOLDEN.toJavaStream().map(g -> DynamicTest.dynamicTest(g._1, () -> {
            assumeFalse(UPDATE, "re-recording");
            Trace trace = TraceReader.read(resource(g._1));
            assertEquals(g._2.inputs(), trace.inputs(), g._1 + " was recorded from other inputs than its scenario "
                    + "has now; re-record: " + REGENERATE);
            assertEquals(g._2.config(), trace.header().config(), g._1 + " was recorded under another config");
            assertEquals(g._2.name(), trace.scenario());
        }));
    }

    @Test
    void theGoldenDirectoryHoldsExactlyTheGoldenTraces() throws IOException {
        assumeFalse(UPDATE, "re-recording");
        if (!Files.isDirectory(SOURCE_DIR)) {
            return; // running outside the module directory: the classpath checks above still apply
        }
        try (Stream<Path> files = Files.list(SOURCE_DIR)) {
            Vector<String> onDisk = Vector.ofAll(files.map(p -> p.getFileName().toString()).sorted().toList());
            assertEquals(GOLDEN.map(g -> g._1 + ".jsonl").sorted(), onDisk, "golden files and GOLDEN differ");
        }
        assertTrue(GOLDEN.size() >= 10);
    }

    @Test
    void aWriteReadRoundTripIsLossless() {
        for (var g : GOLDEN) {
            Trace trace = record(g._1, g._2);
            assertEquals(trace, TraceReader.read(TraceWriter.write(trace)), g._1);
        }
    }

    @Test
    void theReplayerNamesTheFirstDivergentStep() throws IOException {
        assumeFalse(UPDATE, "re-recording");
        String jsonl = resource("one-tool");
        Vector<String> lines = Vector.of(jsonl.split("\n"));
        // Step 3 is the tool result; pretend the recorded run had a different tool output.
        String tampered = lines.update(3, lines.get(3).replace("\"output\":\"5\"", "\"output\":\"6\"")).mkString("\n");
        Trace trace = TraceReader.read(tampered);
        TraceReplayer.Divergence d = TraceReplayer.replay(trace).getOrElseThrow(() -> new AssertionError("no divergence"));
        assertEquals(3, d.sequence(), d.describe(trace));
        assertTrue(d.part().startsWith("effects[0]"), d.describe(trace));
        assertTrue(d.expected().contains("\"content\":\"5\"") && d.actual().contains("\"content\":\"6\""),
                d.describe(trace));
        assertTrue(d.describe(trace).contains("diverges at step 3 (ToolSucceeded"), d.describe(trace));
    }

    @Test
    void theReplayerDetectsAChangedStateOrWake() throws IOException {
        assumeFalse(UPDATE, "re-recording");
        Vector<String> lines = Vector.of(resource("plain-answer").split("\n"));
        String digest = lines.get(2).replaceAll(".*\"state_digest\":\"([0-9a-f]+)\".*", "$1");
        Trace badState = TraceReader.read(lines.update(2, lines.get(2).replace(digest, "0".repeat(64))).mkString("\n"));
        assertEquals(Option.some(Tuple.of(2, "state")),
                TraceReplayer.replay(badState).map(d -> Tuple.of(d.sequence(), d.part())));
        Trace badWake = TraceReader.read(lines.update(1, lines.get(1).replace("model_deadline", "tool_deadline"))
                .mkString("\n"));
        assertEquals(Option.some(Tuple.of(1, "wake")),
                TraceReplayer.replay(badWake).map(d -> Tuple.of(d.sequence(), d.part())));
    }
}
