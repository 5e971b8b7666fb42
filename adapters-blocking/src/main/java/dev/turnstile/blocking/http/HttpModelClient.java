package dev.turnstile.blocking.http;

import dev.turnstile.host.ModelCall;
import dev.turnstile.model.ModelRequest;
import dev.turnstile.wire.StreamDelta;
import java.util.Objects;
import java.util.function.Consumer;

/** The provider-independent half of a model client: one {@link HttpModelCall} per call. */
final class HttpModelClient {

    private final ClientSettings settings;
    private final Dialect dialect;

    HttpModelClient(ClientSettings settings, Dialect dialect) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
    }

    ModelCall start(ModelRequest request, Consumer<StreamDelta> deltas) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(deltas, "deltas");
        return new HttpModelCall(settings, dialect, request, deltas).start();
    }

    void close() {
        if (settings.ownsHttpClient()) {
            settings.httpClient().shutdownNow();
        }
    }

    @Override
    public String toString() {
        return dialect.providerName() + "[" + settings.describe() + "]";
    }
}
