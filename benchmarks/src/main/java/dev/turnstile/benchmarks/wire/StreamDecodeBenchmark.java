package dev.turnstile.benchmarks.wire;

import dev.turnstile.wire.ReplyResult;
import dev.turnstile.wire.StreamDecoder;
import dev.turnstile.wire.openai.OpenAiStreamAccumulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decoding speed of a streamed OpenAI chat completion: the SSE parser and the OpenAI stream
 * accumulator ({@link StreamDecoder}) over recorded fixtures from the machine's test jar, fed in
 * chunks of {@code chunkBytes} (0 = the whole body at once). The {@code bytes} counter is body bytes
 * per second: divide by 10^6 for MB/s. {@code .chunks.txt} fixtures are framed as SSE the way the
 * machine's own tests do it ({@code data: <payload>} + blank line, then {@code data: [DONE]}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class StreamDecodeBenchmark {

    /** Classpath fixture under {@code fixtures/}. */
    @Param({"openai/test_complex_agent_run.2.response.sse", "openai-compatible/xai-tool-call.chunks.txt"})
    public String fixture;

    /** Bytes per {@code feed} call; 0 feeds the whole body at once. */
    @Param({"0", "512"})
    public int chunkBytes;

    private byte[] body;

    /** Body bytes decoded, reported per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Bytes {
        /** Bytes decoded. */
        public long bytes;

        /** Resets per iteration. */
        @Setup(Level.Iteration)
        public void reset() {
            bytes = 0;
        }
    }

    /** Loads the fixture and checks that it decodes to a completed reply. */
    @Setup(Level.Trial)
    public void load() {
        byte[] raw = resource("fixtures/" + fixture);
        body = fixture.endsWith(".chunks.txt") ? framedAsSse(raw) : raw;
        ReplyResult result = StreamDecoder.decodeAll(body, new OpenAiStreamAccumulator());
        if (!(result instanceof ReplyResult.Completed)) {
            throw new IllegalStateException(fixture + " does not decode to a reply: " + result);
        }
        System.err.printf("# %s: %d bytes%n", fixture, body.length);
    }

    /** Decodes the body once, in chunks. */
    @Benchmark
    public ReplyResult decode(Bytes counter, Blackhole bh) {
        StreamDecoder decoder = new StreamDecoder(new OpenAiStreamAccumulator());
        int step = chunkBytes == 0 ? body.length : chunkBytes;
        for (int offset = 0; offset < body.length; offset += step) {
            bh.consume(decoder.feed(body, offset, Math.min(step, body.length - offset)));
        }
        counter.bytes += body.length;
        return decoder.end();
    }

    static byte[] resource(String path) {
        try (InputStream in = StreamDecodeBenchmark.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no classpath resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] framedAsSse(byte[] chunksTxt) {
        StringBuilder sse = new StringBuilder();
        for (String line : new String(chunksTxt, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                sse.append("data: ").append(line).append("\n\n");
            }
        }
        return sse.append("data: [DONE]\n\n").toString().getBytes(StandardCharsets.UTF_8);
    }
}
