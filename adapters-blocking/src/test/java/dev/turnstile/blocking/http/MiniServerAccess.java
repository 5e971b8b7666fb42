package dev.turnstile.blocking.http;

/** Lets tests of other packages use {@link MiniServer} with canned scripts. */
public final class MiniServerAccess implements AutoCloseable {

    private final MiniServer server;

    private MiniServerAccess(MiniServer server) {
        this.server = server;
    }

    /**
     * A server that asks for {@code temperature(city=Oslo)} first, then answers with the temperature
     * it finds in the tool result.
     */
    public static MiniServerAccess weatherServer() {
        return new MiniServerAccess(MiniServer.start((request, exchange) -> {
            var response = exchange.start(200, "text/event-stream");
            if (request.body().contains("\"role\":\"tool\"")) {
                response.chunk(OpenAiSse.text("It is -3.5 °C ")).chunk(OpenAiSse.text("in Oslo."))
                        .chunk(OpenAiSse.finish("stop") + OpenAiSse.done());
            } else {
                response.chunk(OpenAiSse.toolCall(0, "call_1", "temperature", "{\"city\":\"Oslo\"}"))
                        .chunk(OpenAiSse.finish("tool_calls")).chunk(OpenAiSse.done());
            }
            response.end();
        }));
    }

    /** The base URL, ending in {@code /v1}. */
    public String baseUrl() {
        return server.baseUrl();
    }

    /** Requests received so far. */
    public int requestCount() {
        return server.requests().size();
    }

    /** The body of the newest request. */
    public String lastRequestBody() {
        return server.requests().get(server.requests().size() - 1).body();
    }

    @Override
    public void close() {
        server.close();
    }
}
