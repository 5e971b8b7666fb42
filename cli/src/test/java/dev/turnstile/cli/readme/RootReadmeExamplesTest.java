package dev.turnstile.cli.readme;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The root README's embedding examples are the compiled {@link RootReadmeExamples}, line for line. */
class RootReadmeExamplesTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Path SOURCE = Path.of("src/test/java/dev/turnstile/cli/readme/RootReadmeExamples.java");

    @Test
    void theBlockingExampleIsCompiledCode() throws Exception {
        assertInReadme("README-BLOCKING");
    }

    @Test
    void theNettyExampleIsCompiledCode() throws Exception {
        assertInReadme("README-NETTY");
    }

    private static void assertInReadme(String marker) throws Exception {
        String source = Files.readString(SOURCE);
        String begin = "// " + marker + "-BEGIN\n";
        String block = source.substring(source.indexOf(begin) + begin.length(), source.indexOf("        // " + marker + "-END"));
        // The README shows the block without the method's indentation.
        String unindented = block.lines().map(l -> l.length() >= 8 ? l.substring(8) : l.strip())
                .collect(Collectors.joining("\n", "", "\n"));
        String readme = Files.readString(README);
        assertTrue(readme.contains("```java\n" + unindented + "```"),
                "README.md must show the " + marker + " example exactly as compiled:\n" + unindented);
    }
}
