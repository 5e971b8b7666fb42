package dev.turnstile.netty.http;

import dev.turnstile.model.FailureKind;
import dev.turnstile.wire.HeaderLookup;
import dev.turnstile.wire.ModelFailure;
import dev.turnstile.wire.ReplyResult;
import dev.turnstile.wire.StreamAccumulator;
import dev.turnstile.wire.StreamDelta;
import dev.turnstile.wire.sse.SseParser;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decodes one model response as its bytes arrive, in one of three modes chosen by the status line and
 * content type: an SSE stream (a 2xx {@code text/event-stream}: the pure {@link SseParser} feeding the
 * provider's accumulator), a whole JSON body (a 2xx server that ignored {@code stream: true}), or an
 * error body (non-2xx: kept up to a limit, then classified by the provider's error mapper).
 *
 * <p>Memory is bounded in every mode: a stream holds at most one unfinished event, a body at most
 * {@code maxBodyBytes}, an error body at most {@code maxErrorBodyBytes} (the rest is read and dropped).
 * Not thread-safe: used on the connection's event loop only.
 */
final class ModelResponseReader {

    private enum Mode { AWAITING_HEAD, STREAM, BODY, ERROR }

    private final ProviderProtocol protocol;
    private final int maxBodyBytes;
    private final int maxErrorBodyBytes;
    private Mode mode = Mode.AWAITING_HEAD;
    private int status;
    private HeaderLookup headers = HeaderLookup.NONE;
    private StreamAccumulator accumulator;
    private SseParser parser;
    private long bytesSinceLastEvent;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private ReplyResult failedEarly;

    ModelResponseReader(ProviderProtocol protocol, int maxBodyBytes, int maxErrorBodyBytes) {
        this.protocol = protocol;
        this.maxBodyBytes = maxBodyBytes;
        this.maxErrorBodyBytes = maxErrorBodyBytes;
    }

    /** The status line and headers arrived. */
    void head(int statusCode, String contentType, HeaderLookup responseHeaders) {
        this.status = statusCode;
        this.headers = responseHeaders;
        if (statusCode < 200 || statusCode > 299) {
            mode = Mode.ERROR;
        } else if (contentType.toLowerCase(Locale.ROOT).startsWith("text/event-stream")) {
            mode = Mode.STREAM;
            accumulator = protocol.newAccumulator();
            parser = new SseParser();
        } else {
            mode = Mode.BODY;
        }
    }

    /**
     * The next body bytes.
     *
     * @return the live deltas they completed, in order (only in stream mode)
     */
    List<StreamDelta> content(byte[] bytes, int offset, int length) {
        if (failedEarly != null) {
            return List.of();
        }
        switch (mode) {
            case STREAM -> {
                ArrayList<StreamDelta> deltas = new ArrayList<>();
                bytesSinceLastEvent += length;
                parser.feed(bytes, offset, length, event -> {
                    bytesSinceLastEvent = 0;
                    deltas.addAll(accumulator.accept(event));
                });
                if (bytesSinceLastEvent > maxBodyBytes) {
                    failedEarly = new ReplyResult.Failed(ModelFailure.of(FailureKind.FATAL,
                            "a streamed event exceeds " + maxBodyBytes + " bytes"), partialText());
                }
                return deltas;
            }
            case BODY -> {
                if (body.size() + length > maxBodyBytes) {
                    failedEarly = new ReplyResult.Failed(ModelFailure.of(FailureKind.FATAL,
                            "the response body exceeds " + maxBodyBytes + " bytes"), "");
                } else {
                    body.write(bytes, offset, length);
                }
                return List.of();
            }
            case ERROR -> {
                body.write(bytes, offset, Math.max(0, Math.min(length, maxErrorBodyBytes - body.size())));
                return List.of();
            }
            case AWAITING_HEAD -> throw new IllegalStateException("body bytes before the status line");
        }
        return List.of();
    }

    /** A failure found while reading (a limit crossed); the exchange should stop reading. */
    ReplyResult failedEarly() {
        return failedEarly;
    }

    /** The response ended normally: the reply, or the classified failure. */
    ReplyResult end(Instant now) {
        if (failedEarly != null) {
            return failedEarly;
        }
        return switch (mode) {
            case STREAM -> {
                parser.end();
                yield accumulator.finish();
            }
            case BODY -> protocol.decodeBody(body.toByteArray());
            case ERROR -> new ReplyResult.Failed(protocol.mapError(status, headers,
                    body.toString(StandardCharsets.UTF_8), now), "");
            case AWAITING_HEAD -> new ReplyResult.Failed(ModelFailure.of(FailureKind.RETRYABLE,
                    "the response ended before its status line"), "");
        };
    }

    /**
     * The response stopped early (connection lost, no data in time, cancelled). A stream whose end
     * marker already arrived still yields its reply; a stream that carried an error keeps that error's
     * classification (with {@code reason} added to its message); anything else fails with {@code kind}.
     * The text streamed so far is kept for display.
     */
    ReplyResult abort(FailureKind kind, String reason) {
        if (failedEarly != null) {
            return failedEarly;
        }
        if (mode == Mode.STREAM && kind != FailureKind.CANCELLED) {
            ReplyResult soFar = accumulator.finish();
            if (soFar instanceof ReplyResult.Failed failed) {
                ModelFailure f = failed.failure();
                return new ReplyResult.Failed(new ModelFailure(f.kind(), f.retryAfterMillis(),
                        reason + "; " + f.message(), f.providerCode()), failed.partialText());
            }
            return soFar;
        }
        return new ReplyResult.Failed(ModelFailure.of(kind, reason), partialText());
    }

    private String partialText() {
        if (mode == Mode.STREAM && accumulator.finish() instanceof ReplyResult.Failed failed) {
            return failed.partialText();
        }
        return "";
    }
}
