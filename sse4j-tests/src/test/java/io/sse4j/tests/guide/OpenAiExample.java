package io.sse4j.tests.guide;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sse4j.EventStream;
import io.sse4j.ServerSentEvent;
import io.sse4j.jackson.JacksonSse;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.List;

/**
 * The example {@code openAi} of docs/guide.md: an OpenAI-style chat completion stream, typed
 * chunks until the {@code [DONE]} sentinel. Its imports are this file's: the guide shows them, and
 * the compiler holds them to be what the example needs.
 */
public final class OpenAiExample {

    private OpenAiExample() {
    }

    // openAi:begin
    record ChatChunk(List<Choice> choices) {
    }

    record Choice(Delta delta, String finishReason) {
    }

    record Delta(String content) {
    }

    record Reply(String text, String finishReason) {
    }

    static final JacksonSse JSON = JacksonSse.of(JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)    // finish_reason
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)     // id, model, usage, …
            .build());

    static Reply complete(HttpClient client, HttpRequest request) throws IOException, InterruptedException {
        StringBuilder text = new StringBuilder();
        String finishReason = "";
        try (EventStream events = EventStream.connect(client, request)) {
            for (ServerSentEvent event : events) {
                if (event.data().equals("[DONE]")) {
                    return new Reply(text.toString(), finishReason); // the end; not JSON, never mapped
                }
                for (Choice choice : JSON.read(event, ChatChunk.class).choices()) {
                    if (choice.delta().content() != null) {
                        text.append(choice.delta().content());
                    }
                    if (choice.finishReason() != null) {
                        finishReason = choice.finishReason(); // "stop", "length", …
                    }
                }
            }
        }
        throw new IOException("the stream ended without [DONE]: the reply is cut short");
    }
    // openAi:end
}
