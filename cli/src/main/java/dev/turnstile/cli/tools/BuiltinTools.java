package dev.turnstile.cli.tools;

import dev.turnstile.host.Tool;
import dev.turnstile.host.tools.Tools;
import dev.turnstile.model.Json;
import java.nio.file.Path;
import java.util.List;

/**
 * The tools every {@code turnstile} session gets: {@code list_dir} and {@code read_file} (read-only,
 * sandboxed to one directory) and {@code calculator}. All three are idempotent (they change nothing),
 * so a call in flight at a crash is simply re-run on recovery.
 */
public final class BuiltinTools {

    /** Names of the built-in tools, sorted. */
    public static final List<String> NAMES = List.of("calculator", "list_dir", "read_file");

    private static final Json PATH_SCHEMA = Json.parse("""
            {"type":"object","properties":{"path":{"type":"string",\
            "description":"a path relative to the sandbox directory, e.g. \\"notes/todo.txt\\""}},\
            "required":["path"],"additionalProperties":false}""");
    private static final Json DIR_SCHEMA = Json.parse("""
            {"type":"object","properties":{"path":{"type":"string",\
            "description":"a directory relative to the sandbox directory; \\".\\" for the sandbox itself"}},\
            "additionalProperties":false}""");
    private static final Json EXPRESSION_SCHEMA = Json.parse("""
            {"type":"object","properties":{"expression":{"type":"string",\
            "description":"arithmetic with decimal numbers, + - * / and parentheses, e.g. \\"(2 + 3) * 4.5\\""}},\
            "required":["expression"],"additionalProperties":false}""");

    private BuiltinTools() {}

    /** The three tools, with file access limited to {@code sandboxDirectory}. */
    public static List<Tool> forDirectory(Path sandboxDirectory) {
        FileTools files = new FileTools(new Sandbox(sandboxDirectory));
        Tool listDir = Tools.of("list_dir", "Lists a directory of the sandbox: one entry per line, "
                + "directories end in /, files show their size.", DIR_SCHEMA,
                args -> files.listDir(args.path("path").asString("."))).idempotent(true);
        Tool readFile = Tools.of("read_file", "Reads a UTF-8 text file of the sandbox (at most "
                + FileTools.MAX_READ_BYTES + " bytes).", PATH_SCHEMA,
                args -> files.readFile(args.path("path").asString(""))).idempotent(true);
        Tool calculator = Tools.of("calculator", "Evaluates an arithmetic expression exactly: decimal numbers, "
                + "+ - * / and parentheses.", EXPRESSION_SCHEMA,
                args -> Calculator.evaluate(args.path("expression").asString(""))).idempotent(true);
        return List.of(calculator, listDir, readFile);
    }
}
