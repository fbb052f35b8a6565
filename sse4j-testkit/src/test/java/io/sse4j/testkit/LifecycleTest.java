package io.sse4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sse4j.ServerSentEvent;
import io.sse4j.SseReader;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Starting, closing, and not leaking threads or connections. */
class LifecycleTest {

    private static final Duration TIMEOUT = RawClient.TIMEOUT;

    @Test
    void urlsPointAtTheLoopbackPort() throws Exception {
        try (MockSseServer server = MockSseServer.start()) {
            assertTrue(server.port() > 0);
            assertEquals(URI.create("http://127.0.0.1:" + server.port() + "/"), server.uri());
            assertEquals(URI.create("http://127.0.0.1:" + server.port() + "/events?a=1"), server.url("/events?a=1"));
            assertThrows(IllegalArgumentException.class, () -> server.url("events"));
            assertThrows(IllegalArgumentException.class, () -> server.awaitOpenConnections(-1, TIMEOUT));
            TimeoutException e = assertThrows(TimeoutException.class,
                    () -> server.awaitOpenConnections(1, Duration.ofMillis(20)));
            assertEquals("expected 1 open connections within PT0.02S, have 0", e.getMessage());
            assertEquals("MockSseServer[http://127.0.0.1:" + server.port() + "/, 0 open connections, 0 requests]",
                    server.toString());
        }
    }

    @Test
    void startsOnAChosenPortAndRefusesOneInUse() throws Exception {
        int port;
        try (MockSseServer any = MockSseServer.start(0)) {
            port = any.port(); // free a moment ago, and free again once closed
        }
        try (MockSseServer server = MockSseServer.start(port)) {
            assertEquals(port, server.port());
            assertEquals(URI.create("http://127.0.0.1:" + port + "/"), server.uri());
            server.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("on " + port)).build());
            try (RawClient client = new RawClient(server).get("/")) {
                assertTrue(client.readToEndAsString().contains("data: on " + port + "\n"));
            }
            assertThrows(java.net.BindException.class, () -> MockSseServer.start(port));
        }
        assertThrows(IllegalArgumentException.class, () -> MockSseServer.start(-1));
        assertThrows(IllegalArgumentException.class, () -> MockSseServer.start(65536));
    }

    @Test
    void closeReleasesEveryThreadAndThePort() throws Exception {
        Set<Thread> before = serverThreads(MockSseServer.THREAD_NAME_PREFIX);
        MockSseServer server = MockSseServer.start();
        String prefix = "mock-sse-server-" + server.port() + "-";
        server.enqueue(MockResponse.newBuilder().stall().build());
        server.enqueue(MockResponse.newBuilder().await(new CountDownLatch(1)).build());
        server.enqueue(MockResponse.newBuilder().pause(Duration.ofDays(1)).build());
        List<RawClient> clients = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            RawClient client = new RawClient(server).get("/");
            client.readHead();
            clients.add(client);
        }
        Set<String> names = serverThreads(prefix).stream().map(Thread::getName).collect(Collectors.toSet());
        assertEquals(Set.of(prefix + "acceptor",
                prefix + "conn-0-reader", prefix + "conn-0-writer",
                prefix + "conn-1-reader", prefix + "conn-1-writer",
                prefix + "conn-2-reader", prefix + "conn-2-writer"), names);
        assertTrue(serverThreads(prefix).stream().allMatch(Thread::isDaemon));

        server.close();
        server.close(); // idempotent

        assertEquals(Set.of(), stillAlive(serverThreads(prefix)));
        Set<Thread> after = serverThreads(MockSseServer.THREAD_NAME_PREFIX);
        after.removeAll(before);
        assertEquals(Set.of(), stillAlive(after));
        try (Socket socket = new Socket()) {
            assertThrows(ConnectException.class,
                    () -> socket.connect(new InetSocketAddress("127.0.0.1", server.port()), (int) TIMEOUT.toMillis()));
        }
        for (RawClient client : clients) {
            client.close();
        }
    }

    @Test
    void thousandSequentialConnectionsDoNotLeak() throws Exception {
        try (MockSseServer server = MockSseServer.start()) {
            String prefix = "mock-sse-server-" + server.port() + "-conn-";
            MockResponse response = MockResponse.newBuilder().event(ServerSentEvent.of("tick")).build();
            server.setDispatcher(request -> response);
            int connections = 1000;
            for (int i = 0; i < connections; i++) {
                try (RawClient client = new RawClient(server)) {
                    assertTrue(client.get("/" + i).readToEndAsString().endsWith("\r\n\r\ndata: tick\n\n"));
                }
            }
            server.awaitOpenConnections(0, TIMEOUT);
            assertEquals(connections, server.connectionCount());
            assertEquals(connections, server.requestCount());
            assertEquals(connections, server.clientDisconnects());
            // Every connection thread ends once its connection has; only the acceptor stays.
            assertEquals(Set.of(), stillAlive(serverThreads(prefix)));
            for (int i = 0; i < connections; i++) {
                assertEquals("/" + i, server.takeRequest(TIMEOUT).path());
            }
        }
    }

    @Test
    void httpClientReadsEventsAndReleasesItsConnection() throws Exception {
        try (MockSseServer server = MockSseServer.start()) {
            CountDownLatch more = new CountDownLatch(1);
            server.enqueue(MockResponse.newBuilder()
                    .retry(Duration.ofSeconds(3))
                    .event(ServerSentEvent.of("first"))
                    .await(more)
                    .comment("heartbeat")
                    .event(ServerSentEvent.of("update", "second", "2"))
                    .chunkSize(3)
                    .build());
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<InputStream> response = client.send(
                    HttpRequest.newBuilder(server.url("/events")).timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, response.statusCode());
            assertEquals("text/event-stream", response.headers().firstValue("content-type").orElseThrow());
            try (SseReader reader = SseReader.of(response.body())) {
                assertEquals(ServerSentEvent.of("first"), reader.read().orElseThrow());
                assertEquals(Duration.ofSeconds(3), reader.reconnectionTime().orElseThrow());
                more.countDown();
                assertEquals(ServerSentEvent.of("update", "second", "2"), reader.read().orElseThrow());
                assertFalse(reader.read().isPresent());
            }
            server.awaitOpenConnections(0, TIMEOUT);
            assertEquals(1, server.clientDisconnects());
        }
    }

    @Test
    void httpClientCancellingAStalledStreamIsSeenAsADisconnect() throws Exception {
        try (MockSseServer server = MockSseServer.start()) {
            server.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("only")).stall().build());
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<InputStream> response = client.send(
                    HttpRequest.newBuilder(server.url("/events")).timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            SseReader reader = SseReader.of(response.body());
            assertEquals(ServerSentEvent.of("only"), reader.read().orElseThrow());
            assertEquals(1, server.openConnections());

            reader.close(); // closing the body stream before its end makes HttpClient drop the connection

            server.awaitClientDisconnects(1, TIMEOUT);
            server.awaitOpenConnections(0, TIMEOUT);
        }
    }

    /** Live threads whose name starts with the prefix. */
    private static Set<Thread> serverThreads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith(prefix))
                .collect(Collectors.toSet());
    }

    /** Waits for each thread to end, within one overall timeout; returns the names of those still alive. */
    private static Set<String> stillAlive(Set<Thread> threads) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        for (Thread thread : threads) {
            long millis = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            thread.join(millis);
        }
        return threads.stream().filter(Thread::isAlive).map(Thread::getName).collect(Collectors.toSet());
    }
}
