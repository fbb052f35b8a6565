package io.sse4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link SseParser#boundary()}: where a stream can be cut without changing what a client makes of it. */
class SseParserBoundaryTest {

    /** A stream, and the text before the last place it can be cut (marked by {@code |} in the name). */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("nothing yet", "", ""),
                Arguments.of("a whole event", "data: a\n\n", "data: a\n\n"),
                Arguments.of("an event without its blank line", "data: a\n\ndata: b\n", "data: a\n\n"),
                Arguments.of("a line cut short", "data: a\n\nda", "data: a\n\n"),
                Arguments.of("event and id lines wait too", "data: a\n\nevent: x\nid: 2\n", "data: a\n\n"),
                Arguments.of("a bare data line waits", "data: a\n\ndata\n", "data: a\n\n"),
                Arguments.of("comments take effect at once", "data: a\n\n: ping\n: ping\n", "data: a\n\n: ping\n: ping\n"),
                Arguments.of("so does retry", "retry: 10\nda", "retry: 10\n"),
                Arguments.of("unknown fields are ignored", "foo: 1\ndatum: 2\n", "foo: 1\ndatum: 2\n"),
                Arguments.of("a comment after a waiting field waits with it", "data: a\n: c\n", ""),
                Arguments.of("CR ends lines", "data: a\r\rdata: b\r", "data: a\r\r"),
                Arguments.of("CRLF: the cut moves past the LF", "data: a\r\n\r\n", "data: a\r\n\r\n"),
                Arguments.of("CR at the end: the LF may follow", "data: a\r\n\r", "data: a\r\n\r"),
                Arguments.of("LF LF after CR", "data: a\r\n\n", "data: a\r\n\n"),
                Arguments.of("a byte order mark is skipped", "\uFEFFdata: a\n\ndata: b", "\uFEFFdata: a\n\n"),
                Arguments.of("a field name after the BOM still waits", "\uFEFFdata: a\n", ""),
                Arguments.of("a long name is no field that waits", "eventually: 1\n", "eventually: 1\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void boundaryWholeAndSplitAtEveryOffset(String name, String stream, String cut) throws ProtocolException {
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        long expected = cut.getBytes(StandardCharsets.UTF_8).length;
        SseParser whole = SseParser.of(event -> { });
        whole.feed(bytes);
        assertEquals(expected, whole.boundary());
        for (int split = 0; split <= bytes.length; split++) {
            SseParser two = SseParser.of(event -> { });
            two.feed(bytes, 0, split);
            two.feed(bytes, split, bytes.length - split);
            assertEquals(expected, two.boundary(), "split at " + split);
        }
        SseParser bytewise = SseParser.of(event -> { });
        for (int i = 0; i < bytes.length; i++) {
            bytewise.feed(bytes, i, 1);
        }
        assertEquals(expected, bytewise.boundary());
    }
}
