/**
 * Anthropic messages ({@code POST /v1/messages}).
 *
 * <ul>
 *   <li>{@link dev.turnstile.wire.anthropic.AnthropicRequestEncoder}: {@code ModelRequest} → request body.
 *   <li>{@link dev.turnstile.wire.anthropic.AnthropicResponseDecoder}: non-streamed body → reply or failure.
 *   <li>{@link dev.turnstile.wire.anthropic.AnthropicStreamAccumulator}: streamed events → live deltas
 *       and, at the end, reply or failure.
 *   <li>{@link dev.turnstile.wire.anthropic.AnthropicErrorMapper}: HTTP error or {@code event: error} →
 *       failure kind.
 * </ul>
 *
 * <p>Tool arguments: Anthropic gives a tool call's {@code input} as a JSON object (whole, or streamed as
 * {@code partial_json} text); the reply holds its canonical text ({@link dev.turnstile.model.Json}), so a
 * streamed and a non-streamed reply to the same call are equal.
 */
package dev.turnstile.wire.anthropic;
