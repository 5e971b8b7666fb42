/**
 * Server-sent events framing: an incremental parser ({@link dev.turnstile.wire.sse.SseParser}) that
 * follows the WHATWG "event stream interpretation" rules and is fed arbitrary byte chunks, and the
 * events it dispatches ({@link dev.turnstile.wire.sse.SseEvent}).
 *
 * <p>Pure: bytes in, events out. No IO, no clock, no threads.
 */
package dev.turnstile.wire.sse;
