package io.sse4j.bench.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The JDK client every sse4j harness uses, configured the same way. */
final class Sse4jClients {

    /** Bounds the wait for the response head (not the stream, which the JDK does not time). */
    static final Duration HEAD_TIMEOUT = Duration.ofSeconds(30);

    private Sse4jClients() {
    }

    /**
     * A client with the JDK's defaults (its own executor, a cached thread pool), except that it
     * speaks HTTP/1.1 from the start: to an {@code http://} server the default HTTP/2 would first
     * ask to upgrade, which these servers ignore, and the stream would be HTTP/1.1 anyway.
     */
    static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    /**
     * The same, but with {@code executor(Runnable::run)}: the JDK then runs the body subscriber,
     * and so sse4j's parsing and a listener's callbacks, on its selector thread instead of handing
     * each read over to a pool thread. Not the default, and only safe when callbacks never block
     * (they would stall every connection of the client); with blocking reads the consumer is
     * another thread anyway. Measured to show what the hand-over costs.
     */
    static HttpClient newDirectClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(Runnable::run).build();
    }

    /**
     * The same, but with {@code pool} (a fixed pool, say) as the executor instead of the JDK's
     * default cached pool; the caller shuts {@code pool} down when done.
     */
    static HttpClient newPooledClient(ExecutorService pool) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(pool).build();
    }

    /** A fixed pool of {@code threads} daemon threads for {@link #newPooledClient}. */
    static ExecutorService newFixedPool(int threads) {
        return Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "sse4j-bench-client");
            thread.setDaemon(true);
            return thread;
        });
    }

    static HttpRequest request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(HEAD_TIMEOUT).build();
    }
}
