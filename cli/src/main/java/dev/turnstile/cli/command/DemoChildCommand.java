package dev.turnstile.cli.command;

import dev.turnstile.blocking.BlockingRuntime;
import dev.turnstile.cli.Console;
import dev.turnstile.cli.ExitCode;
import dev.turnstile.cli.args.CommandSpec;
import dev.turnstile.cli.args.OptionSpec;
import dev.turnstile.cli.args.ParsedArgs;
import dev.turnstile.cli.demo.DemoScript;
import dev.turnstile.cli.demo.DemoSetup;
import dev.turnstile.cli.live.LiveView;
import dev.turnstile.cli.live.TurnFollower;
import dev.turnstile.cli.live.Turns;
import dev.turnstile.cli.provider.ProviderOptions;
import dev.turnstile.host.SessionOptions;
import dev.turnstile.machine.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code turnstile demo-child}: internal, started by {@code demo} in a second JVM. Opens the demo
 * session in the given store, sends the demo prompt and shows the turn live until it finishes (or,
 * as the demo intends, until the parent kills this process).
 */
public final class DemoChildCommand implements Command {

    private static final List<OptionSpec> OPTIONS;

    static {
        List<OptionSpec> options = new ArrayList<>(List.of(
                OptionSpec.value("store", "DIR", "the store directory"),
                OptionSpec.value("session", "ID", "the session id to open"),
                OptionSpec.value("sandbox", "DIR", "the directory the file tools may read")));
        options.addAll(ProviderOptions.OPTIONS);
        OPTIONS = List.copyOf(options);
    }

    private static final CommandSpec SPEC = new CommandSpec("demo-child", "demo-child --store DIR --session ID "
            + "--sandbox DIR --model NAME [--provider NAME] [--base-url URL] [--api-key-env VAR]",
            "internal: the demo's child JVM",
            "Internal plumbing of 'turnstile demo': runs the demo turn in a JVM the demo then kills.",
            OPTIONS, 0, 0, List.of());

    /** Creates the command. */
    public DemoChildCommand() {}

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public boolean hidden() {
        return true;
    }

    @Override
    public ExitCode run(ParsedArgs args, Console console) throws Exception {
        Path store = console.resolve(args.required("store"));
        Path sandbox = console.resolve(args.required("sandbox"));
        String sessionId = args.required("session");
        ProviderOptions provider = ProviderOptions.from("demo-child", args, false);
        DemoScript script = DemoScript.bundled();
        console.out().println("child JVM pid " + ProcessHandle.current().pid() + ": opening session " + sessionId);
        LiveView view = new LiveView(console.out());
        try (BlockingRuntime runtime = DemoSetup.runtime(provider.blockingClient("demo-child", console), sandbox, store)) {
            TurnFollower.Followed followed = Turns.openAndRun(runtime,
                    SessionOptions.of(sessionId, DemoSetup.config(script, provider.model())), script.prompt(), view,
                    Duration.ofMinutes(10));
            view.endLine();
            return followed.outcome().filter(o -> o instanceof Outcome.Completed).isPresent() ? ExitCode.OK
                    : ExitCode.TURN_STOPPED;
        }
    }
}
