package io.sse4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sse4j.ServerSentEvent;
import io.sse4j.testkit.MockResponse;
import io.sse4j.testkit.MockSseServer;
import io.sse4j.testkit.RecordedRequest;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The command keeps credentials where they belong: a redirect to another origin gets no token,
 * and what it prints (-i, --verbose, errors) masks them. Two loopback origins: 127.0.0.1 and
 * localhost, on two ports.
 */
class SecurityTest {

    private MockSseServer a;
    private MockSseServer b;

    @BeforeEach
    void start() throws Exception {
        a = MockSseServer.start();
        b = MockSseServer.start();
    }

    @AfterEach
    void stop() {
        a.close();
        b.close();
    }

    @Test
    void aCrossOriginRedirectReachesTheOtherOriginWithoutTheToken() throws Exception {
        String onB = "http://localhost:" + b.port() + "/events";
        a.enqueue(MockResponse.newBuilder().status(302).removeHeader("Content-Type").header("Location", onB)
                .fixedLength().raw("").build());
        b.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("hello")).build());
        CliRun.Result result = CliRun.run("-H", "Authorization: Bearer s3cret", "-H", "X-Api-Key: k3y",
                a.url("/start").toString(), "--raw", "--verbose");
        assertEquals(0, result.code(), result.toString());
        assertEquals("hello\n", result.out());
        RecordedRequest atA = a.takeRequest(Duration.ofSeconds(10));
        assertEquals(Optional.of("Bearer s3cret"), atA.headers().firstValue("Authorization"));
        RecordedRequest atB = b.takeRequest(Duration.ofSeconds(10));
        assertEquals(Optional.empty(), atB.headers().firstValue("Authorization"), "the token left its origin");
        assertEquals(Optional.empty(), atB.headers().firstValue("X-Api-Key"));
        // --verbose shows sse4j's view, with the secrets masked, and nothing of the JDK's internal log.
        assertTrue(result.err().contains("sse4j: > GET " + a.url("/start")), result.err());
        assertTrue(result.err().contains("sse4j: > Authorization: Bearer ***"), result.err());
        assertTrue(result.err().contains("sse4j: > X-Api-Key: ***"), result.err());
        assertTrue(result.err().contains("sse4j: < 200 from " + onB), result.err());
        assertFalse(result.err().contains("s3cret"), result.err());
        assertFalse(result.err().contains("k3y"), result.err());
        assertFalse(result.err().contains("jdk.internal"), result.err());
    }

    @Test
    void includedResponseHeadersMaskCookies() throws Exception {
        a.enqueue(MockResponse.newBuilder().header("Set-Cookie", "session=abc123; Path=/")
                .event(ServerSentEvent.of("hi")).build());
        CliRun.Result result = CliRun.run(a.url("/events").toString(), "-i", "--raw");
        assertEquals(0, result.code(), result.toString());
        assertTrue(result.out().toLowerCase(java.util.Locale.ROOT).contains("set-cookie: ***"), result.toString());
        assertFalse(result.toString().contains("abc123"), result.toString());
    }

    @Test
    void anErrorMessageMasksTheCredentialsInTheUrl() throws Exception {
        a.enqueue(MockResponse.newBuilder().status(401).contentType("text/plain").fixedLength().raw("no").build());
        String url = "http://user:pa55@127.0.0.1:" + a.port() + "/events?api_key=k3y";
        CliRun.Result result = CliRun.run(url, "--raw");
        assertEquals(7, result.code(), result.toString());
        assertFalse(result.err().contains("pa55"), result.err());
        assertFalse(result.err().contains("k3y"), result.err());
        assertTrue(result.err().contains("http://***@127.0.0.1:" + a.port() + "/events?api_key=***"), result.err());
    }
}
