package dev.turnstile.benchmarks.sidebyside;

import dev.turnstile.blocking.BlockingRuntime;
import dev.turnstile.host.ModelCall;
import dev.turnstile.host.ModelClient;
import dev.turnstile.host.Session;
import dev.turnstile.host.SessionOptions;
import dev.turnstile.host.store.Durability;
import dev.turnstile.host.store.FileJournal;
import dev.turnstile.host.store.FileJournalOptions;
import dev.turnstile.host.store.InMemoryJournal;
import dev.turnstile.host.store.Journal;
import dev.turnstile.host.tools.Tools;
import dev.turnstile.machine.MachineConfig;
import dev.turnstile.machine.Outcome;
import dev.turnstile.model.AssistantMessage;
import dev.turnstile.model.FinishReason;
import dev.turnstile.model.Json;
import dev.turnstile.model.Message;
import dev.turnstile.model.ModelReply;
import dev.turnstile.model.ModelRequest;
import dev.turnstile.model.ToolCall;
import dev.turnstile.model.ToolResultMessage;
import dev.turnstile.model.Usage;
import dev.turnstile.wire.ReplyResult;
import dev.turnstile.wire.StreamDelta;
import io.vavr.collection.Vector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Turnstile's blocking adapter as its README shows it: a {@link BlockingRuntime} with the two tools
 * made by {@link Tools#of}, a scripted {@link ModelClient} returning completed futures, and either the
 * in-memory store or the durable {@link FileJournal} (group-commit fsync, the default) in a temp
 * directory. Each turn opens a session, sends the message, waits for the turn's outcome.
 */
final class TurnstileAgent implements Contender {

    private static final Json ADD_SCHEMA = Json.parse("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\"},"
            + "\"b\":{\"type\":\"integer\"}},\"required\":[\"a\",\"b\"]}");
    private static final Json LOOKUP_SCHEMA = Json.parse("{\"type\":\"object\",\"properties\":{\"key\":"
            + "{\"type\":\"string\"}},\"required\":[\"key\"]}");
    private static final MachineConfig CONFIG = MachineConfig.builder("scripted").build();

    private final BlockingRuntime runtime;
    private final Journal journal;
    private final Path directory;

    private TurnstileAgent(Journal journal, Path directory) {
        this.journal = journal;
        this.directory = directory;
        this.runtime = BlockingRuntime.builder()
                .model(new ScriptedModel())
                .tool(Tools.of("add", "Adds two integers", ADD_SCHEMA,
                        args -> Script.add(args.get("a").asLong(), args.get("b").asLong())))
                .tool(Tools.of("lookup", "Reads a value by key", LOOKUP_SCHEMA,
                        args -> Script.lookup(args.get("key").asString())))
                .store(journal, checkpointsOf(journal))
                .build();
    }

    static TurnstileAgent inMemory() {
        return new TurnstileAgent(new InMemoryJournal(), null);
    }

    static TurnstileAgent durable(boolean noFsync) throws IOException {
        Path dir = Files.createTempDirectory("turnstile-sidebyside-");
        FileJournalOptions options = FileJournalOptions.defaults();
        if (noFsync) {
            options = options.withDurability(Durability.NO_FSYNC);
        }
        return new TurnstileAgent(FileJournal.open(dir, options), dir);
    }

    private static dev.turnstile.host.store.CheckpointStore checkpointsOf(Journal journal) {
        return switch (journal) {
            case InMemoryJournal j -> j.checkpoints();
            case FileJournal j -> j.checkpoints();
            default -> throw new IllegalArgumentException(journal.toString());
        };
    }

    @Override
    public String runTurn(String sessionId) throws Exception {
        Session session = runtime.open(SessionOptions.of(sessionId, CONFIG));
        long cursor = session.observations().lastCursor();
        session.send(Script.USER_MESSAGE).join();
        Outcome outcome = session.turnFinished(cursor).get(60, TimeUnit.SECONDS);
        return outcome instanceof Outcome.Completed done ? done.text() : outcome.toString();
    }

    @Override
    public void forget(String sessionId) {
        runtime.close(sessionId).join();
        journal.delete(sessionId);
    }

    @Override
    public void close() {
        runtime.close();
        if (directory != null) {
            try (Stream<Path> paths = Files.walk(directory)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.delete(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The scripted model: reads the turn's messages from the end, answers at once from {@link Script}. */
    static final class ScriptedModel implements ModelClient {
        @Override
        public ModelCall start(ModelRequest request, Consumer<StreamDelta> deltas) {
            Script.Reply reply = replyTo(request.messages());
            Vector<ToolCall> calls = Vector.empty();
            for (Script.Call c : reply.calls()) {
                calls = calls.append(new ToolCall(c.id(), c.name(), c.argumentsJson()));
            }
            ModelReply modelReply = new ModelReply(new AssistantMessage(reply.text(), calls), Usage.of(120, 20),
                    reply.hasCalls() ? FinishReason.TOOL_CALLS : FinishReason.END_TURN, "scripted");
            CompletableFuture<ReplyResult> result = CompletableFuture.completedFuture(new ReplyResult.Completed(modelReply));
            return new ModelCall() {
                @Override
                public CompletionStage<ReplyResult> result() {
                    return result;
                }

                @Override
                public void cancel() {}
            };
        }

        private static Script.Reply replyTo(Vector<Message> messages) {
            int round = 1;
            String lastAdd = null;
            String lookup = null;
            for (int i = messages.size() - 1; i >= 0; i--) {
                Message m = messages.get(i);
                if (m instanceof dev.turnstile.model.UserMessage) {
                    break;
                }
                if (m instanceof AssistantMessage) {
                    round++;
                } else if (m instanceof ToolResultMessage r) {
                    if (lastAdd == null && "add".equals(r.toolName())) {
                        lastAdd = r.content();
                    } else if (lookup == null && "lookup".equals(r.toolName())) {
                        lookup = r.content();
                    }
                }
            }
            return Script.reply(round, lastAdd, lookup);
        }
    }
}
