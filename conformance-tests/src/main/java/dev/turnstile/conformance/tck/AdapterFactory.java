package dev.turnstile.conformance.tck;

import dev.turnstile.host.AgentRuntime;

/**
 * Builds the runtime under test from a scenario's parts. Implement it for your own adapter and hand it
 * to a subclass of {@link AdapterTck}; {@link Adapters} has the bundled ones.
 */
@FunctionalInterface
public interface AdapterFactory {

    /** A new runtime over exactly these parts (it must use their clock and store, and close the store). */
    AgentRuntime build(RuntimeParts parts);
}
