package io.sse4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sse4j.ServerSentEvent;
import io.sse4j.testkit.MockResponse;
import io.sse4j.testkit.MockSseServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command refuses a zero or negative number where zero means nothing, before it connects:
 * one message naming the option and the value and what is allowed, exit 2. Where zero means
 * something, it does that.
 */
class NumberOptionsTest {

    private MockSseServer server;
    private final CountDownLatch never = new CountDownLatch(1);

    @BeforeEach
    void start() throws Exception {
        server = MockSseServer.start();
        server.setDispatcher(request -> MockResponse.newBuilder().event(ServerSentEvent.of("ok")).build());
    }

    @AfterEach
    void stop() {
        never.countDown();
        server.close();
    }

    private String url() {
        return server.url("/events").toString();
    }

    /** Runs, checks exit 2, nothing on standard output and no request made; returns the error line. */
    private String refused(String... args) throws Exception {
        CliRun.Result result = CliRun.run(args);
        assertEquals(2, result.code(), result.toString());
        assertEquals("", result.out(), result.toString());
        assertEquals("(" + (args[0].equals("serve") ? "sse4j serve" : "sse4j") + " --help shows the options)",
                result.errLines().get(result.errLines().size() - 1), result.toString());
        assertEquals(0, server.requestCount(), result.toString());
        return result.errLines().get(0);
    }

    @Test
    void timeoutZeroIsRefusedInsteadOfWaitingForEver() throws Exception {
        // The server that made --timeout 0 hang: it never sends its headers.
        server.setDispatcher(request -> MockResponse.newBuilder().awaitBeforeHead(never).build());
        assertEquals("sse4j: Invalid value for option '--timeout': '0' is zero; expected a duration above zero "
                + "(500ms, 5s, 1.5s, 2m, 1h, 10 for seconds, PT10S)", refused(url(), "--timeout", "0"));
    }

    @Test
    void aNegativeTimeoutGivesOneMessageInEveryNotation() throws Exception {
        for (String value : List.of("-5s", "PT-5S", "-1")) {
            assertEquals("sse4j: Invalid value for option '--timeout': '" + value + "' is negative; expected a "
                    + "duration above zero (500ms, 5s, 1.5s, 2m, 1h, 10 for seconds, PT10S)",
                    refused(url(), "--timeout", value));
            assertEquals("sse4j: Invalid value for option '--idle-timeout': '" + value + "' is negative; expected a "
                    + "duration above zero (500ms, 5s, 1.5s, 2m, 1h, 10 for seconds, PT10S)",
                    refused(url(), "--idle-timeout=" + value));
        }
    }

    @Test
    void idleTimeoutZeroIsRefused() throws Exception {
        assertEquals("sse4j: Invalid value for option '--idle-timeout': '0s' is zero; expected a duration above zero "
                + "(500ms, 5s, 1.5s, 2m, 1h, 10 for seconds, PT10S)", refused(url(), "--idle-timeout", "0s", "--no-reconnect"));
    }

    @Test
    void maxEventsZeroOrNegativeIsRefused() throws Exception {
        assertEquals("sse4j: Invalid value for option '--max-events': '0' is zero; expected a whole number, 1 or more",
                refused(url(), "-n", "0", "--no-reconnect"));
        assertEquals("sse4j: Invalid value for option '--max-events': '-1' is negative; expected a whole number, 1 or more",
                refused(url(), "--max-events", "-1", "--no-reconnect"));
    }

    @Test
    void maxRetriesNegativeIsRefusedAndZeroNeverRetries() throws Exception {
        assertEquals("sse4j: Invalid value for option '--max-retries': '-1' is negative; expected a whole number, 0 or more",
                refused(url(), "--max-retries", "-1"));

        server.setDispatcher(request -> MockResponse.newBuilder().chunkedEncoding()
                .event(ServerSentEvent.of("message", "a", "1")).raw("data: half").disconnect().build());
        CliRun.Result result = CliRun.run(url(), "--max-retries", "0", "--raw");
        assertEquals(10, result.code(), result.toString());
        assertEquals("a\n", result.out());
        assertEquals(1, server.requestCount());
    }

    @Test
    void limitsOfZeroOrLessAreRefused() throws Exception {
        assertEquals("sse4j: Invalid value for option '--max-line-length': '0' is zero; expected a size in bytes, "
                + "1 or more (4096, 64k, 1m)", refused(url(), "--max-line-length", "0"));
        assertEquals("sse4j: Invalid value for option '--max-event-size': '-5' is negative; expected a size in bytes, "
                + "1 or more (4096, 64k, 1m)", refused(url(), "--max-event-size", "-5"));
    }

    @Test
    void serveRefusesARateOfZeroOrLessAndANegativePort(@TempDir Path dir) throws Exception {
        Path capture = Files.writeString(dir.resolve("capture.sse"), "data: x\n\n", StandardCharsets.UTF_8);
        assertEquals("sse4j: Invalid value for option '--rate': '0' is zero; expected a number above zero (10, 0.5)",
                refused("serve", capture.toString(), "--rate", "0"));
        assertEquals("sse4j: Invalid value for option '--rate': '-1' is negative; expected a number above zero (10, 0.5)",
                refused("serve", capture.toString(), "--rate", "-1"));
        assertEquals("sse4j: Invalid value for option '--port': '-1' is negative; expected a port number from 0 to 65535",
                refused("serve", capture.toString(), "--port", "-1"));
    }

    @Test
    void servePortZeroIsAnyFreePort(@TempDir Path dir) throws Exception {
        Path capture = Files.writeString(dir.resolve("capture.sse"), "data: x\n\n", StandardCharsets.UTF_8);
        CliRun.Running serve = CliRun.start("serve", capture.toString(), "--port", "0");
        String url = serve.out.await(text -> text.endsWith("\n"), CliRun.TIMEOUT).strip();
        assertTrue(url.matches("http://127\\.0\\.0\\.1:[1-9]\\d*/"), url);
        CliRun.Result client = CliRun.run(url, "--raw", "-n", "1");
        assertEquals(0, client.code(), client.toString());
        assertEquals("x\n", client.out());
        assertEquals(130, serve.cancel().result().code());
    }
}
