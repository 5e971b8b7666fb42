/**
 * The Netty adapter: {@link dev.turnstile.netty.NettyRuntime}, an event-loop
 * {@link dev.turnstile.host.AgentRuntime} (each session confined to one event loop, blocking work
 * offloaded, one wake-up per session on its loop), and non-blocking model clients
 * ({@link dev.turnstile.netty.http.OpenAiChatClient}, {@link dev.turnstile.netty.http.AnthropicMessagesClient})
 * on a pooled HTTP/1.1 transport, in {@code dev.turnstile.netty.http}. The session server lives in
 * {@code dev.turnstile.netty.server}.
 */
package dev.turnstile.netty;
