/**
 * Pure provider wire codecs: what the model adapters use to talk to OpenAI chat completions
 * ({@code wire.openai}, also Ollama, vLLM, llama.cpp, LM Studio, OpenRouter, xAI, Azure) and
 * Anthropic messages ({@code wire.anthropic}) over server-sent events ({@code wire.sse}).
 *
 * <p>This package holds what both providers share: the live {@link dev.turnstile.wire.StreamDelta}s a
 * stream produces, the {@link dev.turnstile.wire.StreamAccumulator} contract and its end result
 * {@link dev.turnstile.wire.ReplyResult} (a {@link dev.turnstile.model.ModelReply} or a
 * {@link dev.turnstile.wire.ModelFailure}), {@link dev.turnstile.wire.StreamDecoder} which glues the
 * SSE parser to an accumulator, and the HTTP error rules ({@link dev.turnstile.wire.RetryHints},
 * {@link dev.turnstile.wire.HttpFailureRules}).
 *
 * <p>Everything here is pure: bytes and strings in, values out. No IO, no clock (a "now" needed to
 * read an HTTP-date {@code retry-after} is a parameter), no randomness, no threads.
 */
package dev.turnstile.wire;
