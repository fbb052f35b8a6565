package io.sse4j.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sse4j.ServerSentEvent;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JacksonSseTest {

    /** A typical LLM streaming chunk. */
    public static final class Chunk {
        public String text;
        public int index;
    }

    private final JacksonSse json = JacksonSse.of(new ObjectMapper());

    @Test
    void readsEventDataIntoAType() {
        Chunk chunk = json.read(ServerSentEvent.of("delta", "{\"text\":\"hé\",\"index\":3}"), Chunk.class);
        assertEquals("hé", chunk.text);
        assertEquals(3, chunk.index);
    }

    @Test
    void readsGenericTypesThroughTypeReference() {
        List<Map<String, Integer>> value = ServerSentEvent.of("[{\"a\":1},{\"b\":2}]")
                .dataAs(json.dataMapper(new TypeReference<List<Map<String, Integer>>>() { }));
        assertEquals(List.of(Map.of("a", 1), Map.of("b", 2)), value);
    }

    @Test
    void invalidJsonNamesTheEventAndKeepsJacksonsCause() {
        ServerSentEvent event = ServerSentEvent.of("delta", "{\"text\": oops}", "id-7");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> json.read(event, Chunk.class));
        assertTrue(e.getMessage().contains("type=delta"), e.getMessage());
        assertTrue(e.getMessage().contains("lastEventId=id-7"), e.getMessage());
        assertTrue(e.getMessage().contains("{\"text\": oops}"), e.getMessage());
        assertInstanceOf(JsonProcessingException.class, e.getCause());
    }

    @Test
    void publisherMapsEventsWithDemandPassedThrough() throws Exception {
        Recorder<Chunk> recorder = new Recorder<>(1);
        try (SubmissionPublisher<ServerSentEvent> events = new SubmissionPublisher<>()) {
            json.publisher(events, Chunk.class).subscribe(recorder);
            for (int i = 0; i < 5; i++) {
                events.submit(ServerSentEvent.of("{\"text\":\"t" + i + "\",\"index\":" + i + "}"));
            }
        }
        recorder.done.get(10, TimeUnit.SECONDS);
        assertEquals(5, recorder.values.size());
        assertEquals("t4", recorder.values.get(4).text);
    }

    @Test
    void publisherEndsWithErrorNamingTheBadEventAndCancelsUpstream() throws Exception {
        Recorder<Chunk> recorder = new Recorder<>(Long.MAX_VALUE);
        SubmissionPublisher<ServerSentEvent> events = new SubmissionPublisher<>();
        json.publisher(events, Chunk.class).subscribe(recorder);
        events.submit(ServerSentEvent.of("{\"text\":\"ok\",\"index\":0}"));
        events.submit(ServerSentEvent.of("error", "not json", "9"));
        Throwable error = recorder.error.get(10, TimeUnit.SECONDS);
        assertInstanceOf(UncheckedIOException.class, error);
        assertTrue(error.getMessage().contains("type=error"), error.getMessage());
        assertEquals(1, recorder.values.size());
        // Cancelling upstream detaches the subscriber from the publisher.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (events.hasSubscribers() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(0, events.getNumberOfSubscribers());
        events.close();
    }

    /** Requests {@code batch} at a time, one more per item when batch is 1. */
    private static final class Recorder<T> implements Flow.Subscriber<T> {
        final List<T> values = new ArrayList<>();
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final CompletableFuture<Throwable> error = new CompletableFuture<>();
        private final long batch;
        private Flow.Subscription subscription;

        Recorder(long batch) {
            this.batch = batch;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(batch);
        }

        @Override
        public void onNext(T item) {
            values.add(item);
            if (batch == 1) {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable t) {
            error.complete(t);
            done.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            done.complete(null);
        }
    }
}
