package dev.turnstile.cli.command;

import dev.turnstile.blocking.BlockingRuntime;
import dev.turnstile.cli.Console;
import dev.turnstile.cli.ExitCode;
import dev.turnstile.cli.args.CommandSpec;
import dev.turnstile.cli.args.OptionSpec;
import dev.turnstile.cli.args.ParsedArgs;
import dev.turnstile.cli.demo.CrashDemo;
import dev.turnstile.cli.demo.DemoScript;
import dev.turnstile.cli.demo.DemoSetup;
import dev.turnstile.cli.demo.DemoSummary;
import dev.turnstile.cli.demo.KillPoint;
import dev.turnstile.cli.demo.ScriptedModelServer;
import dev.turnstile.cli.journal.JournalReader;
import dev.turnstile.cli.journal.LoadedJournal;
import dev.turnstile.cli.live.LiveView;
import dev.turnstile.cli.live.Text;
import dev.turnstile.cli.live.TurnFollower;
import dev.turnstile.cli.live.Turns;
import dev.turnstile.cli.provider.ProviderOptions;
import dev.turnstile.cli.tools.BuiltinTools;
import dev.turnstile.host.SessionOptions;
import dev.turnstile.replay.ReplayReport;
import dev.turnstile.replay.Replayer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code turnstile demo}: one agent turn against a scripted OpenAI-compatible server on loopback, run
 * in a child JVM that is killed with SIGKILL mid-turn, resumed from the journal in this JVM, finished,
 * and replayed with every step verified.
 */
public final class DemoCommand implements Command {

    static final int DEFAULT_PACE_MS = 15;
    private static final int WORDS_BEFORE_HOLD = 5;
    private static final Duration KILL_POINT_WAIT = Duration.ofMinutes(3);
    private static final Duration TURN_WAIT = Duration.ofMinutes(10);

    private static final List<OptionSpec> OPTIONS;

    static {
        List<OptionSpec> options = new ArrayList<>(List.of(
                OptionSpec.value("journal", "DIR", "the store directory to journal into; default a new temporary "
                        + "directory (kept, so you can inspect it)"),
                OptionSpec.flag("no-crash", "run the whole turn in this JVM: no child process, no kill, no recovery"),
                OptionSpec.value("pace-ms", "N", "pause of the scripted model between streamed words, 0-1000; default "
                        + DEFAULT_PACE_MS)));
        options.addAll(ProviderOptions.OPTIONS);
        OPTIONS = List.copyOf(options);
    }

    private static final CommandSpec SPEC = new CommandSpec("demo", "demo [OPTIONS]",
            "run an agent turn, crash it, recover it, replay it (no network, no key)",
            """
            Runs one agent turn end to end on embedded defaults. A scripted, deterministic model is served
            by an OpenAI-compatible HTTP server on 127.0.0.1 (streaming server-sent events) and called by
            the blocking runtime's real HTTP client. The model lists a sandbox directory, reads a file,
            calls the calculator twice in parallel and answers; the tools are real (read_file and list_dir
            confined to the sandbox, an exact calculator) and every input is journaled to a file store.

            To show crash recovery for real, the turn runs in a child JVM. When the journal shows the last
            round's model call issued and its answer streaming, the child is killed with SIGKILL. This JVM
            then resumes the session from the journal (the model call in flight is re-issued; the tool
            results already journaled are not re-run), finishes the turn, and replays the journal through a
            fresh machine verifying every step. A summary ends the run.

            With --model (and --base-url, --api-key-env), the same demo runs against a real provider; the
            child is then killed when the journal shows the first tool round started.""",
            OPTIONS, 0, 0,
            List.of("turnstile demo",
                    "turnstile demo --no-crash --pace-ms 0",
                    "turnstile demo --base-url http://localhost:11434/v1 --model llama3.2",
                    "turnstile demo --model gpt-4o-mini --api-key-env OPENAI_API_KEY"));

    /** Creates the command. */
    public DemoCommand() {}

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public ExitCode run(ParsedArgs args, Console console) throws Exception {
        long started = System.nanoTime();
        DemoScript script = DemoScript.bundled();
        boolean realModel = ProviderOptions.given(args);
        Optional<ProviderOptions> provider = realModel ? Optional.of(ProviderOptions.from("demo", args, false))
                : Optional.empty();
        provider.ifPresent(p -> p.apiKey("demo", console));
        int paceMs = args.intInRange("pace-ms", 0, 1000, DEFAULT_PACE_MS);
        Path work = Files.createTempDirectory("turnstile-demo-");
        Path store = args.value("journal").map(console::resolve).orElse(work.resolve("journal"));
        Path sandbox = work.resolve("sandbox");
        DemoSetup.writeSandbox(script, sandbox);
        String sessionId = DemoSetup.freeSessionId(store);
        Path journal = DemoSetup.journalFile(store, sessionId);
        try (ScriptedModelServer server = realModel ? null : ScriptedModelServer.start(script, Duration.ofMillis(paceMs))) {
            ProviderOptions endpoint = provider.orElseGet(() -> new ProviderOptions("openai", server.baseUrl(),
                    script.model(), Optional.empty()));
            DemoRun run = new DemoRun(script, endpoint, store, sandbox, sessionId, journal, console);
            run.intro(server, args.has("no-crash"));
            Optional<String> crash = Optional.empty();
            TurnFollower.Followed followed;
            if (args.has("no-crash")) {
                followed = run.inThisJvm();
            } else {
                KillPoint point = server == null ? KillPoint.firstToolRound()
                        : KillPoint.finalAnswerStreaming(script, server);
                if (server != null) {
                    server.holdFinalAnswer(WORDS_BEFORE_HOLD);
                }
                CrashDemo.ChildEnd end = CrashDemo.runUntilKilled(run.childArgs(), journal, point, console.out(),
                        console.err(), KILL_POINT_WAIT);
                if (server != null) {
                    server.release();
                }
                crash = Optional.of(run.reportKill(end));
                followed = run.resumeHere();
            }
            return run.replayAndSummarize(followed, crash, started);
        }
    }

    /** One demo run's settings and steps. */
    private record DemoRun(DemoScript script, ProviderOptions endpoint, Path store, Path sandbox, String sessionId,
            Path journal, Console console) {

        void intro(ScriptedModelServer server, boolean noCrash) {
            var out = console.out();
            out.println("Turnstile demo: an agent turn" + (noCrash ? "" : ", a crash, a recovery") + " and a replay");
            out.println("  model    " + (server != null ? "scripted, deterministic, served OpenAI-style at "
                    + server.baseUrl() + " (streaming SSE; no network, no key)" : endpoint.describe()));
            out.println("  tools    " + String.join(", ", BuiltinTools.NAMES) + "  (files: sandbox " + sandbox + ")");
            out.println("  journal  " + journal);
            out.println("  prompt   " + Text.quoted(script.prompt(), 200));
            if (!noCrash) {
                out.println("  plan     a child JVM runs the turn and is killed with SIGKILL mid-turn; this JVM"
                        + " (pid " + ProcessHandle.current().pid() + ") resumes the session from the journal,"
                        + " finishes it, then replays the journal and verifies every step");
            }
            out.println();
            out.flush();
        }

        TurnFollower.Followed inThisJvm() throws Exception {
            LiveView view = new LiveView(console.out());
            try (BlockingRuntime runtime = DemoSetup.runtime(endpoint.blockingClient("demo", console), sandbox, store)) {
                TurnFollower.Followed followed = Turns.openAndRun(runtime,
                        SessionOptions.of(sessionId, DemoSetup.config(script, endpoint.model())), script.prompt(),
                        view, TURN_WAIT);
                view.endLine();
                return followed;
            }
        }

        List<String> childArgs() {
            List<String> a = new ArrayList<>(List.of("demo-child", "--store", store.toString(), "--session", sessionId,
                    "--sandbox", sandbox.toString(), "--provider", endpoint.provider(), "--base-url",
                    endpoint.baseUrl(), "--model", endpoint.model()));
            endpoint.apiKeyVariable().ifPresent(v -> a.addAll(List.of("--api-key-env", v)));
            return a;
        }

        String reportKill(CrashDemo.ChildEnd end) {
            var out = console.out();
            out.println();
            if (!end.killed()) {
                out.println("▸ the child JVM finished the turn before the kill point; there is nothing to recover");
                out.println();
                return "none: the child finished before the kill point";
            }
            out.println("✂ killed the child JVM (pid " + end.pid() + ") with SIGKILL, exit status " + end.exitStatus()
                    + ": the journal had " + end.recordsAtKill() + " records, " + end.inFlight() + " in flight");
            out.println("▸ this JVM (pid " + ProcessHandle.current().pid() + ") resumes session " + sessionId
                    + " from the journal");
            out.flush();
            return "child pid " + end.pid() + " killed (SIGKILL) with " + end.inFlight()
                    + " in flight; resumed from the journal in pid " + ProcessHandle.current().pid();
        }

        TurnFollower.Followed resumeHere() throws Exception {
            LiveView view = new LiveView(console.out());
            try (BlockingRuntime runtime = DemoSetup.runtime(endpoint.blockingClient("demo", console), sandbox, store)) {
                TurnFollower.Followed followed = Turns.resumeAndFinish(runtime, sessionId, view, TURN_WAIT);
                view.endLine();
                return followed;
            }
        }

        ExitCode replayAndSummarize(TurnFollower.Followed followed, Optional<String> crash, long started) {
            LoadedJournal loaded = JournalReader.read(journal);
            long replayStarted = System.nanoTime();
            ReplayReport report = Replayer.replay(loaded.headerJson(), loaded.recordJsons());
            double replayMillis = (System.nanoTime() - replayStarted) / 1e6;
            if (report instanceof ReplayReport.Diverged d) {
                console.out().println("replay diverged:");
                console.out().print(DivergenceText.of(d, false));
                return ExitCode.REPLAY_DIVERGED;
            }
            ReplayReport.Verified verified = (ReplayReport.Verified) report;
            double wallMillis = (System.nanoTime() - started) / 1e6;
            new DemoSummary(verified.state(), verified.records(), loaded.bytes(), journal, wallMillis, replayMillis,
                    crash).print(console.out());
            boolean completed = followed.outcome().map(o -> o instanceof dev.turnstile.machine.Outcome.Completed)
                    .orElse(false);
            return completed ? ExitCode.OK : ExitCode.TURN_STOPPED;
        }
    }
}
