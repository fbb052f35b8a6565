package io.sse4j.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sse4j.DataMapper;
import io.sse4j.EventStream;
import io.sse4j.ServerSentEvent;
import io.sse4j.SseListener;
import io.sse4j.SseOptions;
import io.sse4j.SseResponseException;
import io.sse4j.jackson.JacksonSse;
import io.sse4j.testkit.MockResponse;
import io.sse4j.testkit.MockSseServer;
import io.sse4j.testkit.RecordedRequest;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A tour of sse4j against an embedded {@link MockSseServer} on 127.0.0.1: an LLM-style token
 * stream read blocking, the same stream through a listener, typed JSON data, and a refused
 * response inspected before its error. Run it with
 * {@code mvn -B -q -DskipTests package exec:java -pl sse4j-examples -am}.
 */
public final class Demo {

    private static final String[] TOKENS = {"Server", "-Sent", " Events", " for", " Java", ",", " spec", "-exact", "."};

    /** Without a JSON library: the value of "content" in {"content":"..."} (enough for this demo). */
    private static final DataMapper<String> CONTENT =
            data -> data.substring(data.indexOf(":\"") + 2, data.lastIndexOf('"'));

    private final PrintStream out;

    Demo(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        new Demo(System.out).run(Duration.ofMillis(40));
    }

    /** The chunk format of a typical streaming chat API. */
    public static final class Chunk {
        public String content;
    }

    /** Plays the tour; {@code pace} is the server's pause between tokens. */
    void run(Duration pace) throws Exception {
        HttpClient client = EventStream.newClientBuilder().build();
        try (MockSseServer server = MockSseServer.start()) {
            out.println("sse4j demo: MockSseServer listening on " + server.uri());

            server.enqueue(tokenStream(pace));
            HttpRequest post = HttpRequest.newBuilder(server.url("/v1/chat/completions"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"stream\":true,\"prompt\":\"Say hi\"}"))
                    .build();
            out.println();
            out.println("1. Blocking: POST, then print each token the moment it arrives");
            try (EventStream events = EventStream.connect(client, post)) {
                out.println("   HTTP " + events.response().statusCode() + " "
                        + events.response().headers().firstValue("Content-Type").orElse(""));
                out.print("   ");
                for (ServerSentEvent event : events) {
                    if (event.type().equals("done")) {
                        break;
                    }
                    out.print(event.dataAs(CONTENT));
                    out.flush();
                }
                out.println();
                out.println("   last event ID: " + events.lastEventId()
                        + ", server asks to reconnect after " + events.reconnectionTime().map(Duration::toMillis).orElse(0L) + " ms");
            }
            RecordedRequest received = server.takeRequest(Duration.ofSeconds(5));
            out.println("   the server received " + received.method() + " " + received.path() + " with Accept: "
                    + received.headers().firstValue("Accept").orElse("") + " and body " + received.bodyAsString());

            server.enqueue(tokenStream(pace));
            out.println();
            out.println("2. Async: the same stream through a listener, typed with Jackson");
            JacksonSse json = JacksonSse.of(new ObjectMapper());
            CompletableFuture<Void> finished = new CompletableFuture<>();
            StringBuilder text = new StringBuilder();
            EventStream.connectAsync(client, post, SseOptions.defaults(), new SseListener() {
                @Override
                public void onOpen(EventStream stream) {
                    out.println("   open: HTTP " + stream.response().statusCode());
                }

                @Override
                public void onComment(String comment) {
                    out.println("   (comment: " + comment + ")");
                }

                @Override
                public void onEvent(ServerSentEvent event) {
                    if (event.type().equals("delta")) {
                        text.append(json.read(event, Chunk.class).content);
                    } else {
                        out.println("   " + event);
                    }
                }

                @Override
                public void onClosed() {
                    out.println("   closed; assembled text: " + text);
                    finished.complete(null);
                }

                @Override
                public void onError(Throwable error) {
                    finished.completeExceptionally(error);
                }
            });
            finished.get(30, TimeUnit.SECONDS);

            server.enqueue(MockResponse.newBuilder().status(401).contentType("application/json")
                    .fixedLength().raw("{\"error\":\"invalid API key\"}").build());
            out.println();
            out.println("3. A refused response: connect fails at once, with the status, headers and body");
            try (EventStream events = EventStream.connect(client, post)) {
                events.forEach(event -> out.println("   not reached: " + event));
            } catch (SseResponseException e) {
                out.println("   " + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        } catch (IOException e) {
            out.println("demo failed: " + e);
            throw e;
        }
    }

    private static MockResponse tokenStream(Duration pace) {
        MockResponse.Builder response = MockResponse.newBuilder().retry(Duration.ofSeconds(3)).comment("stream start");
        for (int i = 0; i < TOKENS.length; i++) {
            response.event(ServerSentEvent.of("delta", "{\"content\":\"" + TOKENS[i] + "\"}", String.valueOf(i + 1)));
            if (!pace.isZero()) {
                response.pause(pace);
            }
        }
        return response.event(ServerSentEvent.of("done", "[DONE]", "done")).build();
    }
}
