package dev.turnstile.cli.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.turnstile.cli.TestConsole;
import dev.turnstile.model.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code turnstile inspect} on the recorded crash-demo journal (a child killed mid-turn, then resumed). */
class InspectCommandTest {

    @TempDir
    Path temp;

    private Path journal;

    @BeforeEach
    void copyFixture() throws Exception {
        journal = temp.resolve("journal.jsonl");
        try (var in = getClass().getResourceAsStream("/journals/demo-crash.jsonl")) {
            Files.write(journal, in.readAllBytes());
        }
    }

    @Test
    void theTimelineShowsEachRecordsInputEffectsPhaseAndUsage() {
        TestConsole t = TestConsole.in(temp);
        assertEquals(0, t.run("inspect", journal.toString()), t.err());
        String out = t.out();
        assertTrue(out.startsWith("journal   " + journal + " (10 records, 6.3 KiB)\nsession   demo · started "), out);
        assertTrue(out.contains("model     turnstile-demo · tools calculator, list_dir, read_file · max 8 rounds\n"), out);
        assertTrue(out.contains("  user message: \"What do the two orders in my sandbox cost? Look at the files first, "), out);
        assertTrue(out.contains("      effects  call_model e1 · events TurnStarted, ModelCallStarted\n"
                + "      after    awaiting_model · turn 1 · tokens so far in 0 / out 0\n"), out);
        assertTrue(out.contains("  model reply to e1: \"Let me look around the sandbox first.\" + tool calls list_dir · "
                + "tokens in 402 / out 14\n      effects  run_tool e2 list_dir · events ToolCallStarted\n"
                + "      after    awaiting_tools · turn 1 · tokens so far in 402 / out 14\n"), out);
        assertTrue(out.contains("+ tool calls calculator ×2"), out);
        assertTrue(out.contains("  tool result e2 (list_dir): \"README.md  (86 bytes)⏎notes/⏎orders.txt  (100 bytes)\"\n"),
                out);
        assertTrue(out.contains("#9 "), out);
        assertTrue(out.contains("  recovered after a crash\n      effects  call_model e9 · events "), out);
        assertTrue(out.contains("      after    awaiting_user · turn 1 · tokens so far in 2120 / out 108\n"), out);
        assertTrue(out.endsWith("\nevery step matches its recorded effects\n"), out);
    }

    @Test
    void jsonPrintsAHeaderLineThenOneObjectPerRecord() {
        TestConsole t = TestConsole.in(temp);
        assertEquals(0, t.run("inspect", "--json", journal.toString()), t.err());
        List<JsonNode> lines = t.out().lines().map(Json::tree).toList();
        assertEquals(11, lines.size());
        assertEquals("header", lines.get(0).path("kind").asString());
        assertEquals("demo", lines.get(0).path("header").path("session_id").asString());
        assertEquals(10, lines.get(0).path("records").asInt());
        JsonNode second = lines.get(2);
        assertEquals("record", second.path("kind").asString());
        assertEquals(2, second.path("seq").asInt());
        assertEquals("model_replied", second.path("input").path("type").asString());
        assertEquals("awaiting_tools", second.path("phase_after").asString());
        assertEquals(402, second.path("usage_so_far").path("input_tokens").asInt());
        assertTrue(second.path("effects").get(0).asString().startsWith("run_tool e2 ")
                || second.path("effects").get(0).asString().startsWith("emit "), second.toString());
        assertEquals("recovered", lines.get(9).path("input").path("type").asString());
        assertEquals("awaiting_user", lines.get(10).path("phase_after").asString());
    }

    @Test
    void aTamperedRecordIsMarkedDivergedAndExitsThree() throws Exception {
        JournalFiles.rewriteLine(journal, 4, line -> line.replace("(100 bytes)", "(999 bytes)"));
        TestConsole t = TestConsole.in(temp);
        assertEquals(3, t.run("inspect", journal.toString()));
        assertTrue(t.out().contains("      ! DIVERGED  recorded: "), t.out());
        assertTrue(t.out().contains(" step(s) differ from their recorded effects"), t.out());
    }
}
