package dev.turnstile.conformance.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every trace committed under {@code src/test/resources/sim/} replays with every invariant holding:
 * shrunk traces of machine bugs the simulator found ({@code regression-*.jsonl}) and of sessions the
 * checker once wrongly flagged ({@code checker-*.jsonl}). Add a trace by copying a file from
 * {@code target/sim-failures/} once the bug it shows is fixed.
 */
class CommittedTracesTest {

    @TestFactory
    Stream<DynamicTest> committedTracesReplayCleanly() throws IOException, URISyntaxException {
        Path directory = Path.of(CommittedTracesTest.class.getResource("/sim").toURI());
        List<Path> traces;
        try (Stream<Path> files = Files.list(directory)) {
            traces = files.filter(f -> f.getFileName().toString().endsWith(".jsonl")).sorted().toList();
        }
        assertFalse(traces.isEmpty(), "no committed traces in " + directory);
        return traces.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            TraceFile.Trace trace = TraceFile.read(file);
            Replay.Result replay = Replay.run(trace.config(), trace.start(), trace.inputs(), List.of(), true);
            assertEquals(Optional.empty(), replay.violation(), file + " (recorded for " + trace.violationKey() + ")");
        }));
    }
}
