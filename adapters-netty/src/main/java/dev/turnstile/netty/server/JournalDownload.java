package dev.turnstile.netty.server;

import dev.turnstile.codec.MachineCodec;
import dev.turnstile.host.store.JournalContents;
import dev.turnstile.host.store.JournalEntry;
import dev.turnstile.model.Json;
import java.nio.charset.StandardCharsets;

/**
 * A session's journal as JSON Lines, read through the {@link dev.turnstile.host.store.Journal} SPI:
 *
 * <pre>
 * {"schema":1,"session":"s-…","header":{…the journal header…}}
 * {"seq":1,"entry":{"input":{…},"effects":[…]}}
 * {"seq":2,"entry":{…}}
 * </pre>
 *
 * The header and entries are the codec's JSON exactly as stored, so the download replays: decode the
 * header with {@code MachineCodec.decodeHeader}, each entry with {@code JournalRecords.decode}, and
 * feed them to {@code Replayer.replay} (the CLI's {@code replay} does this).
 */
final class JournalDownload {

    static final String CONTENT_TYPE = "application/x-ndjson";
    private static final int CHUNK_CHARS = 64 * 1024;

    private JournalDownload() {}

    /** Streams the contents in chunks, each written only after the previous one drained. */
    static void write(JournalContents contents, Responder.ChunkSink sink) throws InterruptedException {
        StringBuilder chunk = new StringBuilder(CHUNK_CHARS + 1024);
        chunk.append("{\"schema\":").append(MachineCodec.SCHEMA_VERSION)
                .append(",\"session\":").append(Json.string(contents.sessionId()).text())
                .append(",\"header\":").append(contents.headerJson()).append("}\n");
        for (JournalEntry entry : contents.entries()) {
            chunk.append("{\"seq\":").append(entry.sequence()).append(",\"entry\":").append(entry.entryJson())
                    .append("}\n");
            if (chunk.length() >= CHUNK_CHARS) {
                sink.write(chunk.toString().getBytes(StandardCharsets.UTF_8));
                chunk.setLength(0);
            }
        }
        if (!chunk.isEmpty()) {
            sink.write(chunk.toString().getBytes(StandardCharsets.UTF_8));
        }
        sink.end();
    }
}
