/**
 * Model clients on the JDK {@link java.net.http.HttpClient}, built on the pure wire codecs of
 * {@code dev.turnstile.wire}: {@link dev.turnstile.blocking.http.OpenAiChatClient} (OpenAI chat
 * completions and the many servers that speak it) and
 * {@link dev.turnstile.blocking.http.AnthropicMessagesClient}. Both stream by default, forward deltas
 * as the bytes arrive, turn every failure into a classified result (never an exception), enforce an
 * idle timeout, close the connection on {@code cancel()}, and keep the {@link
 * dev.turnstile.blocking.http.ApiKey} out of every message.
 */
package dev.turnstile.blocking.http;
