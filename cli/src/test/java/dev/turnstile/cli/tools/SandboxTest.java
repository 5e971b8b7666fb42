package dev.turnstile.cli.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file tools read inside their sandbox and refuse every way out of it. */
class SandboxTest {

    @TempDir
    Path temp;

    private Path root;
    private FileTools files;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(temp.resolve("sandbox"));
        Files.writeString(root.resolve("a.txt"), "hello\n");
        Files.createDirectories(root.resolve("sub/deeper"));
        Files.writeString(root.resolve("sub/b.txt"), "inside\n");
        Files.writeString(temp.resolve("secret.txt"), "outside the sandbox\n");
        files = new FileTools(new Sandbox(root));
    }

    @Test
    void readsAndListsInsideTheSandbox() throws Exception {
        assertEquals("hello\n", files.readFile("a.txt"));
        assertEquals("inside\n", files.readFile("sub/../sub/./b.txt"));
        assertEquals("a.txt  (6 bytes)\nsub/", files.listDir("."));
        assertEquals("a.txt  (6 bytes)\nsub/", files.listDir(""));
        assertEquals("b.txt  (7 bytes)\ndeeper/", files.listDir("sub"));
        assertEquals("(empty directory: sub/deeper)", files.listDir("sub/deeper"));
    }

    @Test
    void traversalOutsideIsRefused() {
        assertRefused("\"../secret.txt\" is outside the sandbox directory", () -> files.readFile("../secret.txt"));
        assertRefused("\"sub/../../secret.txt\" is outside the sandbox directory",
                () -> files.readFile("sub/../../secret.txt"));
        assertRefused("\"..\" is outside the sandbox directory", () -> files.listDir(".."));
    }

    @Test
    void absolutePathsAreRefusedEvenInsideTheSandbox() {
        String inside = root.resolve("a.txt").toString();
        assertRefused("absolute paths are not allowed (\"" + inside + "\"); give a path relative to the sandbox directory",
                () -> files.readFile(inside));
        assertRefused("absolute paths are not allowed (\"/etc/passwd\"); give a path relative to the sandbox directory",
                () -> files.readFile("/etc/passwd"));
    }

    @Test
    void symlinksLeadingOutAreRefusedAndThoseStayingInsideWork() throws IOException, Exception {
        Files.createSymbolicLink(root.resolve("escape.txt"), temp.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("escape-dir"), temp);
        Files.createSymbolicLink(root.resolve("alias.txt"), root.resolve("a.txt"));
        assertRefused("\"escape.txt\" is a link that leads outside the sandbox directory", () -> files.readFile("escape.txt"));
        assertRefused("\"escape-dir/secret.txt\" is a link that leads outside the sandbox directory",
                () -> files.readFile("escape-dir/secret.txt"));
        assertRefused("\"escape-dir\" is a link that leads outside the sandbox directory", () -> files.listDir("escape-dir"));
        assertEquals("hello\n", files.readFile("alias.txt"));
        assertTrue(files.listDir(".").contains("escape.txt@"));
    }

    @Test
    void wrongKindsOfFilesAreRefusedWithAHint() throws IOException {
        assertRefused("\"sub\" is a directory; use list_dir", () -> files.readFile("sub"));
        assertRefused("\"a.txt\" is not a directory; use read_file", () -> files.listDir("a.txt"));
        assertRefused("\"missing.txt\" does not exist", () -> files.readFile("missing.txt"));
        Files.write(root.resolve("binary.bin"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        assertRefused("\"binary.bin\" is not UTF-8 text", () -> files.readFile("binary.bin"));
        assertRefused("invalid path \"a\u0000b\": Nul character not allowed", () -> files.readFile("a\u0000b"));
    }

    @Test
    void longFilesAreCut() throws Exception {
        Files.writeString(root.resolve("big.txt"), "x".repeat(FileTools.MAX_READ_BYTES + 10));
        String text = files.readFile("big.txt");
        assertTrue(text.startsWith("x".repeat(FileTools.MAX_READ_BYTES) + "\n[cut: the file is longer than"), text.substring(0, 10));
    }

    private static void assertRefused(String message, ThrowingRunnable call) {
        ToolRefusedException e = assertThrows(ToolRefusedException.class, call::run);
        assertEquals(message, e.getMessage());
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
