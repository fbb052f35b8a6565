package io.sse4j.bench.e2e;

import io.sse4j.bench.EventSink;
import io.sse4j.bench.StreamHarness;
import io.sse4j.bench.Timeouts;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * No SSE library, the floor under sse4j: the JDK's {@link HttpClient}, configured as in the sse4j
 * harnesses (default executor), with {@link DataLines} splitting out the events. Either a body
 * subscriber that requests one buffer list at a time and calls the sink on the JDK's executor
 * thread, as sse4j's listener and Flow delivery do; or the JDK's own blocking reader,
 * {@code BodyHandlers.ofInputStream()}, read on the caller's thread, as sse4j's blocking
 * iteration is. Whatever latency or throughput these show, no library on {@code java.net.http}
 * with this executor gets below or above it.
 */
final class JdkOnlyHarness implements StreamHarness {

    private final HttpClient client = Sse4jClients.newClient();
    private final boolean blocking;

    /**
     * A harness.
     *
     * @param blocking whether to read {@code ofInputStream()} on the caller's thread instead of a body subscriber
     */
    JdkOnlyHarness(boolean blocking) {
        this.blocking = blocking;
    }

    @Override
    public int stream(URI uri, EventSink sink, Duration timeout) throws Exception {
        return blocking ? streamBlocking(uri, sink, timeout) : streamAsync(uri, sink, timeout);
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

    @Override
    public void close() {
        // Java 17's HttpClient has no close(); its threads end once it is unreachable.
    }
}
