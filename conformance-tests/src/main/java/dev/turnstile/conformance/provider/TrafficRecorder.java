package dev.turnstile.conformance.provider;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/** Everything a {@link FakeProviderServer} saw, shared by its connection threads. */
final class TrafficRecorder {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<RecordedRequest> requests = new ArrayList<>();
    private final List<RecordedRequest> unmatched = new ArrayList<>();
    private final List<ClientDisconnect> disconnects = new ArrayList<>();
    private final List<ProtocolError> protocolErrors = new ArrayList<>();

    RecordedRequest record(long connectionId, ParsedRequest parsed) {
        return update(() -> {
            RecordedRequest request = RecordedRequest.of(requests.size() + 1L, connectionId, parsed);
            requests.add(request);
            return request;
        });
    }

    void recordUnmatched(RecordedRequest request) {
        update(() -> unmatched.add(request));
    }

    void recordDisconnect(ClientDisconnect disconnect) {
        update(() -> disconnects.add(disconnect));
    }

    void recordProtocolError(ProtocolError error) {
        update(() -> protocolErrors.add(error));
    }

    List<RecordedRequest> requests() {
        return read(() -> List.copyOf(requests));
    }

    List<RecordedRequest> unmatched() {
        return read(() -> List.copyOf(unmatched));
    }

    List<ClientDisconnect> disconnects() {
        return read(() -> List.copyOf(disconnects));
    }

    List<ProtocolError> protocolErrors() {
        return read(() -> List.copyOf(protocolErrors));
    }

    boolean awaitDisconnects(int count, Duration timeout) throws InterruptedException {
        return await(disconnects::size, count, timeout);
    }

    boolean awaitRequests(int count, Duration timeout) throws InterruptedException {
        return await(requests::size, count, timeout);
    }

    private boolean await(IntSupplier size, int count, Duration timeout) throws InterruptedException {
        long remaining = timeout.toNanos();
        lock.lock();
        try {
            while (size.getAsInt() < count) {
                if (remaining <= 0) {
                    return false;
                }
                remaining = changed.awaitNanos(remaining);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private <T> T update(Supplier<T> change) {
        lock.lock();
        try {
            T result = change.get();
            changed.signalAll();
            return result;
        } finally {
            lock.unlock();
        }
    }

    private <T> T read(Supplier<T> query) {
        lock.lock();
        try {
            return query.get();
        } finally {
            lock.unlock();
        }
    }
}
