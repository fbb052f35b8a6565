package io.sse4j.okhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sse4j.ServerSentEvent;
import io.sse4j.SseTransport;
import io.sse4j.testkit.MockResponse;
import io.sse4j.testkit.MockSseServer;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The seam's contract (see {@link SseTransport}) as OkHttp's transport keeps it, over loopback. */
class OkHttpTransportTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private MockSseServer server;
    private OkHttpClient client;

    @BeforeEach
    void start() throws Exception {
        server = MockSseServer.start();
        client = new OkHttpClient.Builder().readTimeout(TIMEOUT).build();
    }

    @AfterEach
    void stop() {
        server.close();
        client.dispatcher().executorService().shutdownNow();
        client.connectionPool().evictAll();
    }

    /** Records the receiver's calls; may ask for the next chunk from inside onBody, as sse4j does. */
    private static final class Recorder implements SseTransport.Receiver {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final CompletableFuture<Void> end = new CompletableFuture<>();
        final AtomicInteger depth = new AtomicInteger();
        volatile int deepest;
        volatile SseTransport.Exchange exchange;
        volatile boolean requestInside;

        @Override
        public void onResponse(HttpResponse.ResponseInfo response, URI uri) {
            calls.add("response " + response.statusCode() + " " + uri.getPath());
        }

        @Override
        public void onBody(List<ByteBuffer> chunk) {
            deepest = Math.max(deepest, depth.incrementAndGet());
            StringBuilder text = new StringBuilder();
            chunk.forEach(b -> text.append(StandardCharsets.UTF_8.decode(b)));
            calls.add("body " + text.length());
            if (requestInside) {
                exchange.request(); // Must not read again inside this call.
            }
            depth.decrementAndGet();
        }

        @Override
        public void onComplete() {
            calls.add("complete");
            end.complete(null);
        }

        @Override
        public void onError(Throwable error) {
            calls.add("error " + error.getClass().getSimpleName());
            end.complete(null);
        }
    }

    private SseTransport.Exchange open(Request request, Recorder recorder) {
        SseTransport.Exchange exchange = OkHttpSse.transport(client, request)
                .open(SseTransport.Attempt.first(), Map.of("Accept", "text/event-stream"), recorder);
        recorder.exchange = exchange;
        return exchange;
    }

    @Test
    void aRequestMadeInsideOnBodyGoesRoundTheLoopInsteadOfNesting() throws Exception {
        // Written 10 bytes at a time, 5 ms apart, so that the body arrives in many reads.
        MockResponse.Builder response = MockResponse.newBuilder().chunkSize(10).chunkPause(Duration.ofMillis(5));
        for (int i = 0; i < 10; i++) {
            response.event(ServerSentEvent.of("event " + i));
        }
        server.enqueue(response.build());
        Recorder recorder = new Recorder();
        recorder.requestInside = true;
        open(new Request.Builder().url(server.url("/events").toString()).build(), recorder).request();
        recorder.end.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertEquals("response 200 /events", recorder.calls.get(0));
        assertEquals("complete", recorder.calls.get(recorder.calls.size() - 1));
        assertTrue(recorder.calls.size() >= 4, "several chunks, each asked for inside the last: " + recorder.calls);
        assertEquals(1, recorder.deepest, "onBody never nested in onBody");
    }

    @Test
    void oneChunkPerRequestAndNoneUnasked() throws Exception {
        server.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("a")).event(ServerSentEvent.of("b")).build());
        Recorder recorder = new Recorder();
        SseTransport.Exchange exchange = open(new Request.Builder().url(server.url("/events").toString()).build(), recorder);
        int requests = 0;
        while (!recorder.end.isDone()) {
            int before = recorder.calls.size();
            exchange.request();
            requests++;
            awaitTrue(() -> recorder.calls.size() > before || recorder.end.isDone());
            assertTrue(recorder.calls.size() <= before + 1 || recorder.calls.get(0).startsWith("response"),
                    recorder.calls.toString());
        }
        long bodies = recorder.calls.stream().filter(c -> c.startsWith("body")).count();
        assertTrue(bodies <= requests, bodies + " chunks for " + requests + " requests");
        assertEquals("complete", recorder.calls.get(recorder.calls.size() - 1));
    }

    @Test
    void abortFromAnotherThreadEndsABlockedReadAndNothingMoreIsHeard() throws Exception {
        server.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("a")).stall().build());
        Recorder recorder = new Recorder();
        SseTransport.Exchange exchange = open(new Request.Builder().url(server.url("/stall").toString()).build(), recorder);
        exchange.request();
        awaitTrue(() -> recorder.calls.size() == 2); // The head and the event; the next read blocks.
        exchange.request();
        exchange.abort();
        exchange.abort(); // Idempotent.
        server.awaitClientDisconnects(1, TIMEOUT);
        awaitTrue(() -> client.dispatcher().runningCallsCount() == 0);
        assertEquals(List.of("response 200 /stall", "body 9"), recorder.calls);
    }

    @Test
    void sse4jsHeadersAreAddedUnlessTheRequestSetsThemAndIdempotenceFollowsTheMethod() {
        Request request = new Request.Builder().url("http://127.0.0.1/").header("Accept", "application/json")
                .post(RequestBody.create(new byte[0])).build();
        Request sent = OkHttpTransport.withHeaders(request, Map.of("Accept", "text/event-stream", "Pragma", "no-cache"));
        assertEquals("application/json", sent.header("Accept"));
        assertEquals("no-cache", sent.header("Pragma"));
        Recorder recorder = new Recorder();
        SseTransport.Exchange post = open(request, recorder);
        post.abort();
        assertFalse(post.idempotent());
        SseTransport.Exchange get = open(new Request.Builder().url("http://127.0.0.1/").build(), recorder);
        get.abort();
        assertTrue(get.idempotent());
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out");
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
    }
}
