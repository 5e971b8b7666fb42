package dev.turnstile.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.turnstile.blocking.http.MiniServerAccess;
import dev.turnstile.machine.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's example is the compiled {@link ReadmeExample}, and it runs. */
class ReadmeExampleTest {

    @Test
    void theReadmeShowsExactlyTheCompiledExample() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String source = Files.readString(Path.of("src/test/java/dev/turnstile/blocking/ReadmeExample.java"));
        String compiled = source.substring(source.indexOf("// README-BEGIN\n") + "// README-BEGIN\n".length(),
                source.indexOf("    // README-END"));
        String marker = "```java\n";
        int start = readme.indexOf(marker, readme.indexOf("## Embedding example")) + marker.length();
        String shown = readme.substring(start, readme.indexOf("```", start));
        assertEquals(dedent(compiled), dedent(shown));
    }

    @Test
    void theExampleRunsAToolRoundAgainstALoopbackServer(@TempDir Path store) throws Exception {
        try (var server = MiniServerAccess.weatherServer()) {
            Outcome outcome = ReadmeExample.askTheWeather(server.baseUrl(), store);
            assertEquals(new Outcome.Completed("It is -3.5 °C in Oslo."), outcome);
            assertEquals(2, server.requestCount());
            assertTrue(server.lastRequestBody().contains("\"role\":\"tool\""), server.lastRequestBody());
            assertTrue(server.lastRequestBody().contains("-3.5"), server.lastRequestBody());
        }
        assertTrue(Files.exists(store), "the file store was created");
    }

    private static List<String> dedent(String block) {
        List<String> lines = block.lines().toList();
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList();
    }
}
