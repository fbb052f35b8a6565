package io.sse4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sse4j.EventSource;
import io.sse4j.EventStream;
import io.sse4j.RetryPolicy;
import io.sse4j.ServerSentEvent;
import io.sse4j.SseOptions;
import io.sse4j.SseResponseException;
import io.sse4j.testkit.MockResponse;
import io.sse4j.testkit.MockSseServer;
import io.sse4j.testkit.RecordedRequest;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Redirects followed by sse4j with curl's and Fetch's rules, between two loopback origins
 * ({@code 127.0.0.1} and {@code localhost} on another port): credentials stay with the origin
 * they were meant for, a reconnect starts again at the original URL, a redirect that is not
 * followed is an {@link SseResponseException} that says why, and a failure to connect names the
 * server.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RedirectsEndToEndTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private MockSseServer a;
    private MockSseServer b;
    private final HttpClient following = EventStream.newClientBuilder().connectTimeout(TIMEOUT).build();

    @BeforeEach
    void twoOrigins() throws IOException {
        a = MockSseServer.start();
        b = MockSseServer.start();
    }

    @AfterEach
    void stop() {
        a.close();
        b.close();
    }

    /** {@code b}'s URL under the other name of loopback: another origin than {@code a}'s. */
    private URI onB(String path) {
        return URI.create("http://localhost:" + b.port() + path);
    }

    private static HttpRequest withCredentials(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Authorization", "Bearer s3cret")
                .header("Cookie", "session=abc")
                .header("X-Api-Key", "k3y")
                .header("X-Tenant", "acme")
                .header("X-Trace", "t-1")
                .build();
    }

    private static MockResponse redirect(int status, URI to) {
        return MockResponse.newBuilder().status(status).removeHeader("Content-Type").header("Location", to.toString())
                .fixedLength().raw("").build();
    }

    @Test
    void aCrossOriginRedirectDropsTheCredentialsAndKeepsTheRest() throws Exception {
        a.enqueue(redirect(302, onB("/events")));
        b.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("hello")).build());
        try (EventStream events = EventStream.connect(following, withCredentials(a.url("/start")),
                SseOptions.defaults().withSensitiveHeaders("X-Tenant"))) {
            assertEquals("hello", events.read().orElseThrow().data());
            assertEquals(Optional.of(onB("/events")), events.uri(), "the final URL is visible");
        }
        RecordedRequest atA = a.takeRequest(TIMEOUT);
        assertEquals(Optional.of("Bearer s3cret"), atA.headers().firstValue("Authorization"));
        RecordedRequest atB = b.takeRequest(TIMEOUT);
        for (String credential : List.of("Authorization", "Cookie", "X-Api-Key", "X-Tenant")) {
            assertEquals(Optional.empty(), atB.headers().firstValue(credential), credential + " left its origin");
        }
        assertEquals(Optional.of("t-1"), atB.headers().firstValue("X-Trace"));
        assertEquals(Optional.of("text/event-stream"), atB.headers().firstValue("Accept"));
    }

    @Test
    void aSameOriginRedirectKeepsTheCredentials() throws Exception {
        a.enqueue(redirect(307, a.url("/events/")));
        a.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("hello")).build());
        try (EventStream events = EventStream.connect(following, withCredentials(a.url("/events")))) {
            assertEquals("hello", events.read().orElseThrow().data());
        }
        a.takeRequest(TIMEOUT);
        assertEquals(Optional.of("Bearer s3cret"), a.takeRequest(TIMEOUT).headers().firstValue("Authorization"));
    }

    @Test
    void eachReconnectStartsAtTheOriginalUrlAndNeverCarriesCredentialsAcross() throws Exception {
        a.setDispatcher(request -> redirect(302, onB("/events")));
        b.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("message", "a", "1")).build());
        b.enqueue(MockResponse.newBuilder().status(204).removeHeader("Content-Type").fixedLength().raw("").build());
        try (EventSource source = EventSource.newBuilder(following, withCredentials(a.url("/start")))
                .retryPolicy(context -> Optional.of(Duration.ofMillis(10))).connect()) {
            assertEquals("a", source.read().orElseThrow().data());
            assertEquals(Optional.empty(), source.read());
        }
        assertEquals(2, a.requestCount(), "each attempt starts at the original URL");
        RecordedRequest first = b.takeRequest(TIMEOUT);
        RecordedRequest second = b.takeRequest(TIMEOUT);
        assertEquals("1", second.lastEventId(), "Last-Event-ID follows the redirect");
        for (RecordedRequest atB : List.of(first, second)) {
            assertEquals(Optional.empty(), atB.headers().firstValue("Authorization"));
        }
    }

    @Test
    void aPostRedirectedBy303ContinuesAsAGetWithoutItsBody() throws Exception {
        a.enqueue(redirect(303, a.url("/events")));
        a.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("done")).build());
        HttpRequest post = HttpRequest.newBuilder(a.url("/submit")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"q\":1}")).timeout(TIMEOUT).build();
        try (EventStream events = EventStream.connect(following, post)) {
            assertEquals("done", events.read().orElseThrow().data());
        }
        assertEquals("POST", a.takeRequest(TIMEOUT).method());
        RecordedRequest then = a.takeRequest(TIMEOUT);
        assertEquals("GET", then.method());
        assertEquals("", then.bodyAsString());
        assertEquals(Optional.empty(), then.headers().firstValue("Content-Type"));
    }

    @Test
    void endlessRedirectsStopAfterTenHopsWithTheLastResponse() {
        a.setDispatcher(request -> redirect(302, a.url("/again")));
        SseResponseException refused = assertThrows(SseResponseException.class,
                () -> EventStream.connect(following, HttpRequest.newBuilder(a.url("/loop")).timeout(TIMEOUT).build()));
        assertEquals(302, refused.statusCode());
        assertTrue(refused.getMessage().contains("a redirect to " + a.url("/again") + " that was not followed"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("at most 10 hops"), refused.getMessage());
        assertEquals(11, a.requestCount(), "the request and ten redirects");
    }

    @Test
    void aRedirectWithoutLocationIsARefusalCarryingTheResponse() {
        a.enqueue(MockResponse.newBuilder().status(301).removeHeader("Content-Type").fixedLength().raw("").build());
        SseResponseException refused = assertThrows(SseResponseException.class,
                () -> EventStream.connect(following, HttpRequest.newBuilder(a.url("/events")).timeout(TIMEOUT).build()));
        assertEquals(301, refused.statusCode());
        assertTrue(refused.getMessage().endsWith("from " + a.url("/events") + ": a redirect without a Location"),
                refused.getMessage());
    }

    @Test
    void theJdkDefaultClientsRedirectIsExplainedWithItsLocationAndTheFix() {
        a.enqueue(redirect(301, a.url("/events/")));
        SseResponseException refused = assertThrows(SseResponseException.class, () -> EventStream.connect(
                HttpClient.newHttpClient(), HttpRequest.newBuilder(a.url("/events")).timeout(TIMEOUT).build()));
        assertEquals("expected 200 text/event-stream, got 301 without Content-Type from " + a.url("/events")
                + ": a redirect to " + a.url("/events/") + " that was not followed (the client does not follow"
                + " redirects: build it with EventStream.newClientBuilder() or followRedirects(Redirect.NORMAL);"
                + " from https to http only Redirect.ALWAYS follows, and at most 10 hops are)", refused.getMessage());
        assertTrue(refused.headers().firstValue("Location").isPresent());
    }

    @Test
    void aRefusedConnectionNamesTheMethodUrlHostAndPort() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        URI nobody = URI.create("http://127.0.0.1:" + port + "/events");
        ConnectException refused = assertThrows(ConnectException.class,
                () -> EventStream.connect(following, HttpRequest.newBuilder(nobody).timeout(TIMEOUT).build()));
        assertEquals("GET " + nobody + ": cannot connect to 127.0.0.1:" + port + ": connection refused", refused.getMessage());
        assertInstanceOf(ConnectException.class, refused.getCause(), "the JDK's own, as the cause");
        ConnectException fromSource = assertThrows(ConnectException.class, () -> EventSource.newBuilder(following,
                HttpRequest.newBuilder(nobody).timeout(TIMEOUT).build()).retryPolicy(RetryPolicy.exponentialBackoff()).connect());
        assertEquals(refused.getMessage(), fromSource.getMessage());
    }

    @Test
    void aRedirectToAPortWhereNothingListensNamesThatPortNotTheFirst() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        URI nobody = URI.create("http://127.0.0.1:" + port + "/events");
        a.enqueue(redirect(302, nobody));
        ConnectException refused = assertThrows(ConnectException.class,
                () -> EventStream.connect(following, HttpRequest.newBuilder(a.url("/start")).timeout(TIMEOUT).build()));
        assertTrue(refused.getMessage().contains("cannot connect to 127.0.0.1:" + port), refused.getMessage());
    }
}
