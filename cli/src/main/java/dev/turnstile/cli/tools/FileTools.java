package dev.turnstile.cli.tools;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The read-only file tools over a {@link Sandbox}: {@code read_file} and {@code list_dir}. Outputs are
 * bounded, so a large file or directory cannot flood the model's context.
 */
public final class FileTools {

    /** The most bytes {@code read_file} returns; longer files are cut with a note. */
    public static final int MAX_READ_BYTES = 64 * 1024;
    /** The most entries {@code list_dir} returns. */
    public static final int MAX_LIST_ENTRIES = 500;

    private final Sandbox sandbox;

    /** File tools reading inside {@code sandbox}. */
    public FileTools(Sandbox sandbox) {
        this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
    }

    /** The sandbox. */
    public Sandbox sandbox() {
        return sandbox;
    }

    /**
     * The text of a file in the sandbox (UTF-8; invalid bytes refused as binary), cut after
     * {@value #MAX_READ_BYTES} bytes with a note saying so.
     */
    public String readFile(String path) throws ToolRefusedException, IOException {
        Path file = sandbox.resolve(path);
        if (Files.isDirectory(file)) {
            throw new ToolRefusedException("\"" + path + "\" is a directory; use list_dir");
        }
        if (!Files.isRegularFile(file)) {
            throw new ToolRefusedException("\"" + path + "\" is not a regular file");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_READ_BYTES + 1);
        }
        boolean cut = bytes.length > MAX_READ_BYTES;
        int length = cut ? MAX_READ_BYTES : bytes.length;
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(cut ? CodingErrorAction.REPLACE : CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length)).toString();
        } catch (CharacterCodingException e) {
            throw new ToolRefusedException("\"" + path + "\" is not UTF-8 text");
        }
        return cut ? text + "\n[cut: the file is longer than " + MAX_READ_BYTES + " bytes]" : text;
    }

    /**
     * The entries of a directory in the sandbox, sorted by name, one per line: {@code name/} for
     * directories, {@code name  (N bytes)} for files, {@code name@} for symlinks.
     */
    public String listDir(String path) throws ToolRefusedException, IOException {
        Path dir = sandbox.resolve(path);
        if (!Files.isDirectory(dir)) {
            throw new ToolRefusedException("\"" + path + "\" is not a directory; use read_file");
        }
        List<Path> entries;
        try (Stream<Path> listing = Files.list(dir)) {
            entries = listing.sorted().toList();
        }
        List<String> lines = new ArrayList<>();
        for (Path entry : entries.subList(0, Math.min(entries.size(), MAX_LIST_ENTRIES))) {
            lines.add(describe(entry));
        }
        if (entries.size() > MAX_LIST_ENTRIES) {
            lines.add("[cut: " + (entries.size() - MAX_LIST_ENTRIES) + " more entries]");
        }
        if (lines.isEmpty()) {
            return "(empty directory: " + sandbox.relativize(dir) + ")";
        }
        return String.join("\n", lines);
    }

    private static String describe(Path entry) throws IOException {
        String name = entry.getFileName().toString();
        if (Files.isSymbolicLink(entry)) {
            return name + "@";
        }
        if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
            return name + "/";
        }
        return name + "  (" + Files.size(entry) + " bytes)";
    }
}
