package dev.turnstile.conformance.provider;

/** The HTTP "token" grammar (RFC 9110 §5.6.2), used for methods and header names. */
final class HttpTokens {

    private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

    private HttpTokens() {}

    static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || TOKEN_SYMBOLS.indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
