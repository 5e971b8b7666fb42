package dev.turnstile.codec;

import dev.turnstile.machine.Labels;
import dev.turnstile.machine.MachineConfig;
import java.time.Instant;

/** {@link JournalHeader}: the schema version comes first, and is checked before anything else is read. */
final class HeaderJson {

    private HeaderJson() {}

    static void write(JsonOut out, JournalHeader h) {
        out.startObject();
        out.int32("schema", h.schemaVersion());
        out.string("session_id", h.sessionId());
        out.int64("seed", h.seed());
        out.instant("started_at", h.startedAt());
        out.object("labels", h.labels(), StateJson::writeLabels);
        out.object("config", h.config(), ConfigJson::writeConfig);
        out.string("machine_version", h.machineVersion());
        out.endObject();
    }

    static JournalHeader read(JsonIn in) {
        // A newer journal may have changed anything else, so its version is refused before any other field is read.
        JsonIn.Tagged t = in.tagged("schema");
        long schema = t.tag().int64();
        if (schema > MachineCodec.SCHEMA_VERSION) {
            throw CodecException.refusal(t.tag().path(), "journal schema version " + schema
                    + " is newer than this Turnstile supports (" + MachineCodec.SCHEMA_VERSION
                    + "); upgrade Turnstile to read it");
        }
        if (schema < 1) {
            throw t.tag().error("schema versions start at 1, got " + schema);
        }
        JsonIn body = t.body();
        String sessionId = null;
        Long seed = null;
        Instant startedAt = null;
        Labels labels = null;
        MachineConfig config = null;
        String machineVersion = null;
        for (String f; (f = body.nextField()) != null; ) {
            switch (f) {
                case "session_id" -> sessionId = body.string();
                case "seed" -> seed = body.int64();
                case "started_at" -> startedAt = body.instant();
                case "labels" -> labels = StateJson.readLabels(body);
                case "config" -> config = ConfigJson.readConfig(body);
                case "machine_version" -> machineVersion = body.string();
                default -> body.skip();
            }
        }
        return new JournalHeader((int) schema, body.required(sessionId, "session_id"), body.required(seed, "seed"),
                body.required(startedAt, "started_at"), body.required(labels, "labels"),
                body.required(config, "config"), body.required(machineVersion, "machine_version"));
    }
}
