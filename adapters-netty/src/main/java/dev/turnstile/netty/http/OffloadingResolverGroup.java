package dev.turnstile.netty.http;

import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.InetNameResolver;
import io.netty.resolver.InetSocketAddressResolver;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Name resolution through the JDK resolver, run on a blocking executor instead of the event loop.
 * Netty's default resolver calls {@code InetAddress.getByName} on the event loop, which would stall
 * every session sharing that loop while a DNS server is slow. It only runs when a new connection is
 * opened; pooled connections skip it.
 */
final class OffloadingResolverGroup extends AddressResolverGroup<InetSocketAddress> {

    private final Executor blocking;

    OffloadingResolverGroup(Executor blocking) {
        this.blocking = blocking;
    }

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
        return new InetSocketAddressResolver(executor, new OffloadingNameResolver(executor, blocking));
    }

    private static final class OffloadingNameResolver extends InetNameResolver {
        private final Executor blocking;

        OffloadingNameResolver(EventExecutor executor, Executor blocking) {
            super(executor);
            this.blocking = blocking;
        }

        @Override
        protected void doResolve(String inetHost, Promise<InetAddress> promise) {
            offload(promise, () -> promise.trySuccess(InetAddress.getByName(inetHost)));
        }

        @Override
        protected void doResolveAll(String inetHost, Promise<List<InetAddress>> promise) {
            offload(promise, () -> promise.trySuccess(Arrays.asList(InetAddress.getAllByName(inetHost))));
        }

        private void offload(Promise<?> promise, ResolveTask task) {
            try {
                blocking.execute(() -> {
                    try {
                        task.run();
                    } catch (Exception e) {
                        promise.tryFailure(e);
                    }
                });
            } catch (RejectedExecutionException e) {
                promise.tryFailure(e);
            }
        }
    }

    @FunctionalInterface
    private interface ResolveTask {
        void run() throws Exception;
    }
}
