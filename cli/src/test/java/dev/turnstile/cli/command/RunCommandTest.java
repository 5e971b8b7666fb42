package dev.turnstile.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.turnstile.cli.TestConsole;
import dev.turnstile.cli.demo.DemoScript;
import dev.turnstile.cli.demo.DemoSetup;
import dev.turnstile.cli.demo.ScriptedModelServer;
import dev.turnstile.model.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code turnstile run} against a real OpenAI-compatible HTTP server on loopback (the demo's scripted
 * model), with the built-in tools reading a work directory.
 */
class RunCommandTest {

    @TempDir
    Path temp;

    private ScriptedModelServer server;
    private Path workdir;

    @BeforeEach
    void startServer() throws Exception {
        DemoScript script = DemoScript.bundled();
        server = ScriptedModelServer.start(script, Duration.ZERO);
        workdir = temp.resolve("work");
        DemoSetup.writeSandbox(script, workdir);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private String[] run(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("run", "--base-url", server.baseUrl(), "--model",
                "turnstile-demo", "--workdir", workdir.toString(), "--journal", temp.resolve("store").toString(),
                "--session", "s1"));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    @Test
    void aTurnRunsLiveAndIsJournaled() {
        TestConsole t = TestConsole.in(temp);
        assertEquals(0, t.run(run("--approve", "all", "What do the orders cost?")), t.out() + t.err());
        assertTrue(t.out().contains("▸ turn 1: \"What do the orders cost?\"\n"), t.out());
        assertTrue(t.out().contains("  ← read_file: order A: 3 notebooks at 19.99"), t.out());
        assertTrue(t.out().contains("comes to 68.97, and order B"), t.out());
        assertTrue(t.out().contains("▸ turn 1 finished: completed · 4 round(s) · tokens in "), t.out());
        Path journal = temp.resolve("store/sessions/s1/journal.jsonl");
        assertTrue(t.err().contains("session s1 · journal " + journal), t.err());
        TestConsole replay = TestConsole.in(temp);
        assertEquals(0, replay.run("replay", journal.toString()), replay.err());
    }

    @Test
    void jsonPrintsOneEventPerLineAndTheOutcomeLast() {
        TestConsole t = TestConsole.in(temp);
        assertEquals(0, t.run(run("--approve", "all", "--json", "What do the orders cost?")), t.err());
        List<JsonNode> lines = t.out().lines().map(Json::tree).toList();
        assertEquals("turn_started", lines.getFirst().path("type").asString());
        assertTrue(lines.stream().anyMatch(l -> l.path("type").asString().equals("tool_call_finished")), t.out());
        JsonNode last = lines.getLast();
        assertEquals("outcome", last.path("type").asString());
        assertEquals("s1", last.path("session_id").asString());
        assertEquals("completed", last.path("outcome").path("type").asString());
        assertTrue(last.path("outcome").path("text").asString().contains("68.97"), last.toString());
        assertEquals(4, last.path("rounds").asInt());
        assertEquals(0, last.path("exit_code").asInt());
        assertEquals("turn_finished", lines.get(lines.size() - 2).path("type").asString());
    }

    @Test
    void askConfirmsEachToolCallAtTheTerminal() {
        // y for list_dir, n for read_file, y and y for the two calculator calls.
        TestConsole t = new TestConsole("y\nn\ny\nyes\n", Map.of("USER", "ada"), temp);
        assertEquals(0, t.run(run("--approve", "ask", "What do the orders cost?")), t.out() + t.err());
        assertTrue(t.err().contains("approve list_dir {\"path\":\".\"}? [y/N] "), t.err());
        assertTrue(t.err().contains("approve read_file {\"path\":\"orders.txt\"}? [y/N] "), t.err());
        assertTrue(t.out().contains("  ✓ approval "), t.out());
        assertTrue(t.out().contains(" approved by ada: approved at the terminal"), t.out());
        assertTrue(t.out().contains(" denied by ada: denied at the terminal"), t.out());
        assertTrue(t.out().contains("  ✗ read_file error: "), t.out());
        assertTrue(t.out().contains("comes to 68.97"), t.out());
    }

    @Test
    void theEndOfStdinDeniesAndNoneDeniesEverything() {
        TestConsole eof = TestConsole.in(temp);
        assertEquals(0, eof.run(run("--approve", "ask", "What do the orders cost?")), eof.out() + eof.err());
        assertTrue(eof.err().contains("(no answer: the input ended) denied"), eof.err());
        assertTrue(!eof.out().contains(" approved "), eof.out());
        TestConsole none = TestConsole.in(temp);
        assertEquals(0, none.run("run", "--base-url", server.baseUrl(), "--model", "turnstile-demo", "--workdir",
                workdir.toString(), "--journal", temp.resolve("store2").toString(), "--approve", "none", "Costs?"),
                none.err());
        assertTrue(none.out().contains("  ✗ list_dir error: "), none.out());
        assertTrue(!none.out().contains("  ← "), "no tool ran:\n" + none.out());
    }

    @Test
    void aTurnThatStopsExitsTwo() {
        // One round, then a grace round in which the scripted model still asks for a tool.
        TestConsole t = TestConsole.in(temp);
        assertEquals(2, t.run(run("--approve", "all", "--max-rounds", "1", "What do the orders cost?")), t.out());
        assertTrue(t.out().contains("finished: stopped: round limit reached after "), t.out());
    }

    @Test
    void anExistingSessionIsResumedAndContinued() {
        assertEquals(0, TestConsole.in(temp).run(run("--approve", "all", "What do the orders cost?")));
        TestConsole again = TestConsole.in(temp);
        assertEquals(0, again.run(run("--approve", "all", "And again?")), again.out() + again.err());
        assertTrue(again.err().contains("resuming session s1"), again.err());
        assertTrue(again.out().contains("▸ turn 2: \"And again?\""), again.out());
    }

    @Test
    void interruptingTheProcessCancelsTheTurn() throws Exception {
        server.holdFinalAnswer(2);
        TestConsole t = TestConsole.in(temp);
        java.util.concurrent.CompletableFuture<Integer> status = t.runInBackground(run("--approve", "all",
                "What do the orders cost?"));
        assertTrue(server.awaitHeld(Duration.ofMinutes(2)), "the last model call never started");
        t.console().stop().complete(null);
        assertEquals(2, status.get(2, java.util.concurrent.TimeUnit.MINUTES), t.out() + t.err());
        assertTrue(t.out().contains("finished: stopped: cancelled (interrupted at the terminal)"), t.out());
    }

    @Test
    void aServerThatIsNotThereStopsTheTurn() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Files.createDirectories(temp.resolve("w"));
        TestConsole t = TestConsole.in(temp);
        int status = t.run("run", "--base-url", "http://127.0.0.1:" + port + "/v1", "--model", "m", "--journal",
                temp.resolve("s").toString(), "--approve", "none", "--max-rounds", "1", "hi");
        assertEquals(2, status, t.out() + t.err());
        assertTrue(t.out().contains("finished: stopped: model failed"), t.out());
    }
}
