package dev.turnstile.benchmarks.sidebyside;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.UserMessage;
import dev.langchain4j.service.memory.ChatMemoryAccess;
import java.util.ArrayList;
import java.util.List;

/**
 * LangChain4j AI Services as its documentation shows them: an annotated interface, a
 * {@code ChatMemoryProvider} giving each memory id a {@link MessageWindowChatMemory}, tools from
 * {@code @Tool} methods, and a scripted {@link ChatModel} that answers with tool execution requests.
 */
final class LangChain4jAgent implements Contender {

    /** The AI service. {@link ChatMemoryAccess} lets the CPU runs evict finished sessions. */
    interface Assistant extends ChatMemoryAccess {
        String chat(@MemoryId String sessionId, @UserMessage String text);
    }

    /** The tools, as LangChain4j's {@code @Tool} methods. */
    static final class ScriptTools {
        @Tool("Adds two integers")
        long add(@P(name = "a", value = "first addend") long a, @P(name = "b", value = "second addend") long b) {
            return Script.add(a, b);
        }

        @Tool("Reads a value by key")
        String lookup(@P(name = "key", value = "the key") String key) {
            return Script.lookup(key);
        }
    }

    /** The scripted model: reads the turn's messages from the end, answers from {@link Script}. */
    static final class ScriptedChatModel implements ChatModel {
        @Override
        public ChatResponse doChat(ChatRequest request) {
            Script.Reply reply = replyTo(request.messages());
            AiMessage message;
            if (reply.hasCalls()) {
                List<ToolExecutionRequest> calls = new ArrayList<>(reply.calls().size());
                for (Script.Call c : reply.calls()) {
                    calls.add(ToolExecutionRequest.builder().id(c.id()).name(c.name()).arguments(c.argumentsJson()).build());
                }
                message = AiMessage.from(calls);
            } else {
                message = AiMessage.from(reply.text());
            }
            return ChatResponse.builder().aiMessage(message).tokenUsage(new TokenUsage(120, 20))
                    .finishReason(reply.hasCalls() ? FinishReason.TOOL_EXECUTION : FinishReason.STOP)
                    .modelName("scripted").build();
        }
    }

    private final Assistant assistant = AiServices.builder(Assistant.class)
            .chatModel(new ScriptedChatModel())
            .tools(new ScriptTools())
            .chatMemoryProvider(id -> MessageWindowChatMemory.builder().id(id).maxMessages(100).build())
            .build();

    @Override
    public String runTurn(String sessionId) {
        return assistant.chat(sessionId, Script.USER_MESSAGE);
    }

    @Override
    public void forget(String sessionId) {
        assistant.evictChatMemory(sessionId);
    }

    /** The script's three facts from LangChain4j messages (shared with the LangGraph4j contender). */
    static Script.Reply replyTo(List<ChatMessage> messages) {
        int round = 1;
        String lastAdd = null;
        String lookup = null;
        for (int i = messages.size() - 1; i >= 0; i--) {
            ChatMessage m = messages.get(i);
            if (m instanceof dev.langchain4j.data.message.UserMessage) {
                break;
            }
            if (m instanceof AiMessage) {
                round++;
            } else if (m instanceof ToolExecutionResultMessage r) {
                if (lastAdd == null && "add".equals(r.toolName())) {
                    lastAdd = r.text();
                } else if (lookup == null && "lookup".equals(r.toolName())) {
                    lookup = r.text();
                }
            }
        }
        return Script.reply(round, lastAdd, lookup);
    }
}
