/**
 * The adapter TCK: a scripted world ({@link dev.turnstile.conformance.tck.ScriptedModel},
 * {@link dev.turnstile.conformance.tck.ScriptedTool}, {@link dev.turnstile.conformance.tck.ManualClock})
 * and the abstract contract suite {@link dev.turnstile.conformance.tck.AdapterTck}, which every adapter
 * must pass. Extend it with an {@link dev.turnstile.conformance.tck.AdapterFactory} for your adapter.
 */
package dev.turnstile.conformance.tck;
