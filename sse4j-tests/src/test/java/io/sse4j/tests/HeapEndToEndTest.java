package io.sse4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sse4j.ServerSentEvent;
import io.sse4j.SseLimits;
import io.sse4j.testkit.MockResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 7, item 6: what one stream needs of the heap, proven in a child JVM with {@code -Xmx128m}:
 * an event past the default limit fails with the limit named instead of exhausting the heap, one
 * just under it fits, and when the heap does run out the {@link OutOfMemoryError} reaches the
 * reader as itself, never wrapped in an IOException that user code would swallow.
 */
class HeapEndToEndTest extends LoopbackTest {

    private static final int MIB = 1024 * 1024;

    /** One event of {@code mib} data lines of 1 MiB each (less the line feeds), then a small one. */
    private static MockResponse oneLargeEvent(int mib) {
        byte[] line = new byte[MIB];
        Arrays.fill(line, (byte) 'x');
        byte[] prefix = "data: ".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(prefix, 0, line, 0, prefix.length);
        line[MIB - 1] = '\n';
        MockResponse.Builder response = MockResponse.newBuilder();
        for (int i = 0; i < mib; i++) {
            response.raw(line);
        }
        return response.raw("\n").event(ServerSentEvent.of("after")).build();
    }

    private List<String> probe(int maxEventSize) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx128m", "-cp",
                System.getProperty("java.class.path"), HeapProbe.class.getName(),
                server.url("/large").toString(), String.valueOf(maxEventSize))
                .redirectErrorStream(true).start();
        try {
            assertTrue(child.waitFor(90, TimeUnit.SECONDS), "the probe ends by itself");
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return output.lines().filter(l -> l.startsWith("EVENT") || l.startsWith("END")
                    || l.startsWith("FAILED") || l.startsWith("TIMEOUT")).toList();
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void anEventOf37MiBFailsWithTheDefaultLimitNamedInsteadOfExhaustingTheHeap() throws Exception {
        server.enqueue(oneLargeEvent(37));
        assertEquals(List.of("FAILED java.net.ProtocolException: SSE event data larger than maxEventSize of "
                + SseLimits.DEFAULT_MAX_EVENT_SIZE + " bytes (see SseLimits)"), probe(SseLimits.DEFAULT_MAX_EVENT_SIZE));
    }

    @Test
    void anEventJustUnderTheDefaultLimitFitsIn128MiB() throws Exception {
        server.enqueue(oneLargeEvent(15));
        int expected = 15 * (MIB - "data: \n".length()) + 14; // Fifteen lines joined by fourteen line feeds.
        assertEquals(List.of("EVENT " + expected, "EVENT 5", "END"), probe(SseLimits.DEFAULT_MAX_EVENT_SIZE));
    }

    @Test
    void anExhaustedHeapReachesTheReaderAsOutOfMemoryError() throws Exception {
        server.enqueue(oneLargeEvent(200));
        List<String> lines = probe(512 * MIB);
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("FAILED java.lang.OutOfMemoryError"), lines.get(0));
    }
}
