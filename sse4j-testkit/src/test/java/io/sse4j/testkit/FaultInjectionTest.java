package io.sse4j.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sse4j.ServerSentEvent;
import io.sse4j.SseReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Disconnects, stalls, and the latch and pause steps that let a test drive a stream. */
class FaultInjectionTest {

    private static final Duration TIMEOUT = RawClient.TIMEOUT;
    private static final String BODY = "data: first\n\nevent: update\ndata: second\n\n";

    private MockSseServer server;

    @BeforeEach
    void start() throws Exception {
        server = MockSseServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void disconnectAfterBodyBytesDeliversExactlyThatManyThenEndOfStream() throws Exception {
        for (int n : new int[] {0, 1, 17, BODY.length() - 1, BODY.length()}) {
            server.enqueue(MockResponse.newBuilder().raw(BODY).stall().disconnectAfterBodyBytes(n).build());
            try (RawClient client = new RawClient(server)) {
                client.get("/");
                client.readHead();
                assertEquals(BODY.substring(0, n), client.readToEndAsString(), "after " + n + " bytes");
            }
        }
        server.awaitOpenConnections(0, TIMEOUT);
        assertEquals(0, server.clientDisconnects(), "the server closed every connection, not the client");
    }

    @Test
    void disconnectAfterBodyBytesCutsInsideSplitWrites() throws Exception {
        server.enqueue(MockResponse.newBuilder()
                .event(ServerSentEvent.of("first"))
                .event(ServerSentEvent.of("update", "second"))
                .chunkSize(5)
                .disconnectAfterBodyBytes(22)
                .build());
        try (RawClient client = new RawClient(server)) {
            client.get("/");
            client.readHead();
            assertEquals(BODY.substring(0, 22), client.readToEndAsString());
        }
    }

    @Test
    void disconnectAfterBodyBytesCountsChunkFraming() throws Exception {
        server.enqueue(MockResponse.newBuilder().chunkedEncoding().raw("hello").raw("world")
                .disconnectAfterBodyBytes(12).build());
        try (RawClient client = new RawClient(server)) {
            client.get("/");
            client.readHead();
            // "5\r\nhello\r\n" is 10 bytes; the 11th and 12th start the next chunk.
            assertEquals("5\r\nhello\r\n5\r", client.readToEndAsString());
        }
    }

    @Test
    void disconnectMidEventDropsThePartialEvent() throws Exception {
        server.enqueue(MockResponse.newBuilder()
                .event(ServerSentEvent.of("complete"))
                .raw("data: half an ev")
                .disconnect()
                .event(ServerSentEvent.of("never sent"))
                .build());
        try (RawClient client = new RawClient(server)) {
            client.get("/");
            client.readHead();
            try (SseReader reader = SseReader.of(client.input())) {
                assertEquals(ServerSentEvent.of("complete"), reader.read().orElseThrow());
                assertTrue(reader.read().isEmpty(), "the half event is discarded at end of stream");
            }
        }
        server.awaitOpenConnections(0, TIMEOUT);
    }

    @Test
    void resetOnDisconnectResetsTheConnection() throws Exception {
        server.enqueue(MockResponse.newBuilder().raw("data: partial").disconnect().resetOnDisconnect().build());
        try (RawClient client = new RawClient(server)) {
            client.get("/");
            InputStream in = client.input();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            // A reset is reported as an exception, never as a clean end of stream.
            IOException reset = assertThrows(IOException.class, () -> {
                for (int b = in.read(); b >= 0; b = in.read()) {
                    received.write(b);
                }
            });
            assertTrue(reset instanceof SocketException && !(reset instanceof SocketTimeoutException), reset.toString());
            String expected = "HTTP/1.1 200 OK\r\n";
            String got = received.toString(StandardCharsets.ISO_8859_1);
            // Bytes not yet read may be lost with the reset; what did arrive is the response's start.
            assertTrue(got.length() < expected.length() ? expected.startsWith(got) : got.startsWith(expected), got);
        }
    }

    @Test
    void stallKeepsTheConnectionOpenUntilTheClientCloses() throws Exception {
        server.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("only")).stall().build());
        RawClient client = new RawClient(server);
        client.get("/");
        client.readHead();
        assertEquals("data: only\n\n", client.readThrough("\n\n"));
        server.awaitOpenConnections(1, TIMEOUT);
        assertEquals(0, server.clientDisconnects());

        client.close();

        server.awaitClientDisconnects(1, TIMEOUT);
        server.awaitOpenConnections(0, TIMEOUT);
    }

    @Test
    void clientClosingDuringAnAwaitIsDetected() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        server.enqueue(MockResponse.newBuilder().await(never).event(ServerSentEvent.of("late")).build());
        RawClient client = new RawClient(server);
        client.get("/");
        client.readHead();
        client.close();
        server.awaitClientDisconnects(1, TIMEOUT);
        server.awaitOpenConnections(0, TIMEOUT);
    }

    @Test
    void clientClosingDuringAPauseIsDetected() throws Exception {
        server.enqueue(MockResponse.newBuilder().pause(Duration.ofHours(1)).event(ServerSentEvent.of("late")).build());
        RawClient client = new RawClient(server);
        client.get("/");
        client.readHead();
        client.close();
        server.awaitClientDisconnects(1, TIMEOUT);
        server.awaitOpenConnections(0, TIMEOUT);
    }

    @Test
    void afterTheScriptTheServerWaitsForTheClientToClose() throws Exception {
        server.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("done")).build());
        RawClient client = new RawClient(server);
        client.get("/");
        assertTrue(client.readToEndAsString().endsWith("\r\n\r\ndata: done\n\n"));
        // The body ended (FIN), but the client still holds its socket: that is a leak the test can see.
        assertEquals(1, server.openConnections());
        client.close();
        server.awaitOpenConnections(0, TIMEOUT);
        assertEquals(1, server.clientDisconnects());
    }

    @Test
    void awaitHoldsBackTheRestUntilTheLatchIsReleased() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch firstWritten = new CountDownLatch(1);
        server.enqueue(MockResponse.newBuilder()
                .event(ServerSentEvent.of("first"))
                .signal(firstWritten)
                .await(release)
                .event(ServerSentEvent.of("second"))
                .build());
        try (RawClient client = new RawClient(server)) {
            client.get("/");
            assertTrue(firstWritten.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            client.readHead();
            assertEquals("data: first\n\n", client.readThrough("\n\n"));
            // Nothing more may arrive while the latch holds; this can only fail, never pass, by luck.
            client.socket.setSoTimeout(200);
            assertThrows(SocketTimeoutException.class, () -> client.input().read());
            client.socket.setSoTimeout((int) TIMEOUT.toMillis());

            release.countDown();

            assertEquals("data: second\n\n", client.readToEndAsString());
        }
    }

    @Test
    void signalFiresOnlyAfterThePrecedingBytesWereWritten() throws Exception {
        List<CountDownLatch> written = new ArrayList<>();
        MockResponse.Builder builder = MockResponse.newBuilder();
        CountDownLatch go = new CountDownLatch(1);
        builder.await(go);
        for (int i = 0; i < 3; i++) {
            CountDownLatch latch = new CountDownLatch(1);
            written.add(latch);
            builder.event(ServerSentEvent.of("e" + i)).signal(latch);
        }
        server.enqueue(builder.stall().build());
        try (RawClient client = new RawClient(server)) {
            client.get("/");
            client.readHead();
            assertEquals(1, written.get(0).getCount(), "signalled before the await was released");
            go.countDown();
            for (int i = 0; i < 3; i++) {
                assertTrue(written.get(i).await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
                assertEquals("data: e" + i + "\n\n", client.readThrough("\n\n"));
            }
        }
    }

    @Test
    void closingTheServerEndsStallsPausesAndAwaits() throws Exception {
        server.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("a")).stall().build());
        server.enqueue(MockResponse.newBuilder().pause(Duration.ofDays(1)).build());
        server.enqueue(MockResponse.newBuilder().await(new CountDownLatch(1)).build());
        List<RawClient> clients = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            RawClient client = new RawClient(server).get("/");
            client.readHead(); // the script has started
            clients.add(client);
        }
        server.awaitOpenConnections(3, TIMEOUT);

        server.close(); // throws if any connection thread is still running after the bound

        assertEquals(0, server.openConnections());
        assertEquals(0, server.clientDisconnects());
        List<String> rests = new ArrayList<>();
        for (RawClient client : clients) {
            rests.add(client.readToEndAsString()); // ends with end of stream, not the read timeout
            client.close();
        }
        assertEquals(List.of("data: a\n\n", "", ""), rests);
    }

    @Test
    void responseScriptsAreReplayableFromTheDispatcher() throws Exception {
        MockResponse response = MockResponse.newBuilder()
                .event(ServerSentEvent.of("x", "1", "id-1"))
                .event(ServerSentEvent.of("x", "2", "id-1"))
                .build();
        server.setDispatcher(request -> response);
        for (int i = 0; i < 2; i++) {
            try (RawClient client = new RawClient(server)) {
                client.get("/");
                client.readHead();
                assertArrayEquals("event: x\nid: id-1\ndata: 1\n\nevent: x\ndata: 2\n\n".getBytes(StandardCharsets.UTF_8),
                        client.readToEnd());
            }
        }
    }
}
