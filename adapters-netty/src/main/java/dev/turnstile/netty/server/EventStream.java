package dev.turnstile.netty.server;

import dev.turnstile.host.Session;
import dev.turnstile.host.observe.Observation;
import dev.turnstile.host.observe.ObservationHub;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One client following a session's observations over server-sent events. Runs on the connection's
 * event loop.
 *
 * <p>Pull, not push: the session only wakes the stream; the stream reads from the session's
 * {@link ObservationHub} at its own cursor, and only while the connection is writable. A client that
 * stops reading fills its send buffer up to the write-buffer bound, the stream stops pulling (nothing
 * more is buffered for it), and if it stays that way past the grace period the connection is closed.
 * Its cursor is intact: the last frame it received carries the id to reconnect with, and what
 * followed is still in the hub (or, if trimmed meanwhile, announced by a gap with a snapshot).
 */
final class EventStream {

    private static final int BATCH = 64;
    /** Batches per drain before yielding the event loop to the other connections on it. */
    private static final int BATCHES_PER_DRAIN = 16;

    private final Channel channel;
    private final Session session;
    private final ObservationHub hub;
    private final ServerSettings settings;
    private final ServerMetrics metrics;
    private final Runnable onStop;
    private final AtomicBoolean drainQueued = new AtomicBoolean();
    private long cursor;
    private Runnable unsubscribe = () -> { };
    private ScheduledFuture<?> heartbeat;
    private ScheduledFuture<?> slowTimer;
    private boolean stopped;
    private boolean draining;

    EventStream(Channel channel, Session session, ServerSettings settings, ServerMetrics metrics, Runnable onStop) {
        this.channel = channel;
        this.session = session;
        this.hub = session.observations();
        this.settings = settings;
        this.metrics = metrics;
        this.onStop = onStop;
    }

    /** Sends the response head and everything after {@code after}, then follows. On the event loop. */
    void start(long after) {
        metrics.streamOpened();
        channel.closeFuture().addListener(f -> stop());
        if (stopped) {
            return; // the client went away before the stream started
        }
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        head.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        head.headers().set("X-Accel-Buffering", "no"); // tell nginx-style proxies not to buffer the stream
        HttpUtil.setTransferEncodingChunked(head, true);
        channel.write(head);
        long newest = hub.lastCursor();
        if (after > newest) {
            // A cursor from before a server restart: the session was resumed and its cursors start anew.
            write(SseFrames.gap(session.id(), after, newest, session.snapshot()));
            cursor = newest;
        } else {
            cursor = after;
        }
        channel.flush();
        unsubscribe = hub.onPublish(this::wake);
        heartbeat = channel.eventLoop().scheduleAtFixedRate(this::heartbeat, settings.heartbeatIntervalMillis(),
                settings.heartbeatIntervalMillis(), TimeUnit.MILLISECONDS);
        drain();
    }

    /** Called from the session's thread on every publish: schedule one drain on our loop. */
    private void wake() {
        if (drainQueued.compareAndSet(false, true)) {
            channel.eventLoop().execute(this::drain);
        }
    }

    private void drain() {
        drainQueued.set(false);
        // Netty may report writability changes from inside write and flush: never drain re-entrantly.
        if (draining) {
            return;
        }
        draining = true;
        try {
            int batches = 0;
            while (!stopped && channel.isWritable()) {
                if (++batches > BATCHES_PER_DRAIN) {
                    wake(); // more to send: continue after the loop's other work
                    break;
                }
                // Read "closed" before the batch: the hub closes after its last publish, so an empty batch
                // read after seeing it closed means there is nothing more, ever.
                boolean closedBefore = hub.isClosed();
                List<Observation> batch = hub.read(cursor, BATCH);
                if (batch.isEmpty()) {
                    if (closedBefore) {
                        end();
                    }
                    break;
                }
                for (Observation observation : batch) {
                    write(SseFrames.frame(session.id(), observation));
                    cursor = observation.cursor();
                }
                channel.flush();
            }
        } finally {
            draining = false;
        }
        if (!stopped && !channel.isWritable()) {
            armSlowConsumerTimer();
        }
    }

    /** The connection's writability changed. On the event loop, possibly from inside a write. */
    void writabilityChanged() {
        if (channel.isWritable()) {
            if (slowTimer != null) {
                slowTimer.cancel(false);
                slowTimer = null;
            }
            wake();
        } else {
            armSlowConsumerTimer();
        }
    }

    private void armSlowConsumerTimer() {
        if (slowTimer != null) {
            return;
        }
        slowTimer = channel.eventLoop().schedule(() -> {
            slowTimer = null;
            if (!stopped && !channel.isWritable()) {
                metrics.slowConsumerDisconnected();
                channel.close();
            }
        }, settings.slowConsumerGraceMillis(), TimeUnit.MILLISECONDS);
    }

    private void heartbeat() {
        if (!stopped && channel.isWritable()) {
            channel.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(SseFrames.HEARTBEAT)));
        }
    }

    private void end() {
        write(SseFrames.end(session.id(), cursor));
        channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(f -> channel.close());
        stop();
    }

    private void write(byte[] frame) {
        channel.write(new DefaultHttpContent(Unpooled.wrappedBuffer(frame)));
    }

    /** Stops following (the connection closed or the stream ended). Idempotent; on the event loop. */
    void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        unsubscribe.run();
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
        if (slowTimer != null) {
            slowTimer.cancel(false);
        }
        metrics.streamClosed();
        onStop.run();
    }

    /** The cursor of the last frame written (for tests). */
    long cursor() {
        return cursor;
    }
}
