package dev.turnstile.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command table, help on every subcommand, and the usage-error exit code. */
class CliTest {

    @TempDir
    Path temp;

    @Test
    void noArgumentsPrintsTheOverviewAsAUsageError() {
        TestConsole t = TestConsole.in(temp);
        assertEquals(1, t.run());
        assertTrue(t.err().startsWith("usage: turnstile COMMAND [OPTIONS] [ARGS]\n"), t.err());
    }

    @Test
    void helpListsTheCommandsAndTheExitCodes() {
        TestConsole t = TestConsole.in(temp);
        assertEquals(0, t.run("--help"));
        String out = t.out();
        for (String command : new String[] {"demo", "run", "replay", "inspect", "serve"}) {
            assertTrue(out.contains("\n  " + command + " "), command + " missing from\n" + out);
        }
        assertTrue(!out.contains("demo-child"), "internal commands are not listed");
        assertTrue(out.contains("exit codes:\n  0  success\n  1  usage error"), out);
        assertTrue(out.contains("\n  2  the turn stopped"), out);
        assertTrue(out.contains("\n  3  replay divergence"), out);
        assertTrue(out.contains("\n  4  IO or store error"), out);
        TestConsole help = TestConsole.in(temp);
        assertEquals(0, help.run("help", "replay"));
        assertTrue(help.out().startsWith("usage: turnstile replay [--verbose] JOURNAL [SESSION]\n"), help.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo", "run", "replay", "inspect", "serve"})
    void everySubcommandHasHelp(String command) {
        TestConsole t = TestConsole.in(temp);
        assertEquals(0, t.run(command, "--help"));
        assertTrue(t.out().startsWith("usage: turnstile " + command), t.out());
        assertTrue(t.out().contains("\noptions:\n"), t.out());
        assertTrue(t.out().contains("  --help "), t.out());
        assertTrue(t.out().contains("\nexamples:\n  turnstile "), t.out());
        assertTrue(t.out().contains("  turnstile " + command), t.out());
        assertTrue(t.out().contains("\nexit codes:\n  0  success\n"), t.out());
        assertEquals("", t.err());
        TestConsole h = TestConsole.in(temp);
        assertEquals(0, h.run(command, "-h"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo", "run", "replay", "inspect", "serve"})
    void everySubcommandRefusesAnUnknownOption(String command) {
        TestConsole t = TestConsole.in(temp);
        assertEquals(1, t.run(command, "--frobnicate", "x"));
        assertEquals("turnstile " + command + ": unknown option --frobnicate (see 'turnstile " + command + " --help')\n",
                t.err());
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        TestConsole t = TestConsole.in(temp);
        assertEquals(1, t.run("rnu"));
        assertEquals("turnstile unknown command \"rnu\"; commands: demo, run, replay, inspect, serve "
                + "(see 'turnstile --help')\n", t.err());
    }

    @Test
    void missingOrInvalidValuesAreUsageErrors() {
        assertUsage("turnstile run: --model is required (see 'turnstile run --help')", "run", "hello");
        assertUsage("turnstile run: missing argument; usage: turnstile run --model NAME [OPTIONS] PROMPT "
                + "(see 'turnstile run --help')", "run", "--model", "m");
        assertUsage("turnstile run: --approve must be one of ask, all, none, got \"maybe\" (see 'turnstile run --help')",
                "run", "--model", "m", "--approve", "maybe", "hi");
        assertUsage("turnstile run: --provider must be one of openai, anthropic, got \"acme\" "
                + "(see 'turnstile run --help')", "run", "--provider", "acme", "--model", "m", "hi");
        assertUsage("turnstile run: --base-url must be an http:// or https:// URL, got \"ftp://x\" "
                + "(see 'turnstile run --help')", "run", "--base-url", "ftp://x", "--model", "m", "hi");
        assertUsage("turnstile run: --max-rounds needs a positive whole number, got \"-2\" (see 'turnstile run --help')",
                "run", "--model", "m", "--max-rounds", "-2", "hi");
        assertUsage("turnstile demo: --pace-ms needs a whole number from 0 to 1000, got \"fast\" "
                + "(see 'turnstile demo --help')", "demo", "--pace-ms", "fast");
        assertUsage("turnstile serve: --port needs a whole number from 0 to 65535, got \"99999\" "
                + "(see 'turnstile serve --help')", "serve", "--port", "99999");
        assertUsage("turnstile replay: missing argument; usage: turnstile replay [--verbose] JOURNAL [SESSION] "
                + "(see 'turnstile replay --help')", "replay");
    }

    @Test
    void anApiKeyVariableThatIsNotSetIsAUsageErrorNamingIt() {
        TestConsole t = new TestConsole("", Map.of(), temp);
        assertEquals(1, t.run("run", "--model", "m", "--base-url", "http://127.0.0.1:9/v1", "--api-key-env",
                "MY_KEY", "--approve", "none", "hi"));
        assertEquals("turnstile run: environment variable MY_KEY (from --api-key-env) is not set "
                + "(see 'turnstile run --help')\n", t.err());
        TestConsole openai = new TestConsole("", Map.of(), temp);
        assertEquals(1, openai.run("run", "--model", "gpt-4o-mini", "--approve", "none", "hi"));
        assertTrue(openai.err().startsWith("turnstile run: OPENAI_API_KEY is not set;"), openai.err());
    }

    private void assertUsage(String message, String... args) {
        TestConsole t = TestConsole.in(temp);
        assertEquals(1, t.run(args), t.out());
        assertEquals(message + "\n", t.err());
    }
}
