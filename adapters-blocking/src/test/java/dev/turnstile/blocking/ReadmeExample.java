package dev.turnstile.blocking;

import dev.turnstile.blocking.http.OpenAiChatClient;
import dev.turnstile.host.Session;
import dev.turnstile.host.SessionOptions;
import dev.turnstile.host.observe.Observation;
import dev.turnstile.host.tools.Param;
import dev.turnstile.host.tools.ToolMethod;
import dev.turnstile.host.tools.Tools;
import dev.turnstile.machine.MachineConfig;
import dev.turnstile.machine.Outcome;
import dev.turnstile.wire.StreamDelta;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The embedding example of adapters-blocking/README.md. The code between the markers is the README's
 * code block, line for line ({@link ReadmeExampleTest} checks), so the README always compiles and runs.
 */
final class ReadmeExample {

    private ReadmeExample() {}

    // README-BEGIN
    static final class Weather {
        @ToolMethod(description = "Current temperature in a city, in °C", idempotent = true)
        double temperature(@Param(name = "city", description = "city name") String city) {
            return city.equals("Oslo") ? -3.5 : 21.0; // call a real weather service here
        }
    }

    static Outcome askTheWeather(String baseUrl, Path store) throws Exception {
        try (BlockingRuntime runtime = BlockingRuntime.builder()
                .model(OpenAiChatClient.builder().baseUrl(baseUrl).build()) // + .apiKeyFromEnv("OPENAI_API_KEY")
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
            session.close().join();
            return outcome;
        }
    }
    // README-END
}
