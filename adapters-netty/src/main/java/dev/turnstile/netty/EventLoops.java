package dev.turnstile.netty;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;

/** Finding the event loop the calling thread runs, so that work started there stays there. */
final class EventLoops {

    private EventLoops() {}

    /** The loop of {@code group} the calling thread runs, or the group's next loop. */
    static EventLoop currentOrNext(EventLoopGroup group) {
        for (EventExecutor executor : group) {
            if (executor.inEventLoop() && executor instanceof EventLoop loop) {
                return loop;
            }
        }
        return group.next();
    }
}
