package dev.turnstile.conformance.aimock;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Ends a process we started together with every process it started, politely first. */
final class ProcessTree {

    private static final long GRACE_SECONDS = 10;

    private ProcessTree() {}

    /**
     * Sends every process of the tree a termination request, waits up to {@value #GRACE_SECONDS} s, then
     * kills what is left. The descendants are listed before the root goes: once it is gone they would be
     * re-parented and no longer found through it.
     */
    static void destroy(Process root) {
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        tree.add(root.toHandle());
        tree.forEach(ProcessHandle::destroy);
        if (!awaitExit(tree)) {
            tree.forEach(ProcessHandle::destroyForcibly);
            awaitExit(tree);
        }
    }

    private static boolean awaitExit(List<ProcessHandle> tree) {
        CompletableFuture<?>[] exits = tree.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(GRACE_SECONDS, TimeUnit.SECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
