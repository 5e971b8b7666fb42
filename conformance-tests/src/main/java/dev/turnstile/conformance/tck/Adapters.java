package dev.turnstile.conformance.tck;

import dev.turnstile.blocking.BlockingRuntime;
import dev.turnstile.netty.NettyRuntime;

/** Factories for the bundled adapters. */
public final class Adapters {

    private Adapters() {}

    /** The blocking adapter (virtual threads). */
    public static AdapterFactory blocking() {
        return parts -> {
            BlockingRuntime.Builder b = BlockingRuntime.builder()
                    .model(parts.model())
                    .tools(parts.tools())
                    .clock(parts.clock())
                    .store(parts.journal(), parts.checkpoints())
                    .onApprovalRequested(parts.approvalListener());
            parts.budgetGuard().forEach(b::budgetGuard);
            return b.build();
        };
    }

    /** The Netty adapter (event loops, offloaded blocking work), with two event loop threads. */
    public static AdapterFactory netty() {
        return parts -> {
            NettyRuntime.Builder b = NettyRuntime.builder()
                    .model(parts.model())
                    .tools(parts.tools())
                    .clock(parts.clock())
                    .store(parts.journal(), parts.checkpoints())
                    .eventLoopThreads(2)
                    .onApprovalRequested(parts.approvalListener());
            parts.budgetGuard().forEach(b::budgetGuard);
            return b.build();
        };
    }
}
