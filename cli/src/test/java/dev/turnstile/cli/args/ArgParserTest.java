package dev.turnstile.cli.args;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.turnstile.cli.UsageException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Hand-written argument parsing: forms that work and mistakes that are named. */
class ArgParserTest {

    private static final CommandSpec SPEC = new CommandSpec("try", "try [--json] --model NAME PROMPT", "s", "d",
            List.of(OptionSpec.value("model", "NAME", "the model"), OptionSpec.value("max-rounds", "N", "rounds"),
                    OptionSpec.flag("json", "json output")),
            1, 1, List.of());

    private static ParsedArgs parse(String... args) {
        return ArgParser.parse(SPEC, List.of(args)).orElseThrow();
    }

    @Test
    void valuesSwitchesAndPositionalsInAnyOrder() {
        ParsedArgs args = parse("--model", "gpt", "hello there", "--json", "--max-rounds=3");
        assertEquals(Optional.of("gpt"), args.value("model"));
        assertTrue(args.has("json"));
        assertEquals(3, args.positiveInt("max-rounds", 25));
        assertEquals(List.of("hello there"), args.positionals());
    }

    @Test
    void doubleDashEndsOptionsSoAPromptMayStartWithADash() {
        ParsedArgs args = parse("--model", "m", "--", "--not-an-option");
        assertEquals(List.of("--not-an-option"), args.positionals());
        assertFalse(args.has("json"));
    }

    @Test
    void helpAnywhereAsksForHelp() {
        assertTrue(ArgParser.parse(SPEC, List.of("--model", "m", "--help")).isEmpty());
        assertTrue(ArgParser.parse(SPEC, List.of("-h")).isEmpty());
    }

    @Test
    void mistakesAreUsageErrorsNamingTheOptionAndTheHelp() {
        assertMessage("try: unknown option --modle (see 'turnstile try --help')", "--modle", "m", "p");
        assertMessage("try: unknown option -m (see 'turnstile try --help')", "-m", "p");
        assertMessage("try: --model needs a value (NAME) (see 'turnstile try --help')", "p", "--model");
        assertMessage("try: --model is given twice (see 'turnstile try --help')", "--model", "a", "--model", "b", "p");
        assertMessage("try: --json takes no value (see 'turnstile try --help')", "--json=yes", "p");
        assertMessage("try: missing argument; usage: turnstile try [--json] --model NAME PROMPT "
                + "(see 'turnstile try --help')", "--model", "m");
        assertMessage("try: unexpected argument \"two\"; usage: turnstile try [--json] --model NAME PROMPT "
                + "(see 'turnstile try --help')", "one", "two");
    }

    @Test
    void typedValuesAreChecked() {
        UsageException e = assertThrows(UsageException.class, () -> parse("--max-rounds", "0", "p").positiveInt("max-rounds", 1));
        assertEquals("try: --max-rounds needs a positive whole number, got \"0\" (see 'turnstile try --help')", e.getMessage());
        assertThrows(UsageException.class, () -> parse("--max-rounds", "x", "p").positiveInt("max-rounds", 1));
        assertThrows(UsageException.class, () -> parse("p").required("model"));
        UsageException choice = assertThrows(UsageException.class,
                () -> parse("--model", "x", "p").choice("model", List.of("a", "b"), "a"));
        assertEquals("try: --model must be one of a, b, got \"x\" (see 'turnstile try --help')", choice.getMessage());
    }

    @Test
    void helpTextListsOptionsExamplesAndExitCodes() {
        String help = SPEC.help();
        assertTrue(help.startsWith("usage: turnstile try [--json] --model NAME PROMPT\n"), help);
        assertTrue(help.contains("  --model NAME    the model\n"), help);
        assertTrue(help.contains("  --help          show this help and exit\n"), help);
        assertTrue(help.contains("exit codes:\n  0  success\n  1  usage error"), help);
    }

    private static void assertMessage(String expected, String... args) {
        UsageException e = assertThrows(UsageException.class, () -> ArgParser.parse(SPEC, List.of(args)));
        assertEquals(expected, e.getMessage());
    }
}
