package io.sse4j;

import static io.sse4j.Outcome.comment;
import static io.sse4j.Outcome.event;
import static io.sse4j.Outcome.retry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SseEncoderTest {

    private static final int ITERATIONS = 200;

    /**
     * Encoding then parsing gives back every event, comment and reconnection time, except that CR
     * and CRLF in data and comments come back as LF (comments: as separate comments).
     */
    @Test
    void encodeThenParseGivesBackWhatWasWritten() {
        Seeded.repeat(ITERATIONS, random -> {
            SseEncoder encoder = SseEncoder.create();
            StringBuilder wire = new StringBuilder();
            List<Object> expected = new ArrayList<>();
            boolean blockOpen = false;
            for (int i = random.nextInt(8); i >= 0; i--) {
                int kind = random.nextInt(6);
                if (kind == 0) {
                    String text = RandomText.data(random);
                    wire.append(SseEncoder.comment(text));
                    for (String line : text.split("\r\n|\r|\n", -1)) {
                        expected.add(comment(line));
                    }
                } else if (kind == 1) {
                    long millis = random.nextInt(3) == 0 ? random.nextLong() >>> 1 : random.nextInt(100_000);
                    wire.append(SseEncoder.retry(Duration.ofMillis(millis)));
                    expected.add(retry(millis));
                    blockOpen = true;
                } else {
                    String type = RandomText.singleLine(random);
                    String data = RandomText.data(random);
                    String id = random.nextInt(3) == 0 ? "" : RandomText.singleLine(random).replace("\0", "");
                    encoder.encode(ServerSentEvent.of(type, data, id), wire);
                    expected.add(event(type, data.replace("\r\n", "\n").replace('\r', '\n'), id));
                    blockOpen = false;
                }
            }
            byte[] bytes = Bytes.utf8(wire.toString());
            Outcome outcome = Outcome.of(expected.toArray());
            Outcome parsed = blockOpen ? outcome.endingUncleanly() : outcome;
            Feeding.assertParses(bytes, parsed, random);
        });
    }

    @Test
    void eventIsWrittenAsTypeIdDataAndBlankLine() {
        assertEquals("event: update\nid: 42\ndata: line 1\ndata: line 2\n\n",
                SseEncoder.create().encode(ServerSentEvent.of("update", "line 1\nline 2", "42")));
    }

    @Test
    void defaultTypeAndEmptyIdAreNotWritten() {
        assertEquals("data: x\n\n", SseEncoder.create().encode(ServerSentEvent.of("x")));
    }

    @Test
    void idIsWrittenOnlyWhenItChanges() {
        SseEncoder encoder = SseEncoder.create();
        StringBuilder wire = new StringBuilder();
        for (String id : new String[] {"1", "1", "2", "", ""}) {
            encoder.encode(ServerSentEvent.of("message", id, id), wire);
        }
        assertEquals("id: 1\ndata: 1\n\ndata: 1\n\nid: 2\ndata: 2\n\nid\ndata: \n\ndata: \n\n", wire.toString());
    }

    @Test
    void eachLineOfDataIsADataField() {
        SseEncoder encoder = SseEncoder.create();
        assertEquals("data: a\ndata: b\ndata: c\ndata: d\n\n", encoder.encode(ServerSentEvent.of("a\r\nb\rc\nd")));
        assertEquals("data: \n\n", encoder.encode(ServerSentEvent.of("")));
        assertEquals("data: a\ndata: \n\n", encoder.encode(ServerSentEvent.of("a\n")));
        assertEquals("data:  lead\n\n", encoder.encode(ServerSentEvent.of(" lead")));
    }

    @Test
    void unpairedSurrogateReachesTheWireAsQuestionMark() {
        byte[] wire = Bytes.utf8(SseEncoder.create().encode(ServerSentEvent.of("a\uD800b")));
        Feeding.assertParses(wire, Outcome.of(event("a?b")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unencodableEvents")
    void eventThatCannotBeEncodedIsRejected(String why, ServerSentEvent event, String problem, String shown) {
        SseEncoder encoder = SseEncoder.create();
        StringBuilder wire = new StringBuilder("before");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> encoder.encode(event, wire));
        assertTrue(e.getMessage().startsWith(problem), () -> "message names the problem: " + e.getMessage());
        assertTrue(e.getMessage().endsWith(shown), () -> "message shows the value escaped: " + e.getMessage());
        assertEquals("before", wire.toString(), "nothing is written");
        assertEquals("id: 7\ndata: x\n\n", encoder.encode(ServerSentEvent.of("message", "x", "7")),
                "the rejected event left the encoder's last event ID alone");
    }

    static Stream<Arguments> unencodableEvents() {
        return Stream.of(
                rejected("lfInType", ServerSentEvent.of("a\nb", "x", "7"), "event type contains CR or LF", "a\\nb"),
                rejected("crInType", ServerSentEvent.of("a\rb", "x", "7"), "event type contains CR or LF", "a\\rb"),
                rejected("lfInId", ServerSentEvent.of("t", "x", "7\n"), "last event ID contains CR or LF", "7\\n"),
                rejected("crInId", ServerSentEvent.of("t", "x", "\r7"), "last event ID contains CR or LF", "\\r7"),
                rejected("nulInId", ServerSentEvent.of("t", "x", "7\0"), "last event ID contains U+0000", "7\\0"));
    }

    private static Arguments rejected(String why, ServerSentEvent event, String problem, String shownValue) {
        return Arguments.of(why, event, problem, '"' + shownValue + '"');
    }

    @Test
    void commentIsOneColonLinePerLine() {
        assertEquals(": hello\n", SseEncoder.comment("hello"));
        assertEquals(": \n", SseEncoder.comment(""));
        assertEquals(": a\n: b\n: c\n", SseEncoder.comment("a\r\nb\rc"));
        Feeding.assertParses(Bytes.utf8(SseEncoder.comment(" lead\n:colon")),
                Outcome.of(comment(" lead"), comment(":colon")));
    }

    @Test
    void retryIsWrittenInWholeMilliseconds() {
        assertEquals("retry: 3000\n", SseEncoder.retry(Duration.ofSeconds(3)));
        assertEquals("retry: 0\n", SseEncoder.retry(Duration.ZERO));
        assertEquals("retry: 1\n", SseEncoder.retry(Duration.ofNanos(1_999_999)));
        Feeding.assertParses(Bytes.utf8(SseEncoder.retry(Duration.ofMinutes(1)) + "\n"), Outcome.of(retry(60_000)));
    }

    @Test
    void negativeRetryIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SseEncoder.retry(Duration.ofMillis(-1)));
        assertTrue(e.getMessage().contains("negative"), e.getMessage());
    }

    @Test
    void nullArgumentsAreRejectedByName() {
        SseEncoder encoder = SseEncoder.create();
        // encode(event) reads event.data() before its null check, so only the type is asserted here.
        assertThrows(NullPointerException.class, () -> encoder.encode(null));
        assertEquals("event", assertThrows(NullPointerException.class,
                () -> encoder.encode(null, new StringBuilder())).getMessage());
        assertEquals("out", assertThrows(NullPointerException.class,
                () -> encoder.encode(ServerSentEvent.of("x"), null)).getMessage());
        assertEquals("text", assertThrows(NullPointerException.class, () -> SseEncoder.comment(null)).getMessage());
        assertEquals("reconnectionTime",
                assertThrows(NullPointerException.class, () -> SseEncoder.retry(null)).getMessage());
    }

    /** Random valid UTF-16 text built from pieces that matter to the format. */
    private static final class RandomText {
        private static final String[] PIECES = {"a", "xyz", " ", "  ", ":", ": ", "\0", "\t", "é", "€", "𝄞",
            "\uFEFF", "\uFFFD", "message", "data: ", "id", "0"};
        private static final String[] LINE_BREAKS = {"\n", "\r", "\r\n", "\n\n", "\r\r"};

        static String singleLine(Random random) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(5); i > 0; i--) {
                text.append(PIECES[random.nextInt(PIECES.length)]);
            }
            return text.toString();
        }

        static String data(Random random) {
            StringBuilder text = new StringBuilder(singleLine(random));
            for (int i = random.nextInt(4); i > 0; i--) {
                text.append(LINE_BREAKS[random.nextInt(LINE_BREAKS.length)]).append(singleLine(random));
            }
            return text.toString();
        }
    }
}
