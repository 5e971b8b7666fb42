/**
 * Model clients on Netty: {@link dev.turnstile.netty.http.OpenAiChatClient} (OpenAI chat completions
 * and compatible servers) and {@link dev.turnstile.netty.http.AnthropicMessagesClient}, configured like
 * the blocking adapter's clients ({@link dev.turnstile.netty.http.ModelClientBuilder}), over a small
 * HTTP/1.1 transport ({@link dev.turnstile.netty.http.NettyHttpClient}): connections pooled per origin
 * and event loop, TLS with the JDK provider and host name verification, name resolution off the event
 * loop, idle and connect timeouts, reads on demand, and cancellation that closes the connection.
 */
package dev.turnstile.netty.http;
