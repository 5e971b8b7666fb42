package dev.turnstile.host;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.turnstile.machine.Labels;
import dev.turnstile.model.Json;
import dev.turnstile.model.ToolCall;
import dev.turnstile.model.ToolSpec;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A blocking tool is interrupted while, and only while, it runs. */
class BlockingToolTest {

    private static final ToolSpec SPEC = new ToolSpec("t", "d", Json.EMPTY_OBJECT, false);

    private static ToolInvocation invocation(Cancellation cancellation) {
        return new ToolInvocation(new ToolCall("c", "t", "{}"), "k", Labels.NONE, cancellation);
    }

    private static BlockingTool tool(ThrowingBody body) {
        return new BlockingTool() {
            @Override
            public ToolSpec spec() {
                return SPEC;
            }

            @Override
            public String run(ToolInvocation invocation) throws Exception {
                return body.run();
            }
        };
    }

    private interface ThrowingBody {
        String run() throws Exception;
    }

    @Test
    void cancellingARunningToolInterruptsIt() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            CountDownLatch started = new CountDownLatch(1);
            Cancellation cancellation = new Cancellation();
            CompletableFuture<String> result = tool(() -> {
                started.countDown();
                new CountDownLatch(1).await();
                return "never";
            }).invoke(invocation(cancellation), pool).toCompletableFuture();
            started.await(10, TimeUnit.SECONDS);
            cancellation.cancel("abandoned");
            ExecutionException e = assertThrows(ExecutionException.class, () -> result.get(10, TimeUnit.SECONDS));
            assertInstanceOf(InterruptedException.class, e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aCancellationAfterTheRunDoesNotInterruptTheNextTaskOnAPooledThread() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Cancellation cancellation = new Cancellation();
            tool(() -> "done").invoke(invocation(cancellation), pool).toCompletableFuture().get(10, TimeUnit.SECONDS);
            CountDownLatch cancelled = new CountDownLatch(1);
            CompletableFuture<Boolean> nextTaskInterrupted = CompletableFuture.supplyAsync(() -> {
                try {
                    cancelled.await(); // the late cancel happens while this task owns the pooled thread
                } catch (InterruptedException e) {
                    return true;
                }
                return Thread.currentThread().isInterrupted();
            }, pool);
            cancellation.cancel("late");
            cancelled.countDown();
            assertFalse(nextTaskInterrupted.get(10, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }
}
