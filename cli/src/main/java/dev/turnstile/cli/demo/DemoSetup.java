package dev.turnstile.cli.demo;

import dev.turnstile.blocking.BlockingRuntime;
import dev.turnstile.cli.tools.BuiltinTools;
import dev.turnstile.host.ModelClient;
import dev.turnstile.machine.MachineConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What both of the demo's processes build the same way: the sandbox, the session config, the runtime. */
public final class DemoSetup {

    /** Rounds per turn in the demo; the script needs four. */
    public static final int MAX_ROUNDS = 8;

    private DemoSetup() {}

    /** Writes the script's sandbox files under {@code directory}. */
    public static void writeSandbox(DemoScript script, Path directory) throws IOException {
        Files.createDirectories(directory);
        for (var file : script.sandbox().entrySet()) {
            Path target = directory.resolve(file.getKey()).normalize();
            if (!target.startsWith(directory)) {
                throw new IllegalArgumentException("the demo script names a file outside its sandbox: " + file.getKey());
            }
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue());
        }
    }

    /** The demo session's machine config: every built-in tool allowed, {@value #MAX_ROUNDS} rounds. */
    public static MachineConfig config(DemoScript script, String model) {
        return MachineConfig.builder(model).systemPrompt(script.systemPrompt()).maxRounds(MAX_ROUNDS).build();
    }

    /** A blocking runtime with the built-in tools over {@code sandbox} and a file store in {@code store}. */
    public static BlockingRuntime runtime(ModelClient model, Path sandbox, Path store) {
        return BlockingRuntime.builder().model(model).tools(BuiltinTools.forDirectory(sandbox)).store(store).build();
    }

    /** {@code demo}, or {@code demo-2}, {@code demo-3}… when the store already holds that session. */
    public static String freeSessionId(Path store) {
        String id = "demo";
        for (int n = 2; Files.exists(store.resolve("sessions").resolve(id)); n++) {
            id = "demo-" + n;
        }
        return id;
    }

    /** Where a session's journal lives in a file store. */
    public static Path journalFile(Path store, String sessionId) {
        return store.resolve("sessions").resolve(sessionId).resolve("journal.jsonl");
    }
}
