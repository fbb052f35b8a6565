package io.sse4j.tests;

import io.sse4j.testkit.MockSseServer;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A fresh MockSseServer on 127.0.0.1 and an OkHttpClient per test, on a dispatcher whose executor
 * the test owns (so that its threads can be counted and stopped) and a pool of its own.
 */
abstract class OkHttpLoopbackTest {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    MockSseServer server;
    ThreadPoolExecutor executor;
    OkHttpClient client;

    @BeforeEach
    void startServerAndClient() throws IOException {
        server = MockSseServer.start();
        executor = dispatcherExecutor();
        client = client(executor);
    }

    @AfterEach
    void stopServerAndClient() {
        server.close();
        stop(client);
    }

    /** OkHttp's own dispatcher executor, but one the test can shut down: threads end after 10 s idle. */
    static ThreadPoolExecutor dispatcherExecutor() {
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 10, TimeUnit.SECONDS, new SynchronousQueue<>(),
                runnable -> new Thread(runnable, "OkHttp test dispatcher"));
    }

    static OkHttpClient client(ExecutorService executor) {
        Dispatcher dispatcher = new Dispatcher(executor);
        dispatcher.setMaxRequestsPerHost(64);
        return new OkHttpClient.Builder().dispatcher(dispatcher).connectionPool(new ConnectionPool())
                .connectTimeout(TIMEOUT).readTimeout(TIMEOUT).build();
    }

    static void stop(OkHttpClient client) {
        client.dispatcher().cancelAll();
        client.dispatcher().executorService().shutdownNow();
        client.connectionPool().evictAll();
    }

    /** A GET of {@code path} on the server. */
    Request get(String path) {
        return new Request.Builder().url(server.url(path).toString()).build();
    }
}
