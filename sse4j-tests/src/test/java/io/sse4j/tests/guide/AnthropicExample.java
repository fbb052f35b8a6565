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

/**
 * The example {@code anthropic} of docs/guide.md: an Anthropic-style message stream, named events
 * typed by their name, ended by {@code message_stop}. Its imports are this file's: the guide shows
 * them, and the compiler holds them to be what the example needs.
 */
public final class AnthropicExample {

    private AnthropicExample() {
    }

    // anthropic:begin
    record ContentBlockDelta(int index, Delta delta) {
    }

    record Delta(String type, String text) {
    }

    record MessageDelta(StopDelta delta) {
    }

    record StopDelta(String stopReason) {
    }

    record StreamError(ErrorDetail error) {
    }

    record ErrorDetail(String type, String message) {
    }

    record Reply(String text, String stopReason) {
    }

    static final JacksonSse JSON = JacksonSse.of(JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)    // stop_reason
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)     // usage, …
            .build());

    static Reply complete(HttpClient client, HttpRequest request) throws IOException, InterruptedException {
        StringBuilder text = new StringBuilder();
        String stopReason = "";
        try (EventStream events = EventStream.connect(client, request)) {
            for (ServerSentEvent event : events) {
                switch (event.type()) {
                    case "content_block_delta" -> {
                        Delta delta = JSON.read(event, ContentBlockDelta.class).delta();
                        if (delta.type().equals("text_delta")) { // not "input_json_delta", "thinking_delta"
                            text.append(delta.text());
                        }
                    }
                    case "message_delta" -> stopReason = JSON.read(event, MessageDelta.class).delta().stopReason();
                    case "message_stop" -> {
                        return new Reply(text.toString(), stopReason);
                    }
                    case "error" -> throw new IOException(JSON.read(event, StreamError.class).error().message());
                    default -> {
                        // message_start, content_block_start and _stop, ping, and types added later
                    }
                }
            }
        }
        throw new IOException("the stream ended without message_stop: the reply is cut short");
    }
    // anthropic:end
}
