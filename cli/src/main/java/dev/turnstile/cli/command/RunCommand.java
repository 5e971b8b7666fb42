package dev.turnstile.cli.command;

import dev.turnstile.blocking.BlockingRuntime;
import dev.turnstile.cli.Console;
import dev.turnstile.cli.ExitCode;
import dev.turnstile.cli.UsageException;
import dev.turnstile.cli.args.ArgParser;
import dev.turnstile.cli.args.CommandSpec;
import dev.turnstile.cli.args.OptionSpec;
import dev.turnstile.cli.args.ParsedArgs;
import dev.turnstile.cli.live.ApprovalPrompt;
import dev.turnstile.cli.live.JsonEventPrinter;
import dev.turnstile.cli.live.LiveView;
import dev.turnstile.cli.live.TurnFollower;
import dev.turnstile.cli.live.Turns;
import dev.turnstile.cli.provider.ProviderOptions;
import dev.turnstile.cli.tools.BuiltinTools;
import dev.turnstile.host.Session;
import dev.turnstile.host.SessionOptions;
import dev.turnstile.host.observe.Observation;
import dev.turnstile.machine.MachineConfig;
import dev.turnstile.machine.Outcome;
import dev.turnstile.machine.PermissionVerdict;
import dev.turnstile.machine.ToolPermissions;
import io.vavr.collection.Vector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/** {@code turnstile run}: one turn against a real provider, with the built-in tools, journaled. */
public final class RunCommand implements Command {

    static final String DEFAULT_SYSTEM_PROMPT = "You are a helpful assistant with tools: list_dir and read_file read "
            + "files in the user's working directory (paths are relative to it), calculator evaluates arithmetic "
            + "exactly. Use them when they help, and answer concisely.";
    private static final Duration TURN_WAIT = Duration.ofHours(24);

    private static final List<OptionSpec> OPTIONS;

    static {
        List<OptionSpec> options = new ArrayList<>(ProviderOptions.OPTIONS);
        options.addAll(List.of(
                OptionSpec.value("journal", "DIR", "the store directory; default ./.turnstile"),
                OptionSpec.value("workdir", "DIR", "the directory read_file and list_dir may read; default the "
                        + "current directory"),
                OptionSpec.value("max-rounds", "N", "model rounds before the grace round; default 25"),
                OptionSpec.value("approve", "MODE", "ask (confirm each tool call at the terminal), all (allow every "
                        + "call) or none (deny every call); default ask"),
                OptionSpec.flag("json", "print one JSON object per event on stdout, then the outcome"),
                OptionSpec.value("session", "ID", "session id; an existing session of the store is resumed and the "
                        + "prompt continues it; default a new run-<time>-<hex> id"),
                OptionSpec.value("system", "TEXT", "the system prompt of a new session")));
        OPTIONS = List.copyOf(options);
    }

    private static final CommandSpec SPEC = new CommandSpec("run", "run --model NAME [OPTIONS] PROMPT",
            "run one agent turn against a real provider",
            """
            Sends PROMPT to a model and runs the turn to its outcome with the built-in tools: read_file and
            list_dir (read-only, confined to --workdir: absolute paths, .. escapes and symlinks leading out
            are refused) and calculator. The turn is shown live (streamed text, tool calls and results,
            approvals, token usage); with --json, every event is printed as one JSON object instead. Every
            input is journaled under --journal, so the session can be replayed and inspected afterwards.
            PROMPT "-" reads the prompt from stdin (not with --approve ask).

            --approve ask asks y/N at the terminal before each tool call; the end of stdin denies. With no
            --api-key-env, OPENAI_API_KEY or ANTHROPIC_API_KEY is sent only to the provider's own base URL.
            Exit code 2 means the turn stopped (cancelled, budget or rounds exhausted, the model failed).""",
            OPTIONS, 1, 1,
            List.of("turnstile run --model gpt-4o-mini \"What is 17.5% of 2,340?\"",
                    "turnstile run --base-url http://localhost:11434/v1 --model llama3.2 --approve all "
                            + "\"Summarize README.md\"",
                    "turnstile run --provider anthropic --model claude-sonnet-4-5 --json --approve none \"Hi\""));

    /** Creates the command. */
    public RunCommand() {}

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public ExitCode run(ParsedArgs args, Console console) throws Exception {
        ProviderOptions provider = ProviderOptions.from("run", args, false);
        String approve = args.choice("approve", List.of("ask", "all", "none"), "ask");
        int maxRounds = args.positiveInt("max-rounds", 25);
        provider.apiKey("run", console);
        String prompt = prompt(args, approve, console);
        Path store = console.resolve(args.value("journal", ".turnstile"));
        Path workdir = console.resolve(args.value("workdir", "."));
        if (!Files.isDirectory(workdir)) {
            throw ArgParser.usageError("run", "--workdir " + workdir + " is not a directory");
        }
        String sessionId = args.value("session").orElseGet(RunCommand::newSessionId);
        if (!sessionId.matches("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}")) {
            throw ArgParser.usageError("run", "--session must be 1-128 letters, digits, '.', '_' or '-'");
        }
        MachineConfig config = MachineConfig.builder(provider.model())
                .systemPrompt(args.value("system", DEFAULT_SYSTEM_PROMPT))
                .maxRounds(maxRounds).permissions(permissions(approve)).build();
        boolean json = args.has("json");
        try (BlockingRuntime runtime = BlockingRuntime.builder().model(provider.blockingClient("run", console))
                .tools(BuiltinTools.forDirectory(workdir)).store(store).build()) {
            boolean exists = runtime.storedSessions().contains(sessionId);
            Session session = exists ? runtime.resume(sessionId)
                    : runtime.open(SessionOptions.of(sessionId, config));
            // Ctrl-C cancels the turn (journaled like any input), so it ends as "stopped: cancelled".
            console.stop().thenRun(() -> session.cancel("interrupted at the terminal"));
            try {
                Consumer<Observation> display = json ? new JsonEventPrinter(console.out()) : new LiveView(console.out());
                Consumer<Observation> sink = approve.equals("ask") ? new ApprovalPrompt(session, display, console.err(),
                        console.in(), principal(console)) : display;
                if (exists) {
                    console.err().println("resuming session " + sessionId + " (its journal's model, system prompt, "
                            + "limits and approval policy apply)");
                    TurnFollower.afterRecovery(session, sink, TURN_WAIT);
                }
                TurnFollower.Followed followed = Turns.send(session, prompt, sink, TURN_WAIT);
                if (display instanceof LiveView view) {
                    view.endLine();
                }
                ExitCode code = followed.outcome().filter(o -> o instanceof Outcome.Completed).isPresent()
                        ? ExitCode.OK : ExitCode.TURN_STOPPED;
                if (json) {
                    ((JsonEventPrinter) display).printOutcome(sessionId, followed, code.code());
                }
                console.err().println("session " + sessionId + " · journal "
                        + store.resolve("sessions").resolve(sessionId).resolve("journal.jsonl"));
                return code;
            } finally {
                session.close().join();
            }
        }
    }

    private static String prompt(ParsedArgs args, String approve, Console console) throws IOException {
        String prompt = args.positional(0);
        if (prompt.equals("-")) {
            if (approve.equals("ask")) {
                throw ArgParser.usageError("run", "a prompt read from stdin (\"-\") needs --approve all or none, "
                        + "since --approve ask reads its answers from stdin");
            }
            StringBuilder text = new StringBuilder();
            for (String line = console.in().readLine(); line != null; line = console.in().readLine()) {
                text.append(line).append('\n');
            }
            prompt = text.toString().strip();
        }
        if (prompt.isBlank()) {
            throw new UsageException("run: the prompt is empty (see 'turnstile run --help')");
        }
        return prompt;
    }

    static ToolPermissions permissions(String approve) {
        return switch (approve) {
            case "all" -> ToolPermissions.ALLOW_ALL;
            case "none" -> new ToolPermissions(Vector.empty(), PermissionVerdict.DENY);
            default -> new ToolPermissions(Vector.empty(), PermissionVerdict.ASK);
        };
    }

    private static String principal(Console console) {
        String user = console.env().apply("USER");
        return user == null || user.isBlank() ? "terminal" : user;
    }

    private static String newSessionId() {
        String time = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(ZonedDateTime.now(ZoneOffset.UTC));
        byte[] random = new byte[2];
        ThreadLocalRandom.current().nextBytes(random);
        return "run-" + time + "-" + HexFormat.of().formatHex(random);
    }
}
