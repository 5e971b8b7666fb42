package dev.turnstile.netty.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.turnstile.model.FailureKind;
import dev.turnstile.model.ModelRequest;
import dev.turnstile.model.ToolChoice;
import dev.turnstile.model.UserMessage;
import dev.turnstile.netty.testing.FakeUpstream;
import dev.turnstile.netty.testing.ProviderStreams;
import dev.turnstile.netty.testing.TestTls;
import dev.turnstile.wire.ReplyResult;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Model calls over TLS: verified against a trusted certificate, refused (fatally) otherwise. */
class TlsTransportTest {

    private FakeUpstream upstream;

    @BeforeEach
    void setUp() throws Exception {
        upstream = FakeUpstream.tls(TestTls.server());
    }

    @AfterEach
    void tearDown() {
        upstream.close();
    }

    private static ModelRequest request() {
        return new ModelRequest("gpt-test", "", Vector.of(new UserMessage("hi")), Vector.empty(), ToolChoice.AUTO,
                true, Option.none(), Option.none());
    }

    private ReplyResult callWith(NettyHttpClient http, String host) throws Exception {
        OpenAiChatClient client = OpenAiChatClient.builder().baseUrl("https://" + host + ":" + upstream.port() + "/v1")
                .httpClient(http).build();
        return client.start(request(), d -> { }).result().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void talksTlsToATrustedServerAndReusesTheConnection() throws Exception {
        upstream.then(
                (r, out) -> out.head(200, "text/event-stream").chunk(ProviderStreams.openAiText("secure"))
                        .chunk(ProviderStreams.openAiEnd()).end(),
                (r, out) -> out.head(200, "text/event-stream").chunk(ProviderStreams.openAiText("again"))
                        .chunk(ProviderStreams.openAiEnd()).end());
        try (NettyHttpClient http = NettyHttpClient.builder().trustManager(TestTls.trust()).build()) {
            ReplyResult.Completed first = assertInstanceOf(ReplyResult.Completed.class, callWith(http, "localhost"));
            ReplyResult.Completed second = assertInstanceOf(ReplyResult.Completed.class, callWith(http, "localhost"));
            assertEquals("secure", first.reply().message().text());
            assertEquals("again", second.reply().message().text());
        }
        assertEquals(1, upstream.connectionsAccepted());
    }

    @Test
    void anUntrustedCertificateIsFatal() throws Exception {
        upstream.then(FakeUpstream.hang());
        try (NettyHttpClient http = NettyHttpClient.builder().build()) {
            ReplyResult.Failed failed = assertInstanceOf(ReplyResult.Failed.class, callWith(http, "localhost"));
            assertEquals(FailureKind.FATAL, failed.failure().kind(), failed.failure().message());
        }
    }

    @Test
    void aCertificateForAnotherHostIsFatal() throws Exception {
        // The certificate names localhost and 127.0.0.1, not 127.0.0.2 (also loopback on Linux).
        try (FakeUpstream elsewhere = FakeUpstream.tls(TestTls.server(), "127.0.0.2");
                NettyHttpClient http = NettyHttpClient.builder().trustManager(TestTls.trust()).build()) {
            elsewhere.then(FakeUpstream.hang());
            OpenAiChatClient client = OpenAiChatClient.builder().baseUrl("https://127.0.0.2:" + elsewhere.port() + "/v1")
                    .httpClient(http).build();
            ReplyResult result = client.start(request(), d -> { }).result().toCompletableFuture().get(30, TimeUnit.SECONDS);
            ReplyResult.Failed failed = assertInstanceOf(ReplyResult.Failed.class, result);
            assertEquals(FailureKind.FATAL, failed.failure().kind(), failed.failure().message());
            assertTrue(failed.failure().message().contains("127.0.0.2"), failed.failure().message());
        }
    }
}
