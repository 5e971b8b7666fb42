package dev.turnstile.wire.openai;

import dev.turnstile.model.ToolCall;
import dev.turnstile.wire.WireJson;

/** A tool call being assembled from stream fragments. Mutable; owned by one accumulator. */
final class PendingToolCall {
    private final int position;
    private String id;
    private boolean idFromServer;
    private String name;
    private final StringBuilder arguments = new StringBuilder();

    PendingToolCall(int position, String id, boolean idFromServer, String name) {
        this.position = position;
        this.id = id;
        this.idFromServer = idFromServer;
        this.name = name;
    }

    int position() {
        return position;
    }

    String id() {
        return id;
    }

    boolean hasServerId() {
        return idFromServer;
    }

    String name() {
        return name;
    }

    /** A server that left the id out of the first fragment and sent it later: take it. */
    void adoptServerId(String serverId) {
        id = serverId;
        idFromServer = true;
    }

    /**
     * Names are never concatenated: the name comes whole, and a server restating the call (OpenRouter
     * variant a sends the whole call twice) repeats it, so only a missing name is filled in.
     */
    void offerName(String offered) {
        if (name.isEmpty() && !offered.isEmpty()) {
            name = offered;
        }
    }

    /**
     * Appends an argument fragment, unless it repeats the whole argument text when that text is already
     * a complete JSON value: servers that restate a finished call (OpenRouter variants a and b) would
     * otherwise double it into {@code {}{}}. A real fragment never equals the complete text before it,
     * because then the result would not be JSON either.
     *
     * @return whether the fragment was appended
     */
    boolean appendArguments(String fragment) {
        if (fragment.isEmpty()) {
            return false;
        }
        boolean repeatsEverything = arguments.length() == fragment.length() && CharSequence.compare(arguments, fragment) == 0;
        if (repeatsEverything && WireJson.parse(fragment).isDefined()) {
            return false;
        }
        arguments.append(fragment);
        return true;
    }

    ToolCall toToolCall() {
        return new ToolCall(id, name, OpenAiFields.finishedArguments(arguments.toString()));
    }
}
