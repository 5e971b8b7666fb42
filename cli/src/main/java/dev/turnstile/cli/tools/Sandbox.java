package dev.turnstile.cli.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A directory the file tools may read, and nothing outside it. A path from the model is accepted only
 * when it is relative, stays inside the root after {@code .}/{@code ..} are resolved, and (when it
 * exists) its real path, symlinks followed, is inside the root's real path too. So {@code ../x},
 * {@code /etc/passwd}, {@code a/../../x} and a symlink pointing out of the tree are all refused.
 */
public final class Sandbox {

    private final Path root;
    private final Path realRoot;

    /**
     * @param root an existing directory
     * @throws IllegalArgumentException if it is not a directory
     */
    public Sandbox(Path root) {
        Objects.requireNonNull(root, "root");
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("the tool sandbox must be an existing directory: " + root);
        }
        this.root = root.toAbsolutePath().normalize();
        try {
            this.realRoot = root.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve the tool sandbox " + root + ": " + e.getMessage(), e);
        }
    }

    /** The sandbox directory. */
    public Path root() {
        return root;
    }

    /**
     * The file {@code relative} names inside the sandbox, symlinks resolved.
     *
     * @param relative a path relative to the sandbox root; empty or {@code .} is the root itself
     * @throws ToolRefusedException if it is absolute, leaves the sandbox, or does not exist
     */
    public Path resolve(String relative) throws ToolRefusedException {
        Objects.requireNonNull(relative, "relative");
        String text = relative.isBlank() ? "." : relative.strip();
        Path given;
        try {
            given = Path.of(text);
        } catch (InvalidPathException e) {
            throw new ToolRefusedException("invalid path \"" + relative + "\": " + e.getReason());
        }
        if (given.isAbsolute() || text.startsWith("/") || text.startsWith("\\") || given.getRoot() != null) {
            throw new ToolRefusedException("absolute paths are not allowed (\"" + relative
                    + "\"); give a path relative to the sandbox directory");
        }
        Path inside = root.resolve(given).normalize();
        if (!inside.startsWith(root)) {
            throw new ToolRefusedException("\"" + relative + "\" is outside the sandbox directory");
        }
        if (!Files.exists(inside, LinkOption.NOFOLLOW_LINKS)) {
            throw new ToolRefusedException("\"" + relative + "\" does not exist");
        }
        Path real;
        try {
            real = inside.toRealPath();
        } catch (IOException e) {
            // A dangling symlink, or one whose target cannot be read: nothing to read either way.
            throw new ToolRefusedException("\"" + relative + "\" cannot be resolved: " + e.getMessage());
        }
        if (!real.startsWith(realRoot)) {
            throw new ToolRefusedException("\"" + relative + "\" is a link that leads outside the sandbox directory");
        }
        return real;
    }

    /** {@code file}, a path inside the sandbox, relative to its root, with forward slashes. */
    public String relativize(Path file) {
        String rel = realRoot.relativize(file).toString().replace('\\', '/');
        return rel.isEmpty() ? "." : rel;
    }
}
