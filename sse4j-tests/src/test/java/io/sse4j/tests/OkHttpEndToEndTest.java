package io.sse4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sse4j.BrokenStreamException;
import io.sse4j.EventSource;
import io.sse4j.EventStream;
import io.sse4j.ServerSentEvent;
import io.sse4j.SseLimits;
import io.sse4j.SseListener;
import io.sse4j.SseOptions;
import io.sse4j.SseResponseException;
import io.sse4j.SseTransport;
import io.sse4j.okhttp.OkHttpSse;
import io.sse4j.testkit.MockResponse;
import io.sse4j.testkit.MockSseServer;
import io.sse4j.testkit.RecordedRequest;
import java.net.ConnectException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.Test;

/**
 * sse4j over OkHttp against a real loopback server: each consumer style, refusals, 204,
 * {@code Retry-After} and the idle timeout (in virtual time), the client's interceptors, the
 * reading thread, demand, and closing from another thread.
 */
class OkHttpEndToEndTest extends OkHttpLoopbackTest {

    private final VirtualScheduler time = new VirtualScheduler();

    private static MockResponse noContent() {
        return MockResponse.newBuilder().status(204).contentType("text/plain").fixedLength().raw("").build();
    }

    private EventSource.Builder source(String path) {
        return OkHttpSse.newEventSourceBuilder(client, get(path)).scheduler(time);
    }

    @Test
    void blockingReadAndIterationSeeTheSameEventsAsOverTheJdk() throws Exception {
        server.enqueue(MockResponse.newBuilder().comment("hi").event(ServerSentEvent.of("message", "a", "1"))
                .raw("event: tick\r\ndata: b\r\ndata: c\r\n\r\n").build());
        try (EventStream events = OkHttpSse.connect(client, get("/events"))) {
            assertEquals(200, events.response().statusCode());
            assertEquals(Optional.of(server.url("/events")), events.uri());
            assertEquals(ServerSentEvent.of("message", "a", "1"), events.read().orElseThrow());
            List<ServerSentEvent> rest = new ArrayList<>();
            events.forEach(rest::add);
            assertEquals(List.of(ServerSentEvent.of("tick", "b\nc", "1")), rest);
            assertEquals("1", events.lastEventId());
        }
    }

    @Test
    void theRequestCarriesSse4jsHeadersUnlessItSetsThemAndTheClientsInterceptorsRun() throws Exception {
        server.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("message", "a", "7")).build());
        server.enqueue(noContent());
        OkHttpClient intercepted = client.newBuilder()
                .addInterceptor(chain -> chain.proceed(chain.request().newBuilder().header("X-Intercepted", "yes").build()))
                .build();
        Request request = new Request.Builder().url(server.url("/events").toString()).header("Cache-Control", "max-age=0")
                .build();
        try (EventSource events = OkHttpSse.newEventSourceBuilder(intercepted, request).scheduler(time).build()) {
            assertEquals("a", events.read().orElseThrow().data());
            // A blocking reader reads the socket itself: the next read meets the end of the body.
            CompletableFuture<Optional<ServerSentEvent>> next = readInBackground(events::read);
            time.runNext(TIMEOUT); // The reconnect after the clean end.
            assertEquals(Optional.empty(), next.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS), "204: the end");
        }
        RecordedRequest first = server.takeRequest(TIMEOUT);
        assertEquals(Optional.of("text/event-stream"), first.headers().firstValue("Accept"));
        assertEquals(List.of("max-age=0"), first.headers().allValues("Cache-Control"), "the request's own value");
        assertEquals(Optional.of("no-cache"), first.headers().firstValue("Pragma"));
        assertEquals(Optional.of("yes"), first.headers().firstValue("X-Intercepted"));
        assertEquals(Optional.empty(), first.headers().firstValue("Last-Event-ID"));
        assertEquals(Optional.of("7"), server.takeRequest(TIMEOUT).headers().firstValue("Last-Event-ID"));
    }

    @Test
    void aRefusalIsAnSseResponseExceptionWithStatusHeadersBodyAndUri() throws Exception {
        server.enqueue(MockResponse.newBuilder().status(404).contentType("text/html").header("X-Why", "gone")
                .raw("<h1>no</h1>").fixedLength().build());
        SseResponseException e = assertThrows(SseResponseException.class, () -> OkHttpSse.connect(client, get("/nope")));
        assertEquals(404, e.statusCode());
        assertEquals("<h1>no</h1>", e.body());
        assertEquals(Optional.of("gone"), e.headers().firstValue("X-Why"));
        assertEquals(server.url("/nope"), e.uri().orElseThrow());
        assertTrue(e.getMessage().startsWith("expected 200 text/event-stream, got 404 text/html from "), e.getMessage());
        server.awaitOpenConnections(0, TIMEOUT);
    }

    @Test
    void aRefusalReachesTheListenerAsItsOneCall() throws Exception {
        server.enqueue(MockResponse.newBuilder().status(401).contentType("application/json").raw("{}").fixedLength().build());
        Consume.ListenerRecorder listener = new Consume.ListenerRecorder();
        OkHttpSse.connectAsync(client, get("/secret"), SseOptions.defaults(), listener);
        ExecutionException error = assertThrows(ExecutionException.class,
                () -> listener.done.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        assertEquals(401, assertInstanceOf(SseResponseException.class, error.getCause()).statusCode());
        assertEquals(List.of("error"), listener.calls, "onError without onOpen");
    }

    @Test
    void noContentRefusesAStreamAndEndsASource() throws Exception {
        server.enqueue(noContent());
        assertEquals(204, assertThrows(SseResponseException.class,
                () -> OkHttpSse.connect(client, get("/events"))).statusCode());
        server.enqueue(noContent());
        try (EventSource events = source("/events").build()) {
            assertEquals(Optional.empty(), events.read());
            assertEquals(EventSource.ReadyState.CLOSED, events.readyState());
            assertEquals(Optional.empty(), events.lastFailure());
        }
        assertEquals(0, time.pending(), "no reconnect after 204");
    }

    @Test
    void serviceUnavailableWithRetryAfterWaitsWhatItAsks() throws Exception {
        server.enqueue(MockResponse.newBuilder().status(503).contentType("text/plain").header("Retry-After", "2")
                .fixedLength().raw("busy").build());
        server.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("a")).stall().build());
        try (EventSource events = source("/events").retryFirstConnection(true).build()) {
            assertEquals(Duration.ofSeconds(2), time.runNext(TIMEOUT));
            assertEquals("a", events.read().orElseThrow().data());
            assertEquals(EventSource.ReadyState.OPEN, events.readyState());
        }
    }

    @Test
    void aStalledServerIsReplacedAfterTheIdleTimeoutWithLastEventId() throws Exception {
        server.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("message", "a", "7")).stall().build());
        server.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("message", "b", "8")).stall().build());
        try (EventSource events = source("/events").idleTimeout(Duration.ofSeconds(5)).build()) {
            assertEquals("a", events.read().orElseThrow().data());
            assertEquals(Duration.ofSeconds(5), time.awaitPending(TIMEOUT), "the idle check");
            // Silence counts while a reader waits for the next event, here on another thread: time
            // moves check by check (a check before the reader is in its read finds it paused)
            // until the connection is given up for dead.
            CompletableFuture<Optional<ServerSentEvent>> next = readInBackground(events::read);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (events.lastFailure().isEmpty()) {
                assertTrue(System.nanoTime() < deadline, "the idle timeout never fired");
                assertEquals(Duration.ofSeconds(5), time.runNext(TIMEOUT), "each idle check");
            }
            server.awaitClientDisconnects(1, TIMEOUT);
            assertEquals("HttpTimeoutException", events.lastFailure().orElseThrow().getClass().getSimpleName());
            time.runNext(TIMEOUT); // The reconnect.
            assertEquals("b", next.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).orElseThrow().data());
            assertEquals(Optional.empty(), server.takeRequest(TIMEOUT).headers().firstValue("Last-Event-ID"));
            assertEquals(Optional.of("7"), server.takeRequest(TIMEOUT).headers().firstValue("Last-Event-ID"));
        }
    }

    @Test
    void theSameLimitsFailTheStreamWithTheSameError() throws Exception {
        server.enqueue(MockResponse.newBuilder().raw("data: " + "x".repeat(2000) + "\n\n").build());
        SseOptions small = SseOptions.defaults().withLimits(SseLimits.defaults().withMaxEventSize(1000));
        try (EventStream events = OkHttpSse.connect(client, get("/big"), small)) {
            Exception e = assertThrows(Exception.class, events::read);
            assertTrue(e.getMessage().contains("1000"), e.getMessage());
        }
    }

    @Test
    void aRefusedConnectionNamesTheMethodUrlAndHostAndPort() throws Exception {
        int port;
        try (MockSseServer closed = MockSseServer.start()) {
            port = closed.port();
        }
        Request request = new Request.Builder().url("http://127.0.0.1:" + port + "/events?token=secret").build();
        ConnectException e = assertThrows(ConnectException.class, () -> OkHttpSse.connect(client, request));
        assertTrue(e.getMessage().startsWith("GET http://127.0.0.1:" + port + "/events?token=***: cannot connect to 127.0.0.1:"
                + port), e.getMessage());
        assertInstanceOf(ConnectException.class, e.getCause());
    }

    @Test
    void theListenerIsCalledOnTheThreadThatReadsTheSocket() throws Exception {
        server.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("a")).event(ServerSentEvent.of("b")).build());
        List<Thread> threads = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        OkHttpSse.connectAsync(client, get("/events"), SseOptions.defaults(), new SseListener() {
            @Override
            public void onOpen(EventStream stream) {
                threads.add(Thread.currentThread());
            }

            @Override
            public void onEvent(ServerSentEvent event) {
                threads.add(Thread.currentThread());
            }

            @Override
            public void onClosed() {
                done.complete(null);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        }).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        done.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(3, threads.size(), threads.toString());
        // OkHttp names a dispatcher thread after the call it runs: one thread, OkHttp's.
        assertEquals(1, threads.stream().distinct().count(), threads.toString());
        assertTrue(threads.get(0).getName().startsWith("OkHttp "), threads.toString());
    }

    @Test
    void aSubscriberThatStopsRequestingStopsTheReadsAndFreesTheThread() throws Exception {
        MockResponse.Builder many = MockResponse.newBuilder();
        for (int i = 0; i < 600; i++) {
            many.event(ServerSentEvent.of("message", "e" + i, Integer.toString(i)));
        }
        server.enqueue(many.build());
        List<ServerSentEvent> received = new CopyOnWriteArrayList<>();
        CompletableFuture<Flow.Subscription> subscribed = new CompletableFuture<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        try (EventStream events = OkHttpSse.connect(client, get("/many"))) {
            events.subscribe(new Flow.Subscriber<>() {
                @Override
                public void onSubscribe(Flow.Subscription s) {
                    s.request(1);
                    subscribed.complete(s);
                }

                @Override
                public void onNext(ServerSentEvent event) {
                    received.add(event);
                }

                @Override
                public void onError(Throwable error) {
                    done.completeExceptionally(error);
                }

                @Override
                public void onComplete() {
                    done.complete(null);
                }
            });
            Flow.Subscription subscription = subscribed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            // The buffer fills (256 items), the read loop ends, and the dispatcher's thread is free.
            awaitTrue(() -> received.size() == 1 && executor.getActiveCount() == 0, "the reader pauses");
            assertEquals(0, client.dispatcher().runningCallsCount(), "no call holds a dispatcher thread");
            assertEquals(1, received.size(), "exactly the demand");
            assertFalse(done.isDone());
            subscription.request(599);
            awaitTrue(() -> received.size() == 600, "the rest after the demand");
            subscription.request(1);
            done.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
        assertEquals("e599", received.get(599).data());
    }

    @Test
    void closeFromAnotherThreadEndsABlockedReadAtOnce() throws Exception {
        CountDownLatch second = new CountDownLatch(1);
        server.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("a")).await(second).event(ServerSentEvent.of("b"))
                .stall().build());
        EventStream events = OkHttpSse.connect(client, get("/stall"));
        assertEquals("a", events.read().orElseThrow().data());
        second.countDown();
        assertEquals("b", events.read().orElseThrow().data()); // From here on the reader reads the socket itself.
        Thread[] reader = new Thread[1];
        CompletableFuture<Optional<ServerSentEvent>> blocked = readInBackground(() -> {
            reader[0] = Thread.currentThread();
            return events.read();
        });
        awaitTrue(() -> reader[0] != null && inFrame(reader[0], "readHere"), "the reader is blocked in the socket");
        assertEquals(0, executor.getActiveCount(), "no thread of OkHttp's reads for it");
        events.close();
        assertEquals(Optional.empty(), blocked.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        server.awaitClientDisconnects(1, TIMEOUT);
        awaitTrue(() -> executor.getActiveCount() == 0, "the reading thread is back in the pool");
    }

    @Test
    void aBlockingReaderReadsTheSocketOnItsOwnThreadFromItsSecondEventOn() throws Exception {
        assertReadHere(readThreads(transport -> {
            EventStream stream = EventStream.connect(transport, SseOptions.defaults());
            return new Reader(stream::read, stream);
        }));
        assertReadHere(readThreads(transport -> {
            EventSource source = EventSource.newBuilder(transport).scheduler(time).build();
            return new Reader(source::read, source);
        }));
    }

    /** The thread of each body chunk while events 0 to 4 are read, each sent once the one before is read. */
    private List<Thread> readThreads(ReaderFactory open) throws Exception {
        CountDownLatch[] gates = new CountDownLatch[5];
        MockResponse.Builder body = MockResponse.newBuilder().event(ServerSentEvent.of("0"));
        for (int i = 1; i < gates.length; i++) {
            gates[i] = new CountDownLatch(1);
            body.await(gates[i]).event(ServerSentEvent.of(Integer.toString(i)));
        }
        server.enqueue(body.build());
        List<Thread> chunks = new CopyOnWriteArrayList<>();
        List<Thread> perEvent = new ArrayList<>();
        SseTransport tapped = SseTransport.tap(OkHttpSse.transport(client, get("/gated")),
                (response, uri) -> Optional.of(new SseTransport.BodyTap() {
                    @Override
                    public void received(ByteBuffer bytes) {
                        chunks.add(Thread.currentThread());
                    }

                    @Override
                    public void ended() {
                    }
                }));
        Reader reader = open.open(tapped);
        ThrowingRead read = reader.read();
        assertEquals("0", read.read().orElseThrow().data());
        for (int i = 1; i < gates.length; i++) {
            int before = chunks.size();
            gates[i].countDown();
            assertEquals(Integer.toString(i), read.read().orElseThrow().data());
            List<Thread> these = chunks.subList(before, chunks.size());
            assertFalse(these.isEmpty(), "event " + i + " came in a chunk of its own");
            perEvent.add(these.stream().filter(t -> t != Thread.currentThread()).findFirst().orElse(Thread.currentThread()));
        }
        reader.owner().close();
        return perEvent;
    }

    /** Event 1 may still come from OkHttp's read ahead of the first read(); every one after it is read here. */
    private static void assertReadHere(List<Thread> perEvent) {
        assertEquals(List.of(Thread.currentThread(), Thread.currentThread(), Thread.currentThread()),
                perEvent.subList(1, perEvent.size()), () -> "threads that read events 1 to 4: " + perEvent);
    }

    @FunctionalInterface
    private interface ThrowingRead {
        Optional<ServerSentEvent> read() throws Exception;
    }

    /** A blocking reader of one consumer style, and what closes it. */
    private record Reader(ThrowingRead read, AutoCloseable owner) {
    }

    @FunctionalInterface
    private interface ReaderFactory {
        Reader open(SseTransport transport) throws Exception;
    }

    @Test
    void anInterruptOfAReaderInTheSocketThrowsInterruptedIOExceptionAndLosesOrRepeatsNothing() throws Exception {
        CountDownLatch more = new CountDownLatch(1);
        // The events after the interrupt come a few bytes at a time: whether OkHttp then fails the
        // read for the interrupt (the connection is lost; the source resumes from "1") or the read
        // returns first, the reader sees the interrupt, and the same events follow once each.
        server.enqueue(MockResponse.newBuilder().chunkedEncoding().event(ServerSentEvent.of("message", "a", "1"))
                .await(more).chunkSize(3).chunkPause(Duration.ofMillis(5))
                .event(ServerSentEvent.of("message", "b", "2")).event(ServerSentEvent.of("message", "c", "3")).stall()
                .build());
        server.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("message", "b", "2"))
                .event(ServerSentEvent.of("message", "c", "3")).stall().build());
        try (EventSource events = OkHttpSse.newEventSourceBuilder(client, get("/events"))
                .retryPolicy(context -> Optional.of(Duration.ofMillis(10))).build()) {
            assertEquals("a", events.read().orElseThrow().data());
            CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try {
                    events.read();
                    interrupted.complete(false);
                } catch (java.io.InterruptedIOException e) {
                    interrupted.complete(Thread.currentThread().isInterrupted());
                } catch (Throwable t) {
                    interrupted.completeExceptionally(t);
                }
            }, "interrupted reader");
            reader.start();
            awaitTrue(() -> inFrame(reader, "readHere"), "the reader is in the socket read");
            reader.interrupt();
            more.countDown();
            assertTrue(interrupted.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS), "InterruptedIOException, flag kept");
            assertEquals(ServerSentEvent.of("message", "b", "2"), events.read().orElseThrow());
            assertEquals(ServerSentEvent.of("message", "c", "3"), events.read().orElseThrow());
        }
        assertEquals(Optional.empty(), server.takeRequest(TIMEOUT).headers().firstValue("Last-Event-ID"));
        if (server.requestCount() == 2) { // The interrupt cost the connection: resumed after "1".
            assertEquals(Optional.of("1"), server.takeRequest(TIMEOUT).headers().firstValue("Last-Event-ID"));
        }
    }

    @Test
    void aCutStreamIsABrokenStreamException() throws Exception {
        server.enqueue(MockResponse.newBuilder().chunkedEncoding().event(ServerSentEvent.of("message", "a", "1"))
                .raw("data: half").disconnect().build());
        try (EventStream events = OkHttpSse.connect(client, get("/cut"))) {
            assertEquals("a", events.read().orElseThrow().data());
            BrokenStreamException e = assertThrows(BrokenStreamException.class, events::read);
            assertEquals("1", e.lastEventId());
        }
    }

    /** Reads on another thread. */
    private static CompletableFuture<Optional<ServerSentEvent>> readInBackground(ThrowingRead read) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return read.read();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
    }

    /** Whether {@code thread} is inside a method named {@code method} right now. */
    private static boolean inFrame(Thread thread, String method) {
        return Arrays.stream(thread.getStackTrace()).anyMatch(frame -> frame.getMethodName().equals(method));
    }

    /** Waits, bounded, until {@code condition} holds (checking about every millisecond). */
    static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, what);
            LockSupport.parkNanos(1_000_000);
        }
    }
}
