/**
 * The HTTP/SSE session server: {@link dev.turnstile.netty.server.SessionServer} exposes an
 * {@link dev.turnstile.host.AgentRuntime}'s sessions as JSON over HTTP/1.1 under {@code /v1}, with
 * bearer-token tenants ({@link dev.turnstile.netty.server.TokenRegistry}), server-sent events that
 * resume exactly by cursor, and bounded memory per client.
 */
package dev.turnstile.netty.server;
