package dev.turnstile.netty.testing;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.InputStream;
import java.security.KeyStore;
import java.security.cert.Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * The test certificate: a self-signed EC key for {@code localhost} and {@code 127.0.0.1} in
 * {@code test-server.p12} (password {@code changeit}, valid for 100 years), generated once with
 * {@code keytool -genkeypair -alias localhost -keyalg EC -groupname secp256r1 -validity 36500
 * -dname CN=localhost -ext SAN=dns:localhost,ip:127.0.0.1 -storetype PKCS12}.
 */
public final class TestTls {

    private static final char[] PASSWORD = "changeit".toCharArray();

    private TestTls() {}

    private static KeyStore keyStore() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = TestTls.class.getResourceAsStream("/test-server.p12")) {
            store.load(in, PASSWORD);
        }
        return store;
    }

    /** A server context presenting the test certificate. */
    public static SslContext server() throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore(), PASSWORD);
        return SslContextBuilder.forServer(keys).sslProvider(SslProvider.JDK).build();
    }

    /** Trust for clients: the test certificate only. */
    public static TrustManagerFactory trust() throws Exception {
        Certificate certificate = keyStore().getCertificate("localhost");
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("localhost", certificate);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        return factory;
    }
}
