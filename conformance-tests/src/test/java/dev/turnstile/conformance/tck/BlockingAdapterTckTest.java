package dev.turnstile.conformance.tck;

/** The adapter TCK against the blocking runtime. */
class BlockingAdapterTckTest extends AdapterTck {

    @Override
    protected AdapterFactory adapter() {
        return Adapters.blocking();
    }
}
