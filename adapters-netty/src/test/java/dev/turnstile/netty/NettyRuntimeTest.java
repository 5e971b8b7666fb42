package dev.turnstile.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.turnstile.host.Session;
import dev.turnstile.host.SessionOptions;
import dev.turnstile.host.store.Durability;
import dev.turnstile.host.store.FileJournalOptions;
import dev.turnstile.machine.MachineConfig;
import dev.turnstile.machine.Outcome;
import dev.turnstile.netty.http.OpenAiChatClient;
import dev.turnstile.netty.testing.AddTool;
import dev.turnstile.netty.testing.FakeUpstream;
import dev.turnstile.netty.testing.ProviderStreams;
import dev.turnstile.netty.testing.ScriptedModel;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runtime end to end, with a scripted model (no network) unless the transport is under test. */
class NettyRuntimeTest {

    @TempDir
    Path store;

    private static final FileJournalOptions FAST = FileJournalOptions.defaults().withDurability(Durability.NO_FSYNC);
    private final List<Thread> modelThreads = new CopyOnWriteArrayList<>();

    private ScriptedModel.Answer onThread(ScriptedModel.Answer answer) {
        return (request, deltas) -> {
            modelThreads.add(Thread.currentThread());
            return answer.answer(request, deltas);
        };
    }

    private static boolean isEventLoopOf(EventLoopGroup group, Thread thread) {
        for (EventExecutor loop : group) {
            if (loop.inEventLoop(thread)) {
                return true;
            }
        }
        return false;
    }

    private static Outcome turn(Session session, String text) throws Exception {
        long cursor = session.observations().lastCursor();
        session.send(text).get(30, TimeUnit.SECONDS);
        return session.turnFinished(cursor).get(30, TimeUnit.SECONDS);
    }

    @Test
    void sessionsRunOnOneEventLoopAndBlockingToolsRunOffTheLoops() throws Exception {
        ScriptedModel model = new ScriptedModel().then(
                onThread(ScriptedModel.toolCall("call_1", "add", "{\"a\":2,\"b\":3}")),
                onThread(ScriptedModel.text("It is ", "5")),
                onThread(ScriptedModel.text("Bye")));
        AddTool add = new AddTool();
        try (NettyRuntime runtime = NettyRuntime.builder().model(model).tool(add).store(store, FAST)
                .eventLoopThreads(2).build()) {
            Session session = runtime.open(SessionOptions.of("confined", MachineConfig.builder("m").build()));

            assertEquals(new Outcome.Completed("It is 5"), turn(session, "What is 2+3?"));
            assertEquals(new Outcome.Completed("Bye"), turn(session, "Thanks"));

            assertEquals(3, modelThreads.size());
            assertTrue(isEventLoopOf(runtime.eventLoopGroup(), modelThreads.getFirst()),
                    "the session steps on an event loop: " + modelThreads.getFirst());
            assertEquals(1, modelThreads.stream().distinct().count(), "always the same loop: " + modelThreads);
            Thread toolThread = add.threads().getFirst();
            assertTrue(toolThread.isVirtual(), "blocking tools run on the bounded virtual-thread executor");
            assertFalse(isEventLoopOf(runtime.eventLoopGroup(), toolThread));
        }
    }

    @Test
    void resumesAStoredSessionInANewRuntime() throws Exception {
        MachineConfig config = MachineConfig.builder("m").build();
        try (NettyRuntime runtime = NettyRuntime.builder().model(new ScriptedModel().then(ScriptedModel.text("first")))
                .store(store, FAST).build()) {
            Session session = runtime.open(SessionOptions.of("durable", config));
            assertEquals(new Outcome.Completed("first"), turn(session, "hello"));
        }
        try (NettyRuntime runtime = NettyRuntime.builder().model(new ScriptedModel().then(ScriptedModel.text("second")))
                .store(store, FAST).build()) {
            assertEquals(List.of("durable"), runtime.storedSessions().toJavaList());
            Session session = runtime.resume("durable");
            assertEquals(new Outcome.Completed("second"), turn(session, "again"));
            assertEquals(4, session.snapshot().transcript().size(), "both turns, user and assistant each");
        }
    }

    @Test
    void aModelBuiltOnTheRuntimeTransportStreamsFromAProvider() throws Exception {
        try (FakeUpstream upstream = FakeUpstream.plain()) {
            upstream.then((request, out) -> out.head(200, "text/event-stream")
                    .chunk(ProviderStreams.openAiText("over ")).chunk(ProviderStreams.openAiText("netty"))
                    .chunk(ProviderStreams.openAiEnd()).end());
            try (NettyRuntime runtime = NettyRuntime.builder()
                    .model(http -> OpenAiChatClient.builder().baseUrl(upstream.url("/v1")).httpClient(http).build())
                    .build()) {
                Session session = runtime.open(SessionOptions.of("wired", MachineConfig.builder("gpt-test").build()));
                assertEquals(new Outcome.Completed("over netty"), turn(session, "hi"));
            }
        }
    }

    @Test
    void refusesToBuildWithoutAModelOrWithADuplicateTool() {
        assertThrows(IllegalStateException.class, () -> NettyRuntime.builder().build());
        assertThrows(IllegalArgumentException.class, () -> NettyRuntime.builder().tool(new AddTool()).tool(new AddTool()));
    }

    @Test
    void theBlockingExecutorBoundsConcurrencyAndRunsEveryTask() throws Exception {
        try (BoundedBlockingExecutor executor = new BoundedBlockingExecutor(2, "test-")) {
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch twoStarted = new CountDownLatch(2);
            CountDownLatch done = new CountDownLatch(5);
            AtomicInteger running = new AtomicInteger();
            AtomicInteger peak = new AtomicInteger();
            for (int i = 0; i < 5; i++) {
                executor.execute(() -> {
                    peak.accumulateAndGet(running.incrementAndGet(), Math::max);
                    twoStarted.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    running.decrementAndGet();
                    done.countDown();
                });
            }
            assertTrue(twoStarted.await(30, TimeUnit.SECONDS));
            assertEquals(3, executor.waiting(), "two run, three wait");
            assertEquals(2, executor.running());
            release.countDown();
            assertTrue(done.await(30, TimeUnit.SECONDS));
            assertEquals(2, peak.get());
        }
    }
}
