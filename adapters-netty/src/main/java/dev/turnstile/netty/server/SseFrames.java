package dev.turnstile.netty.server;

import dev.turnstile.host.observe.Cursors;
import dev.turnstile.host.observe.Observation;
import dev.turnstile.machine.SessionState;
import dev.turnstile.codec.MachineCodec;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.node.ObjectNode;

/**
 * Server-sent event framing of observations. Every frame carries the observation's cursor as its
 * {@code id} ({@code <session>~<n>}, see {@link Cursors}), so a client that reconnects with the
 * standard {@code Last-Event-ID} header resumes exactly after the last frame it received.
 *
 * <ul>
 *   <li>an event: {@code event: <type>} ({@code turn_started}, {@code tool_call_finished}…) and its
 *       codec JSON as data;
 *   <li>a live delta: {@code event: delta}, data {@code {"effect_id":…,"type":"text_delta",…}};
 *   <li>a gap: {@code event: gap}, data {@code {"after":…,"cursor":…,"snapshot":{…}}}: what lies
 *       between {@code after} and {@code cursor} is no longer retained; the snapshot replaces it;
 *   <li>the end: {@code event: end} when the session closed; the server then ends the response;
 *   <li>heartbeats are comments ({@code : keep-alive}), which clients ignore.
 * </ul>
 */
final class SseFrames {

    static final byte[] HEARTBEAT = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);

    private SseFrames() {}

    static byte[] frame(String sessionId, Observation observation) {
        return switch (observation) {
            case Observation.EventObserved o -> frame(Cursors.format(sessionId, o.cursor()),
                    SessionViews.eventType(o.event()), MachineCodec.encodeEvent(o.event()));
            case Observation.DeltaObserved o -> frame(Cursors.format(sessionId, o.cursor()), "delta",
                    SessionViews.delta(o.effectId().value(), o.delta()));
            case Observation.Gap o -> gap(sessionId, o.after(), o.cursor(), o.snapshot());
        };
    }

    static byte[] gap(String sessionId, long after, long cursor, SessionState snapshot) {
        ObjectNode data = SessionViews.JSON.createObjectNode();
        data.put("after", Cursors.format(sessionId, after));
        data.put("cursor", Cursors.format(sessionId, cursor));
        data.set("snapshot", SessionViews.snapshot(snapshot, cursor, true));
        return frame(Cursors.format(sessionId, cursor), "gap", SessionViews.JSON.writeValueAsString(data));
    }

    static byte[] end(String sessionId, long cursor) {
        return frame(Cursors.format(sessionId, cursor), "end", "{\"reason\":\"session closed\"}");
    }

    static byte[] frame(String id, String type, String data) {
        StringBuilder out = new StringBuilder(data.length() + id.length() + type.length() + 24);
        out.append("id: ").append(id).append('\n');
        out.append("event: ").append(type).append('\n');
        // Compact JSON has no raw line breaks, but a data line must never contain one: split defensively.
        int start = 0;
        for (int i = 0; i <= data.length(); i++) {
            if (i == data.length() || data.charAt(i) == '\n') {
                out.append("data: ").append(data, start, i).append('\n');
                start = i + 1;
            }
        }
        out.append('\n');
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
