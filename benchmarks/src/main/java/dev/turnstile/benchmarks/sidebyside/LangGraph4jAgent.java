package dev.turnstile.benchmarks.sidebyside;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.Map;
import java.util.Optional;
import org.bsc.langgraph4j.CompileConfig;
import org.bsc.langgraph4j.CompiledGraph;
import org.bsc.langgraph4j.RunnableConfig;
import org.bsc.langgraph4j.agentexecutor.AgentExecutor;
import org.bsc.langgraph4j.checkpoint.MemorySaver;

/**
 * LangGraph4j's prebuilt {@code AgentExecutor} as its documentation shows it: built with the
 * (same scripted) LangChain4j {@code ChatModel} and the same {@code @Tool} object, compiled with a
 * {@link MemorySaver} checkpointer, each session a thread id.
 */
final class LangGraph4jAgent implements Contender {

    private final MemorySaver saver = new MemorySaver();
    private final CompiledGraph<AgentExecutor.State> graph;

    LangGraph4jAgent() throws Exception {
        graph = AgentExecutor.builder()
                .chatModel(new LangChain4jAgent.ScriptedChatModel())
                .toolsFromObject(new LangChain4jAgent.ScriptTools())
                .build()
                .compile(CompileConfig.builder().checkpointSaver(saver).build());
    }

    @Override
    public String runTurn(String sessionId) {
        RunnableConfig config = RunnableConfig.builder().threadId(sessionId).build();
        Optional<AgentExecutor.State> state = graph.invoke(Map.of("messages", UserMessage.from(Script.USER_MESSAGE)),
                config);
        AgentExecutor.State done = state.orElseThrow(() -> new IllegalStateException("the graph returned no state"));
        return done.finalResponse().orElseGet(() -> done.lastMessage()
                .map(m -> m instanceof AiMessage ai ? ai.text() : String.valueOf(m)).orElse(null));
    }

    @Override
    public void forget(String sessionId) throws Exception {
        saver.release(RunnableConfig.builder().threadId(sessionId).build());
    }
}
