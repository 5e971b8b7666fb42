/**
 * OpenAI chat completions ({@code POST /v1/chat/completions}) as spoken by OpenAI and by the many
 * servers that copy it (Azure, OpenRouter, xAI, Ollama, vLLM, llama.cpp, LM Studio).
 *
 * <ul>
 *   <li>{@link dev.turnstile.wire.openai.OpenAiRequestEncoder}: {@code ModelRequest} → request body.
 *   <li>{@link dev.turnstile.wire.openai.OpenAiResponseDecoder}: non-streamed body → reply or failure.
 *   <li>{@link dev.turnstile.wire.openai.OpenAiStreamAccumulator}: streamed chunks → live deltas and,
 *       at the end, reply or failure; tolerant of the deviations recorded in the test fixtures.
 *   <li>{@link dev.turnstile.wire.openai.OpenAiErrorMapper}: HTTP error or in-stream error → failure kind.
 * </ul>
 */
package dev.turnstile.wire.openai;
