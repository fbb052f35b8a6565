package com.example.chat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sse4j.ServerSentEvent;
import io.sse4j.jackson.JacksonSse;

/** A class of the guide's module-path example: maps event data into a record of this package. */
public final class Chat {

    /** The data of a streaming chat API. */
    public record Chunk(String text) {
    }

    private Chat() {
    }

    /** The text of an event whose data is a JSON chunk. */
    public static String text(String data) {
        return JacksonSse.of(new ObjectMapper()).read(ServerSentEvent.of(data), Chunk.class).text();
    }
}
