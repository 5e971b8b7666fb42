package dev.turnstile.cli.command;

import dev.turnstile.cli.CommandFailedException;
import dev.turnstile.cli.Console;
import dev.turnstile.cli.ExitCode;
import dev.turnstile.cli.args.ArgParser;
import dev.turnstile.cli.args.CommandSpec;
import dev.turnstile.cli.args.OptionSpec;
import dev.turnstile.cli.args.ParsedArgs;
import dev.turnstile.cli.demo.DemoScript;
import dev.turnstile.cli.demo.DemoSetup;
import dev.turnstile.cli.demo.ScriptedModelServer;
import dev.turnstile.cli.provider.ProviderOptions;
import dev.turnstile.cli.tools.BuiltinTools;
import dev.turnstile.host.Tool;
import dev.turnstile.host.tools.Tools;
import dev.turnstile.machine.MachineConfig;
import dev.turnstile.netty.NettyRuntime;
import dev.turnstile.netty.server.Caller;
import dev.turnstile.netty.server.ServerSettings;
import dev.turnstile.netty.server.SessionServer;
import dev.turnstile.netty.server.TokenRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code turnstile serve}: the Netty HTTP/SSE session server over the embedded file store, on
 * 127.0.0.1, until the process is interrupted.
 */
public final class ServeCommand implements Command {

    private static final List<OptionSpec> OPTIONS;

    static {
        List<OptionSpec> options = new ArrayList<>(List.of(
                OptionSpec.value("port", "N", "the port on 127.0.0.1; 0 picks a free one; default 8080"),
                OptionSpec.value("tokens", "FILE", "the bearer token file ({\"tokens\":[{\"token\":…,\"tenant\":…,"
                        + "\"principal\":…}]}); default one fresh token, printed at start"),
                OptionSpec.value("store", "DIR", "the store directory; default ./.turnstile"),
                OptionSpec.value("workdir", "DIR", "the directory read_file and list_dir may read; default the current "
                        + "directory (the demo sandbox with the scripted model)")));
        options.addAll(ProviderOptions.OPTIONS);
        OPTIONS = List.copyOf(options);
    }

    private static final CommandSpec SPEC = new CommandSpec("serve", "serve [OPTIONS]",
            "serve sessions over HTTP/SSE (Netty) from the file store",
            """
            Starts the HTTP/SSE session server on 127.0.0.1 (plain HTTP: put TLS in front of it before
            exposing it): JSON routes under /v1 to create sessions, send messages, decide approvals, cancel,
            download journals, and server-sent events to follow a session by cursor. Sessions run on the
            Netty runtime with the built-in tools and are journaled to --store, so they survive restarts.

            Every /v1 route needs "Authorization: Bearer TOKEN". Without --tokens, one random token is made
            for tenant "local" and printed. Without --model, sessions talk to the demo's scripted model (on
            a second loopback port) and the tools read the demo sandbox, so the API can be tried offline.
            Runs until interrupted (Ctrl-C).""",
            OPTIONS, 0, 0,
            List.of("turnstile serve --port 8080",
                    "turnstile serve --tokens tokens.json --store /var/lib/turnstile --model gpt-4o-mini "
                            + "--api-key-env OPENAI_API_KEY"));

    /** Creates the command. */
    public ServeCommand() {}

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public ExitCode run(ParsedArgs args, Console console) throws Exception {
        int port = args.intInRange("port", 0, 65_535, 8080);
        Optional<ProviderOptions> provider = ProviderOptions.given(args)
                ? Optional.of(ProviderOptions.from("serve", args, false)) : Optional.empty();
        provider.ifPresent(p -> p.apiKey("serve", console));
        Path store = console.resolve(args.value("store", ".turnstile"));
        Tokens tokens = tokens(args, console);
        DemoScript script = DemoScript.bundled();
        try (ScriptedModelServer scripted = provider.isPresent() ? null
                : ScriptedModelServer.start(script, Duration.ofMillis(DemoCommand.DEFAULT_PACE_MS))) {
            Path workdir = workdir(args, console, scripted, script);
            ProviderOptions endpoint = provider.orElseGet(() -> new ProviderOptions("openai", scripted.baseUrl(),
                    script.model(), Optional.empty()));
            List<Tool> tools = BuiltinTools.forDirectory(workdir);
            MachineConfig defaults = MachineConfig.builder(endpoint.model()).systemPrompt(RunCommand.DEFAULT_SYSTEM_PROMPT)
                    .tools(Tools.specs(tools)).build();
            try (NettyRuntime runtime = NettyRuntime.builder().store(store).tools(tools)
                    .model(http -> endpoint.nettyClient("serve", console, http)).build();
                    SessionServer server = start(runtime, tokens.registry(), defaults, port)) {
                announce(console, server.port(), tokens, endpoint, scripted != null, store, workdir);
                console.stop().join();
                console.err().println("stopping");
            }
        }
        return ExitCode.OK;
    }

    private static SessionServer start(NettyRuntime runtime, TokenRegistry tokens, MachineConfig defaults, int port) {
        try {
            return SessionServer.builder().runtime(runtime).tokens(tokens).sessionDefaults(defaults)
                    .settings(ServerSettings.DEFAULTS.withPort(port)).start();
        } catch (IllegalStateException e) {
            throw new CommandFailedException(ExitCode.IO_ERROR, e.getMessage(), e);
        }
    }

    private static Path workdir(ParsedArgs args, Console console, ScriptedModelServer scripted, DemoScript script)
            throws java.io.IOException {
        if (args.has("workdir")) {
            Path dir = console.resolve(args.required("workdir"));
            if (!Files.isDirectory(dir)) {
                throw ArgParser.usageError("serve", "--workdir " + dir + " is not a directory");
            }
            return dir;
        }
        if (scripted == null) {
            return console.workingDirectory();
        }
        Path sandbox = Files.createTempDirectory("turnstile-serve-").resolve("sandbox");
        DemoSetup.writeSandbox(script, sandbox);
        return sandbox;
    }

    /** The registry, and the token made up for this run if there was no file. */
    private record Tokens(TokenRegistry registry, Optional<String> generated, String principal) {}

    private static Tokens tokens(ParsedArgs args, Console console) {
        if (args.has("tokens")) {
            Path file = console.resolve(args.required("tokens"));
            try {
                return new Tokens(TokenRegistry.load(file), Optional.empty(), "");
            } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
                throw new CommandFailedException(ExitCode.IO_ERROR, e.getMessage(), e);
            }
        }
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        String token = HexFormat.of().formatHex(secret);
        String user = console.env().apply("USER");
        String principal = user == null || user.isBlank() ? "local-user" : user;
        return new Tokens(TokenRegistry.of(Map.of(token, new Caller("local", principal))), Optional.of(token),
                principal);
    }

    private static void announce(Console console, int port, Tokens tokens, ProviderOptions endpoint, boolean scripted,
            Path store, Path workdir) {
        var out = console.out();
        String base = "http://127.0.0.1:" + port;
        out.println("turnstile serve: listening on " + base);
        out.println("  model    " + (scripted ? "the demo's scripted model at " + endpoint.baseUrl() : endpoint.describe()));
        out.println("  store    " + store);
        out.println("  tools    " + String.join(", ", BuiltinTools.NAMES) + " (files: " + workdir + ")");
        String token = tokens.generated().orElse("$TOKEN");
        tokens.generated().ifPresent(t -> out.println("  token    " + t + "  (tenant local, principal "
                + tokens.principal() + "; valid while this process runs)"));
        out.println("try:");
        out.println("  curl -s " + base + "/healthz");
        out.println("  curl -s -H 'Authorization: Bearer " + token + "' -H 'content-type: application/json' -d '{}' "
                + base + "/v1/sessions");
        out.println("  curl -s -H 'Authorization: Bearer " + token + "' -H 'content-type: application/json' "
                + "-d '{\"text\":\"What do the two orders cost?\"}' " + base + "/v1/sessions/ID/messages");
        out.println("  curl -sN -H 'Authorization: Bearer " + token + "' " + base + "/v1/sessions/ID/events");
        out.println("Ctrl-C stops the server.");
        out.flush();
    }
}
