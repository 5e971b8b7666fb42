package dev.turnstile.benchmarks.sidebyside;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The floor: a hand-written agent loop with no framework. Messages in a list per session, the
 * scripted model called in a loop, tools dispatched by name with their arguments read from the
 * model's JSON, results appended in call order. No journal, no events, no limits, no timeouts.
 */
final class PlainLoop implements Contender {

    /** A transcript entry. */
    record Message(Role role, String text, List<Script.Call> calls, String toolName) {}

    enum Role { USER, ASSISTANT, TOOL }

    private final Map<String, List<Message>> sessions = new HashMap<>();

    @Override
    public String runTurn(String sessionId) {
        List<Message> messages = sessions.computeIfAbsent(sessionId, id -> new ArrayList<>());
        messages.add(new Message(Role.USER, Script.USER_MESSAGE, List.of(), null));
        while (true) {
            Script.Reply reply = model(messages);
            messages.add(new Message(Role.ASSISTANT, reply.text(), reply.calls(), null));
            if (!reply.hasCalls()) {
                return reply.text();
            }
            for (Script.Call call : reply.calls()) {
                messages.add(new Message(Role.TOOL, run(call), List.of(), call.name()));
            }
        }
    }

    @Override
    public void forget(String sessionId) {
        sessions.remove(sessionId);
    }

    private static Script.Reply model(List<Message> messages) {
        int round = 1;
        String lastAdd = null;
        String lookup = null;
        for (int i = messages.size() - 1; i >= 0; i--) {
            Message m = messages.get(i);
            if (m.role() == Role.USER) {
                break;
            }
            if (m.role() == Role.ASSISTANT) {
                round++;
            } else if (lastAdd == null && "add".equals(m.toolName())) {
                lastAdd = m.text();
            } else if (lookup == null && "lookup".equals(m.toolName())) {
                lookup = m.text();
            }
        }
        return Script.reply(round, lastAdd, lookup);
    }

    private static String run(Script.Call call) {
        return switch (call.name()) {
            case "add" -> Long.toString(Script.add(Long.parseLong(field(call.argumentsJson(), "a")),
                    Long.parseLong(field(call.argumentsJson(), "b"))));
            case "lookup" -> Script.lookup(field(call.argumentsJson(), "key"));
            default -> "error: no tool " + call.name();
        };
    }

    // A flat JSON object's field: enough for the script's arguments, which is all a hand-written
    // loop for these two tools needs.
    static String field(String json, String name) {
        String key = "\"" + name + "\":";
        int start = json.indexOf(key) + key.length();
        if (json.charAt(start) == '"') {
            return json.substring(start + 1, json.indexOf('"', start + 1));
        }
        int end = start;
        while (end < json.length() && json.charAt(end) != ',' && json.charAt(end) != '}') {
            end++;
        }
        return json.substring(start, end).trim();
    }
}
