package io.sse4j.tests.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sse4j.EventStream;
import io.sse4j.ServerSentEvent;
import io.sse4j.jackson.JacksonSse;
import io.sse4j.testkit.MockResponse;
import io.sse4j.testkit.MockSseServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The guide's LLM recipes ({@link OpenAiExample}, {@link AnthropicExample}) against MockSseServer,
 * with payloads as those APIs send them: each reply is put together as the guide says, the loop
 * ends at the stream's own end marker without waiting for the connection to close (the server
 * stalls after it), and the connection is then closed.
 */
class LlmRecipesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private MockSseServer server;
    private ExecutorService executor;
    private HttpClient client;

    @BeforeEach
    void start() throws IOException {
        server = MockSseServer.start();
        executor = Executors.newFixedThreadPool(2);
        client = HttpClient.newBuilder().executor(executor).connectTimeout(TIMEOUT).build();
    }

    @AfterEach
    void stop() {
        server.close();
        executor.shutdownNow();
    }

    private HttpRequest post(String path, String body) {
        return HttpRequest.newBuilder(server.url(path)).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static String openAiChunk(String delta, String finishReason) {
        return "{\"id\":\"chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG\",\"object\":\"chat.completion.chunk\","
                + "\"created\":1741570283,\"model\":\"gpt-4o-2024-08-06\",\"service_tier\":\"default\","
                + "\"system_fingerprint\":\"fp_fc9f1d7035\",\"choices\":[{\"index\":0,\"delta\":" + delta
                + ",\"logprobs\":null,\"finish_reason\":" + finishReason + "}],\"usage\":null}";
    }

    /** A chat completion as OpenAI streams it with stream_options.include_usage, then [DONE]. */
    private static MockResponse.Builder openAiStream() {
        return MockResponse.newBuilder()
                .event(ServerSentEvent.of(openAiChunk("{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}", "null")))
                .event(ServerSentEvent.of(openAiChunk("{\"content\":\"Hello\"}", "null")))
                .event(ServerSentEvent.of(openAiChunk("{\"content\":\"! How can I\"}", "null")))
                .event(ServerSentEvent.of(openAiChunk("{\"content\":\" help you today?\"}", "null")))
                .event(ServerSentEvent.of(openAiChunk("{}", "\"stop\"")))
                .event(ServerSentEvent.of("{\"id\":\"chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG\",\"object\":\"chat.completion.chunk\","
                        + "\"created\":1741570283,\"model\":\"gpt-4o-2024-08-06\",\"choices\":[],"
                        + "\"usage\":{\"prompt_tokens\":19,\"completion_tokens\":10,\"total_tokens\":29}}"))
                .event(ServerSentEvent.of("[DONE]"));
    }

    @Test
    void openAiChunksAreTypedUntilDone() throws Exception {
        server.enqueue(openAiStream().stall().build());
        OpenAiExample.Reply reply = assertTimeoutPreemptively(TIMEOUT, () -> OpenAiExample.complete(client,
                post("/v1/chat/completions", "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[]}")));
        assertEquals(new OpenAiExample.Reply("Hello! How can I help you today?", "stop"), reply);
        server.awaitOpenConnections(0, TIMEOUT);
    }

    @Test
    void openAiStreamCutBeforeDoneIsAnError() throws Exception {
        server.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of(openAiChunk("{\"content\":\"Hel\"}", "null"))).build());
        IOException e = assertThrows(IOException.class, () -> OpenAiExample.complete(client, post("/v1/chat/completions", "{}")));
        assertEquals("the stream ended without [DONE]: the reply is cut short", e.getMessage());
    }

    /** What the guide's warning says: mapping every event of such a stream fails at [DONE]. */
    @Test
    void mappingEveryEventFailsAtDone() throws Exception {
        server.enqueue(openAiStream().build());
        JacksonSse json = JacksonSse.of(new ObjectMapper());
        try (EventStream events = EventStream.connect(client, post("/v1/chat/completions", "{}"));
                Stream<Object> values = json.stream(events, Object.class)) {
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> values.forEach(value -> { }));
            assertTrue(e.getMessage().contains("[DONE]"), e.getMessage());
        }
    }

    /** A message as Anthropic's Messages API streams it: named events, a ping, message_stop last. */
    private static MockResponse.Builder anthropicStream() {
        return MockResponse.newBuilder()
                .event(ServerSentEvent.of("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":"
                        + "\"msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY\",\"type\":\"message\",\"role\":\"assistant\","
                        + "\"content\":[],\"model\":\"claude-sonnet-4-5\",\"stop_reason\":null,\"stop_sequence\":null,"
                        + "\"usage\":{\"input_tokens\":25,\"output_tokens\":1}}}"))
                .event(ServerSentEvent.of("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
                        + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"))
                .event(ServerSentEvent.of("ping", "{\"type\": \"ping\"}"))
                .event(ServerSentEvent.of("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                        + "\"delta\":{\"type\":\"text_delta\",\"text\":\"Hello\"}}"))
                .event(ServerSentEvent.of("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                        + "\"delta\":{\"type\":\"text_delta\",\"text\":\"! How can I help?\"}}"))
                .event(ServerSentEvent.of("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"))
                .event(ServerSentEvent.of("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":"
                        + "\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":15}}"));
    }

    @Test
    void anthropicEventsAreTypedByNameUntilMessageStop() throws Exception {
        server.enqueue(anthropicStream()
                .event(ServerSentEvent.of("message_stop", "{\"type\":\"message_stop\"}")).stall().build());
        AnthropicExample.Reply reply = assertTimeoutPreemptively(TIMEOUT, () -> AnthropicExample.complete(client,
                post("/v1/messages", "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,\"stream\":true,\"messages\":[]}")));
        assertEquals(new AnthropicExample.Reply("Hello! How can I help?", "end_turn"), reply);
        server.awaitOpenConnections(0, TIMEOUT);
    }

    @Test
    void anthropicErrorEventFailsWithItsMessage() throws Exception {
        server.enqueue(anthropicStream().event(ServerSentEvent.of("error",
                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}")).stall().build());
        IOException e = assertTimeoutPreemptively(TIMEOUT,
                () -> assertThrows(IOException.class, () -> AnthropicExample.complete(client, post("/v1/messages", "{}"))));
        assertEquals("Overloaded", e.getMessage());
        server.awaitOpenConnections(0, TIMEOUT);
    }

    @Test
    void anthropicStreamCutBeforeMessageStopIsAnError() throws Exception {
        server.enqueue(anthropicStream().build());
        IOException e = assertThrows(IOException.class, () -> AnthropicExample.complete(client, post("/v1/messages", "{}")));
        assertEquals("the stream ended without message_stop: the reply is cut short", e.getMessage());
    }
}
