package io.sse4j.tests;

import io.sse4j.EventStream;
import io.sse4j.ServerSentEvent;
import io.sse4j.SseLimits;
import io.sse4j.SseOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.Optional;

/**
 * Run in a child JVM with a small heap by {@link HeapEndToEndTest}: reads a stream and prints one
 * line per event ({@code EVENT <length>}) and how it ended ({@code END}, or {@code FAILED <class>:
 * <message>}). A watchdog ends it after 60 s, so it never outlives its test.
 */
public final class HeapProbe {

    private HeapProbe() {
    }

    public static void main(String[] args) throws Exception {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(60_000); // A bound on the child's life, not a wait for something.
                System.out.println("TIMEOUT");
                System.exit(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        watchdog.setDaemon(true);
        watchdog.start();
        URI uri = URI.create(args[0]);
        SseOptions options = SseOptions.defaults()
                .withLimits(SseLimits.defaults().withMaxEventSize(Integer.parseInt(args[1])));
        HttpClient client = EventStream.newClientBuilder().build();
        try (EventStream events = EventStream.connect(client, HttpRequest.newBuilder(uri).build(), options)) {
            Optional<ServerSentEvent> event;
            while ((event = events.read()).isPresent()) {
                System.out.println("EVENT " + event.get().data().length());
            }
            System.out.println("END");
        } catch (Throwable t) {
            System.out.println("FAILED " + t.getClass().getName() + ": " + t.getMessage());
        }
        System.out.flush();
        System.exit(0);
    }
}
