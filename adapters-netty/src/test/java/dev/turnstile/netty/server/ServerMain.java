package dev.turnstile.netty.server;

import dev.turnstile.host.store.Durability;
import dev.turnstile.host.store.FileJournalOptions;
import dev.turnstile.machine.MachineConfig;
import dev.turnstile.netty.NettyRuntime;
import dev.turnstile.netty.testing.AddTool;
import dev.turnstile.netty.testing.DemoModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the session server with the {@link DemoModel} (no network) and the {@code add} tool, for the
 * README's curl walk-through until {@code turnstile serve} exists. Arguments: {@code --port N}
 * (default 8080), {@code --tokens FILE} (default: a file with the token {@code dev-token-alice} for
 * tenant acme and {@code dev-token-mallory} for tenant evil), {@code --store DIR} (default a
 * temporary directory). Stops on Ctrl-C.
 */
public final class ServerMain {

    private ServerMain() {}

    /** Starts the server and waits. */
    public static void main(String[] args) throws Exception {
        int port = 8080;
        Path tokens = null;
        Path store = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--tokens" -> tokens = Path.of(args[i + 1]);
                case "--store" -> store = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (store == null) {
            store = Files.createTempDirectory("turnstile-serve-");
        }
        if (tokens == null) {
            tokens = store.resolve("tokens.json");
            Files.writeString(tokens, """
                    {"tokens": [
                      {"token": "dev-token-alice", "tenant": "acme", "principal": "alice"},
                      {"token": "dev-token-mallory", "tenant": "evil", "principal": "mallory"}
                    ]}
                    """);
        }
        NettyRuntime runtime = NettyRuntime.builder().model(new DemoModel()).tool(new AddTool())
                .store(store, FileJournalOptions.defaults().withDurability(Durability.FSYNC_GROUP_COMMIT)).build();
        SessionServer server = SessionServer.builder()
                .runtime(runtime)
                .tokens(TokenRegistry.load(tokens))
                .sessionDefaults(MachineConfig.builder("demo").tool(AddTool.SPEC).build())
                .settings(ServerSettings.DEFAULTS.withPort(port))
                .start();
        System.out.println("listening on http://127.0.0.1:" + server.port() + " (store " + store + ", tokens " + tokens + ")");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            runtime.close();
            stopped.countDown();
        }));
        stopped.await();
    }
}
