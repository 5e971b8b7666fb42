package dev.turnstile.conformance.crash;

import dev.turnstile.host.Tool;
import dev.turnstile.host.ToolInvocation;
import dev.turnstile.host.tools.Tools;
import dev.turnstile.model.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;

/**
 * The child's two tools, whose side effect is one line (their idempotency key) appended to a ledger
 * file and forced to disk before they return: {@link CrashScript#CHARGE} is not idempotent, {@link
 * CrashScript#LOOKUP} is. Each pauses a seeded 0–{@value #MAX_PAUSE_MILLIS} ms before and after the
 * append, so kills land before the side effect, between the side effect and its journaled result,
 * and after.
 */
final class LedgerTools {

    static final int MAX_PAUSE_MILLIS = 6;

    private static final Json SCHEMA = Json.parse(
            "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\"}},\"required\":[\"n\"]}");

    private LedgerTools() {}

    /**
     * The tools.
     *
     * @param ledgers the folder holding both ledgers
     * @param seed the child's seed, for the pauses
     * @param progress told {@code "RAN <tool> <key>"} right after each append
     */
    static List<Tool> create(Path ledgers, long seed, Consumer<String> progress) {
        Tool charge = Tools.of(CrashScript.CHARGE, "Charges a card. Not idempotent.", SCHEMA,
                (arguments, invocation) -> run(invocation, ledgers.resolve(CrashScript.CHARGE_LEDGER), seed, progress,
                        CrashScript.chargeOutput(invocation.idempotencyKey())));
        Tool lookup = Tools.of(CrashScript.LOOKUP, "Looks an order up. Idempotent.", SCHEMA,
                (arguments, invocation) -> run(invocation, ledgers.resolve(CrashScript.LOOKUP_LEDGER), seed, progress,
                        CrashScript.lookupOutput(invocation.idempotencyKey()))).idempotent(true);
        return List.of(charge, lookup);
    }

    private static String run(ToolInvocation invocation, Path ledger, long seed, Consumer<String> progress,
            String output) throws Exception {
        String key = invocation.idempotencyKey();
        long draw = CrashScript.mix(seed ^ key.hashCode());
        Thread.sleep(Long.remainderUnsigned(draw, MAX_PAUSE_MILLIS));
        append(ledger, key);
        progress.accept("RAN " + invocation.call().name() + " " + key);
        Thread.sleep(Long.remainderUnsigned(draw >>> 16, MAX_PAUSE_MILLIS));
        return output;
    }

    /**
     * Appends one line with a single write to a file opened for appending, then forces it: a process
     * kill leaves the whole line or none of it, and concurrent appends never interleave.
     */
    static void append(Path ledger, String key) throws IOException {
        try (FileChannel channel = FileChannel.open(ledger, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer line = ByteBuffer.wrap((key + "\n").getBytes(StandardCharsets.UTF_8));
            if (channel.write(line) != line.limit()) {
                throw new IOException(ledger + ": a ledger line was written in parts");
            }
            channel.force(false);
        }
    }
}
