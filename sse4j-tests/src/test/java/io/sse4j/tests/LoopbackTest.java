package io.sse4j.tests;

import io.sse4j.testkit.MockSseServer;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh MockSseServer on 127.0.0.1 and an HttpClient on a bounded executor, per test. */
abstract class LoopbackTest {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    MockSseServer server;
    ExecutorService executor;
    HttpClient client;

    @BeforeEach
    void startServerAndClient() throws IOException {
        server = MockSseServer.start();
        executor = Executors.newFixedThreadPool(4);
        client = HttpClient.newBuilder().executor(executor).connectTimeout(TIMEOUT).build();
    }

    @AfterEach
    void stopServerAndClient() {
        server.close();
        executor.shutdownNow();
    }

    /** A GET of {@code path} on the server, waiting at most {@link #TIMEOUT} for the headers. */
    HttpRequest get(String path) {
        return HttpRequest.newBuilder(server.url(path)).timeout(TIMEOUT).build();
    }
}
