package io.sse4j.bench.e2e;

import io.sse4j.bench.EventSink;
import io.sse4j.bench.StreamHarness;
import io.sse4j.bench.Timeouts;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * No SSE library, the floor under sse4j: the JDK's {@link HttpClient}, configured as in the sse4j
 * harnesses (default executor), with {@link DataLines} splitting out the events. One of:
 * <ul>
 *   <li>{@link Mode#SUBSCRIBER}: a body subscriber that requests one buffer list at a time and
 *       calls the sink on the JDK's executor thread, as sse4j's listener and Flow delivery do;</li>
 *   <li>{@link Mode#QUEUE}: the same subscriber splits the events on the JDK's thread and hands
 *       each buffer list's events through a bounded {@link ArrayBlockingQueue} to the caller's
 *       thread, which calls the sink: the least a blocking reader on a push-based client can do,
 *       one thread wake-up more than {@code SUBSCRIBER}, as sse4j's blocking iteration does;</li>
 *   <li>{@link Mode#INPUT_STREAM}: the JDK's own blocking reader,
 *       {@code BodyHandlers.ofInputStream()}, read on the caller's thread.</li>
 * </ul>
 * Whatever latency or throughput these show, no library on {@code java.net.http} with this
 * executor consuming in the same way gets below or above it.
 */
final class JdkOnlyHarness implements StreamHarness {

    /** How the events reach the sink. */
    enum Mode { SUBSCRIBER, QUEUE, INPUT_STREAM }

    /** The queue's end of the stream: no more events follow. */
    private static final List<String> END = List.of();

    private final HttpClient client = Sse4jClients.newClient();
    private final Mode mode;

    /**
     * A harness.
     *
     * @param mode how the events reach the sink
     */
    JdkOnlyHarness(Mode mode) {
        this.mode = mode;
    }

    @Override
    public int stream(URI uri, EventSink sink, Duration timeout) throws Exception {
        return switch (mode) {
            case SUBSCRIBER -> streamAsync(uri, sink, timeout);
            case QUEUE -> streamQueue(uri, sink, timeout);
            case INPUT_STREAM -> streamBlocking(uri, sink, timeout);
        };
    }

    private int streamBlocking(URI uri, EventSink sink, Duration timeout) throws Exception {
        DataLines lines = new DataLines(sink);
        HttpResponse<InputStream> response = client.send(Sse4jClients.request(uri), HttpResponse.BodyHandlers.ofInputStream());
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = response.body();
             Timeouts.Timer timer = Timeouts.after(timeout, () -> close(in))) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                lines.feed(buffer, 0, n);
            }
            if (timer.fired()) {
                throw new TimeoutException("stream not finished after " + timeout + ": " + uri);
            }
        }
        return lines.events();
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (java.io.IOException ignored) {
            // Only to wake the reader; the read reports the failure.
        }
    }

    private int streamAsync(URI uri, EventSink sink, Duration timeout) throws Exception {
        DataLines lines = new DataLines(sink);
        BufferSubscriber<Integer> subscriber = new BufferSubscriber<>(lines::feed, lines::events);
        CompletableFuture<HttpResponse<Integer>> response = client.sendAsync(Sse4jClients.request(uri), info -> subscriber);
        try {
            return response.get(timeout.toNanos(), TimeUnit.NANOSECONDS).body();
        } catch (TimeoutException e) {
            subscriber.cancel();
            throw new TimeoutException("stream not finished after " + timeout + ": " + uri);
        }
    }

    /**
     * Splits on the JDK's thread, then puts each buffer list's events (their data; the type is
     * always "message" and the ID "") into a queue of 16 lists and requests the next list; the
     * caller's thread takes them. A full queue blocks the JDK's thread: the bound on memory.
     */
    private int streamQueue(URI uri, EventSink sink, Duration timeout) throws Exception {
        BlockingQueue<List<String>> queue = new ArrayBlockingQueue<>(16);
        // Touched by the JDK's calls to the subscriber only, which are sequential.
        AtomicReference<List<String>> batch = new AtomicReference<>(new ArrayList<>());
        DataLines lines = new DataLines((type, data, id) -> batch.get().add(data));
        BufferSubscriber<Void> subscriber = new BufferSubscriber<>(lines::feed, () -> {
            if (!batch.get().isEmpty()) {
                put(queue, batch.get());
                batch.set(new ArrayList<>());
            }
        }, () -> null);
        CompletableFuture<HttpResponse<Void>> response = client.sendAsync(Sse4jClients.request(uri), info -> subscriber);
        response.whenComplete((r, e) -> put(queue, END));
        long deadline = System.nanoTime() + timeout.toNanos();
        int events = 0;
        while (true) {
            List<String> next = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (next == null) {
                subscriber.cancel();
                throw new TimeoutException("stream not finished after " + timeout + ": " + uri);
            }
            if (next == END) {
                break;
            }
            for (String data : next) {
                events++;
                sink.event("message", data, "");
            }
        }
        response.get();
        return events;
    }

    private static void put(BlockingQueue<List<String>> queue, List<String> batch) {
        try {
            queue.put(batch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        // Java 17's HttpClient has no close(); its threads end once it is unreachable.
    }
}
