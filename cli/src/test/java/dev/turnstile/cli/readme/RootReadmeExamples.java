package dev.turnstile.cli.readme;

import dev.turnstile.blocking.BlockingRuntime;
import dev.turnstile.host.Session;
import dev.turnstile.host.SessionOptions;
import dev.turnstile.host.observe.Observation;
import dev.turnstile.host.tools.Param;
import dev.turnstile.host.tools.ToolMethod;
import dev.turnstile.host.tools.Tools;
import dev.turnstile.machine.MachineConfig;
import dev.turnstile.machine.Outcome;
import dev.turnstile.netty.NettyRuntime;
import dev.turnstile.wire.StreamDelta;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The embedding examples of the root README.md, compiled. The code between each pair of markers is
 * one of the README's code blocks, line for line ({@link RootReadmeExamplesTest} checks).
 */
final class RootReadmeExamples {

    private RootReadmeExamples() {}

    static final class Weather {
        @ToolMethod(description = "Current temperature in a city, in °C", idempotent = true)
        double temperature(@Param(name = "city", description = "city name") String city) {
            return city.equals("Oslo") ? -3.5 : 21.0;
        }
    }

    static Outcome blocking(String baseUrl, Path store) throws Exception {
        // README-BLOCKING-BEGIN
        try (BlockingRuntime runtime = BlockingRuntime.builder()
                .model(dev.turnstile.blocking.http.OpenAiChatClient.builder().baseUrl(baseUrl).build())
                .tools(Tools.fromObject(new Weather()))
                .store(store) // or .inMemoryStore()
                .build()) {
            Session session = runtime.open(SessionOptions.of("chat-1", MachineConfig.builder("llama3.2").build()));
            long cursor = session.observations().lastCursor();
            session.send("How cold is it in Oslo?").join(); // returns once the message is journaled
            Outcome outcome = session.turnFinished(cursor).get(2, TimeUnit.MINUTES);
            for (Observation o : session.observations().read(cursor, 1_000)) {
                if (o instanceof Observation.DeltaObserved d && d.delta() instanceof StreamDelta.TextDelta t) {
                    System.out.print(t.text()); // live tokens, in order
                }
            }
            return outcome;
        }
        // README-BLOCKING-END
    }

    static Outcome netty(String baseUrl, Path store) throws Exception {
        // README-NETTY-BEGIN
        try (NettyRuntime runtime = NettyRuntime.builder() // was: BlockingRuntime.builder()
                .model(http -> dev.turnstile.netty.http.OpenAiChatClient.builder().baseUrl(baseUrl).httpClient(http).build())
                .tools(Tools.fromObject(new Weather()))
                .store(store)
                .build()) {
            Session session = runtime.open(SessionOptions.of("chat-2", MachineConfig.builder("llama3.2").build()));
            long cursor = session.observations().lastCursor();
            session.send("How cold is it in Oslo?").join();
            return session.turnFinished(cursor).get(2, TimeUnit.MINUTES);
        }
        // README-NETTY-END
    }
}
