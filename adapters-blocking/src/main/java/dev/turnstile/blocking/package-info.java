/**
 * The blocking adapter: {@link dev.turnstile.blocking.BlockingRuntime}, an
 * {@link dev.turnstile.host.AgentRuntime} on virtual threads. Each session processes its inputs one at
 * a time on a serial executor over virtual threads; journal writes and blocking tools get a virtual
 * thread each; one daemon thread keeps time for every session's wake-up. See the module README for an
 * embedding example.
 */
package dev.turnstile.blocking;
