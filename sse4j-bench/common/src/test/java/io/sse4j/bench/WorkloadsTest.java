package io.sse4j.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WorkloadsTest {

    @Test
    void generationIsDeterministic() {
        assertArrayEquals(Workloads.crlf(50).bytes(), Workloads.crlf(50).bytes());
        assertArrayEquals(Workloads.large(2, 3).bytes(), Workloads.large(2, 3).bytes());
    }

    @Test
    void everyWorkloadHasItsDocumentedEventCount() {
        assertEquals(100_000, Workloads.of(Workloads.LLM).events());
        assertEquals(100_000, Workloads.of(Workloads.CRLF).events());
        assertEquals(100, Workloads.of(Workloads.LARGE).events());
    }

    @Test
    void llmEventsCountTokensFromOne() {
        String text = new String(Workloads.llm(2).bytes(), StandardCharsets.UTF_8);
        assertEquals("data: {\"choices\":[{\"delta\":{\"content\":\"tok1\"}}]}\n\n"
                + "data: {\"choices\":[{\"delta\":{\"content\":\"tok2\"}}]}\n\n", text);
    }

    @Test
    void crlfEventsCarryIdTypeAndDataWithAKeepAliveEveryTenth() {
        String text = new String(Workloads.crlf(20).bytes(), StandardCharsets.UTF_8);
        assertTrue(text.startsWith("id: 1\r\nevent: usage\r\ndata: {\"seq\":1,\"text\":\"chunk 1 of the stream\"}\r\n\r\n"), text);
        assertEquals(2, text.split(": keep-alive\r\n\r\n", -1).length - 1);
        assertTrue(text.contains("data: {\"seq\":10,\"text\":\"chunk 10 of the stream\"}\r\n\r\n: keep-alive\r\n\r\nid: 11\r\n"));
        assertEquals(-1, text.replace("\r\n", "").indexOf('\n'));
    }

    @Test
    void largeLinesAreOneKibibyteOfAsciiAndEAcute() {
        String text = new String(Workloads.large(1, 64).bytes(), StandardCharsets.UTF_8);
        String[] lines = text.split("\n", -1);
        assertEquals(64 + 2, lines.length); // 64 data lines, the blank line, and the empty rest after the last LF
        for (int i = 0; i < 64; i++) {
            assertTrue(lines[i].startsWith("data: "));
            String value = lines[i].substring("data: ".length());
            assertEquals(1024, value.getBytes(StandardCharsets.UTF_8).length, "line " + i);
            assertTrue(value.contains("é"), "line " + i);
        }
    }

    @Test
    void unknownWorkloadIsRejectedWithTheKnownNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Workloads.of("nope"));
        assertTrue(e.getMessage().contains("llm"), e.getMessage());
    }

    @Test
    void verifyAcceptsExactlyTheExpectedEvents() throws Exception {
        Workload w = Workloads.crlf(2);
        ParserHarness right = (stream, chunk, sink) -> {
            sink.event("usage", "{\"seq\":1,\"text\":\"chunk 1 of the stream\"}", "1");
            sink.event("status", "{\"seq\":2,\"text\":\"chunk 2 of the stream\"}", "2");
            return 2;
        };
        w.verify(right, 64);
    }

    @Test
    void verifyNormalisesAbsentTypeAndId() throws Exception {
        ParserHarness nulls = (stream, chunk, sink) -> {
            sink.event(null, "{\"choices\":[{\"delta\":{\"content\":\"tok1\"}}]}", null);
            return 1;
        };
        Workloads.llm(1).verify(nulls, 64);
    }

    @Test
    void verifyRejectsALostEvent() {
        ParserHarness lossy = (stream, chunk, sink) -> {
            sink.event("usage", "{\"seq\":1,\"text\":\"chunk 1 of the stream\"}", "1");
            return 1;
        };
        assertThrows(AssertionError.class, () -> Workloads.crlf(2).verify(lossy, 64));
    }

    @Test
    void verifyRejectsChangedData() {
        ParserHarness trimming = (stream, chunk, sink) -> {
            sink.event("message", "{\"choices\":[{\"delta\":{\"content\":\"tok1\"}}]} ", null);
            return 1;
        };
        assertThrows(AssertionError.class, () -> Workloads.llm(1).verify(trimming, 64));
    }

    @Test
    void verifyRejectsACountThatDisagreesWithTheEvents() {
        ParserHarness miscounting = (stream, chunk, sink) -> {
            sink.event(null, "{\"choices\":[{\"delta\":{\"content\":\"tok1\"}}]}", null);
            return 2;
        };
        assertThrows(AssertionError.class, () -> Workloads.llm(1).verify(miscounting, 64));
    }

    @Test
    void expectEventsRejectsAWrongCount() {
        Workload w = Workloads.llm(3);
        w.expectEvents(3);
        assertThrows(IllegalStateException.class, () -> w.expectEvents(2));
    }
}
