package dev.turnstile.conformance.provider;

import java.util.ArrayList;
import java.util.List;

/** A small SSE reader for checking streams in tests (LF line ends only, as the kit writes them). */
final class SseTestParser {

    /** One parsed event; {@code event} is null when no {@code event:} line was sent. */
    record Event(String event, String data) {}

    private SseTestParser() {}

    static List<Event> parse(String stream) {
        List<Event> events = new ArrayList<>();
        String event = null;
        StringBuilder data = null;
        for (String line : stream.split("\n", -1)) {
            if (line.isEmpty()) {
                if (data != null) {
                    events.add(new Event(event, data.toString()));
                }
                event = null;
                data = null;
            } else if (line.startsWith("event: ")) {
                event = line.substring(7);
            } else if (line.startsWith("data: ")) {
                data = data == null ? new StringBuilder(line.substring(6)) : data.append('\n').append(line.substring(6));
            }
        }
        return events;
    }
}
