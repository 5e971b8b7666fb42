package dev.turnstile.blocking.http;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The subscriber of one HTTP response body: hands each chunk, as the JDK client delivers it, to one
 * reading thread that waits with an idle timeout. One chunk is requested at a time, so a slow reader
 * holds the network back instead of buffering without bound. {@link #cancel()} cancels the body
 * subscription, which makes the JDK client close the connection (HTTP/1.1) or reset the stream
 * (HTTP/2): the provider sees the client go away and stops generating.
 */
final class ChunkQueue implements Flow.Subscriber<List<ByteBuffer>> {

    /** What the reader gets next. */
    sealed interface Item {
        /** Bytes of the body, in order. */
        record Data(List<ByteBuffer> buffers) implements Item {}

        /** The body ended normally. */
        record End() implements Item {}

        /** The body failed (reset, protocol error). */
        record Failed(Throwable error) implements Item {
            public Failed {
                Objects.requireNonNull(error, "error");
            }
        }

        /** {@link #cancel()} was called. */
        record Cancelled() implements Item {}
    }

    private final LinkedBlockingQueue<Item> items = new LinkedBlockingQueue<>();
    private Flow.Subscription subscription;
    private boolean cancelled;

    @Override
    public void onSubscribe(Flow.Subscription s) {
        boolean cancelNow;
        synchronized (this) {
            subscription = s;
            cancelNow = cancelled;
        }
        if (cancelNow) {
            s.cancel();
        } else {
            s.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        items.add(new Item.Data(buffers));
    }

    @Override
    public void onError(Throwable error) {
        items.add(new Item.Failed(error));
    }

    @Override
    public void onComplete() {
        items.add(new Item.End());
    }

    /**
     * The next item, waiting at most {@code idle}; {@code null} when nothing came in time. After a
     * {@link Item.Data} the next chunk is requested.
     */
    Item next(Duration idle) throws InterruptedException {
        Item item = items.poll(idle.toNanos(), TimeUnit.NANOSECONDS);
        if (item instanceof Item.Data) {
            Flow.Subscription s;
            synchronized (this) {
                s = cancelled ? null : subscription;
            }
            if (s != null) {
                s.request(1);
            }
        }
        return item;
    }

    /** Cancels the subscription (now, or as soon as it arrives) and wakes the reader. Idempotent. */
    void cancel() {
        Flow.Subscription s;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            s = subscription;
        }
        if (s != null) {
            s.cancel();
        }
        items.add(new Item.Cancelled());
    }
}
