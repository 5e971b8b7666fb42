package dev.turnstile.conformance.provider;

/**
 * Size limits the fake provider server enforces on incoming requests. A request over a limit
 * gets a JSON error (414, 431 or 413) and its connection is closed.
 *
 * @param maxRequestLineBytes   longest request line accepted (else 414 URI Too Long)
 * @param maxHeaderSectionBytes most bytes in all header lines together (else 431)
 * @param maxHeaderCount        most header lines (else 431)
 * @param maxRequestBodyBytes   largest request body, after removing chunked framing (else 413)
 */
public record ServerLimits(int maxRequestLineBytes, int maxHeaderSectionBytes, int maxHeaderCount,
                           int maxRequestBodyBytes) {

    /** Default body limit: 8 MiB, larger than any realistic chat request in a test. */
    public static final int DEFAULT_MAX_REQUEST_BODY_BYTES = 8 * 1024 * 1024;

    /** Checks that every limit is positive. */
    public ServerLimits {
        if (maxRequestLineBytes <= 0 || maxHeaderSectionBytes <= 0 || maxHeaderCount <= 0 || maxRequestBodyBytes < 0) {
            throw new IllegalArgumentException("limits must be positive: " + maxRequestLineBytes + ", "
                    + maxHeaderSectionBytes + ", " + maxHeaderCount + ", " + maxRequestBodyBytes);
        }
    }

    /** 8 KiB request line, 64 KiB of headers, 100 headers, 8 MiB body. */
    public static ServerLimits defaults() {
        return new ServerLimits(8 * 1024, 64 * 1024, 100, DEFAULT_MAX_REQUEST_BODY_BYTES);
    }

    /** These limits with another body limit. */
    public ServerLimits withMaxRequestBodyBytes(int bytes) {
        return new ServerLimits(maxRequestLineBytes, maxHeaderSectionBytes, maxHeaderCount, bytes);
    }
}
