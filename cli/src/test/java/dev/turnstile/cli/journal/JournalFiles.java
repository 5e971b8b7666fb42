package dev.turnstile.cli.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.turnstile.cli.TestConsole;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32C;

/** Journals for tests: a real one made by the in-process demo, and ways to tamper with it. */
public final class JournalFiles {

    /** The "crc":"hhhhhhhh"} suffix every stored line ends with. */
    private static final int CRC_SUFFIX = "\"crc\":\"00000000\"}".length();

    private JournalFiles() {}

    /** Runs {@code turnstile demo --no-crash} into {@code store} and returns the journal file (9 records). */
    public static Path demoJournal(Path store) {
        TestConsole t = TestConsole.in(store.getParent());
        int status = t.run("demo", "--no-crash", "--pace-ms", "0", "--journal", store.toString());
        assertEquals(0, status, t.out() + t.err());
        return store.resolve("sessions/demo/journal.jsonl");
    }

    /**
     * Edits line {@code lineNumber} (1 = the header) and seals it again with a correct CRC32C, as if
     * the store had written the edited content: a tampered journal that still checks out.
     */
    public static void rewriteLine(Path file, int lineNumber, UnaryOperator<String> edit) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String line = lines.get(lineNumber - 1);
        String content = edit.apply(line.substring(0, line.length() - CRC_SUFFIX));
        CRC32C crc = new CRC32C();
        crc.update(content.getBytes(StandardCharsets.UTF_8));
        String hex = HexFormat.of().toHexDigits((int) crc.getValue());
        lines.set(lineNumber - 1, content + "\"crc\":\"" + hex + "\"}");
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    /** Edits line {@code lineNumber} without fixing its CRC: a corrupt journal. */
    public static void damageLine(Path file, int lineNumber, UnaryOperator<String> edit) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        lines.set(lineNumber - 1, edit.apply(lines.get(lineNumber - 1)));
        Files.write(file, lines, StandardCharsets.UTF_8);
    }
}
