package dev.turnstile.conformance.tck;

/** The adapter TCK against the netty runtime. */
class NettyAdapterTckTest extends AdapterTck {

    @Override
    protected AdapterFactory adapter() {
        return Adapters.netty();
    }
}
