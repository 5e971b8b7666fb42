package dev.turnstile.host;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * A tool written as a plain blocking function. The runtime runs it on its blocking executor and
 * interrupts the thread when the run is abandoned.
 */
public interface BlockingTool extends Tool {

    /** Runs the tool on the current (blocking-capable) thread and returns its output. */
    String run(ToolInvocation invocation) throws Exception;

    @Override
    default CompletionStage<String> invoke(ToolInvocation invocation, Executor blockingExecutor) {
        CompletableFuture<String> result = new CompletableFuture<>();
        blockingExecutor.execute(() -> {
            // Fix (adapters-blocking helper): the cancel callback may fire after run() returned, when a
            // pooled worker already runs another task. Interrupt only while this run is on the thread:
            // the lock makes "still running? then interrupt" atomic with "finished".
            Thread worker = Thread.currentThread();
            Object lock = new Object();
            boolean[] running = {true};
            invocation.cancellation().onCancel(() -> {
                synchronized (lock) {
                    if (running[0]) {
                        worker.interrupt();
                    }
                }
            });
            try {
                result.complete(run(invocation));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            } finally {
                synchronized (lock) {
                    running[0] = false;
                }
                // Clear an interrupt delivered during the run so it cannot leak into the next task.
                Thread.interrupted();
            }
        });
        return result;
    }
}
