package dev.turnstile.conformance.provider;

/**
 * The server noticed that a client went away before its response was complete: it closed or
 * reset the connection while the server was hanging on purpose ({@link Delivery.HangAfterChunks},
 * {@link Delivery.HangBeforeHeaders}), or a write of the response failed. A cancellation test uses
 * it to prove the client really closed the connection.
 *
 * @param requestNumber the {@link RecordedRequest#number()} whose response was cut short
 * @param connectionId  the connection the client closed
 * @param path          the request path
 * @param chunksSent    body chunks written before the disconnect was noticed
 * @param whileHanging  whether the server was hanging on purpose (otherwise a write failed)
 */
public record ClientDisconnect(long requestNumber, long connectionId, String path, int chunksSent, boolean whileHanging) {}
