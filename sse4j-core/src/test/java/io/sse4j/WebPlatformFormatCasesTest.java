package io.sse4j;

import static io.sse4j.Bytes.hex;
import static io.sse4j.Feeding.assertParses;
import static io.sse4j.Outcome.comment;
import static io.sse4j.Outcome.event;
import static io.sse4j.Outcome.retry;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Our own cases for the behaviours that the web-platform-tests {@code eventsource/format-*} files
 * check in browsers, at the parser level, each fed every way {@link Feeding} knows.
 *
 * <p>Not here, because they are about HTTP rather than the byte stream, and belong with the HTTP
 * client's tests: {@code format-mime-bogus}, {@code format-mime-trailing-semicolon} and
 * {@code format-mime-valid-bogus} (which Content-Type values are accepted); the
 * {@code Last-Event-ID} request header sent on reconnection in {@code format-field-id} and
 * {@code format-field-id-2}; the reconnection delay actually waited in {@code format-field-retry*};
 * and, in {@code format-utf-8}, that a {@code charset} parameter in Content-Type is ignored.
 */
class WebPlatformFormatCasesTest {

    private static final byte[] BOM = hex("EF BB BF");

    @Test
    @DisplayName("format-bom: a BOM is stripped at the start only; a later one spoils its line")
    void leadingBomStrippedButLaterBomSpoilsItsLine() {
        assertParses(Bytes.of(BOM, "data: one\n\n", BOM, "data: two\n\ndata: three\n\n"),
                Outcome.of(event("one"), event("three")));
    }

    @Test
    @DisplayName("format-bom-2: of two leading BOMs the second is kept and spoils the first line")
    void secondOfTwoLeadingBomsSpoilsFirstLine() {
        assertParses(Bytes.of(BOM, BOM, "data: one\n\ndata: two\n\ndata: three\n\n"),
                Outcome.of(event("two"), event("three")));
    }

    @Test
    @DisplayName("format-comments: comments of every shape and line ending between data lines")
    void commentsBetweenDataLinesAreSkipped() {
        String longComment = "c".repeat(3000);
        String stream = "data: alpha\r: holds \0 a NUL\n:\r\ndata: beta\n:" + longComment + "\rdata: gamma\n"
                + ":data: not data\r:" + longComment + "\r\ndata: delta\n\n";
        assertParses(Bytes.of(stream), Outcome.of(comment("holds \0 a NUL"), comment(""), comment(longComment),
                comment("data: not data"), comment(longComment), event("alpha\nbeta\ngamma\ndelta")));
    }

    @Test
    @DisplayName("format-data-before-final-empty-line: an unterminated last block is dropped with its id")
    void unterminatedLastBlockIsDroppedWithItsId() {
        assertParses(Bytes.of("retry: 500\ndata: first\n\nid: 42\ndata: second"),
                Outcome.of(retry(500), event("first")).withLastEventId("").endingUncleanly());
    }

    @Test
    @DisplayName("format-field-data: data with empty, missing and present values")
    void dataFieldWithEmptyMissingAndPresentValues() {
        assertParses(Bytes.of("data:\n\ndata\ndata\n\ndata: end\n\n"),
                Outcome.of(event(""), event("\n"), event("end")));
    }

    @Test
    @DisplayName("format-field-event: event names the type of its own event only")
    void eventFieldNamesTypeOfItsOwnEventOnly() {
        assertParses(Bytes.of("event: custom\ndata: 1\n\ndata: 2\n\n"),
                Outcome.of(event("custom", "1"), event("message", "2")));
    }

    @Test
    @DisplayName("format-field-event-empty: an empty event type gives a message event")
    void emptyEventTypeGivesMessage() {
        assertParses(Bytes.of("event: \ndata: x\n\n"), Outcome.of(event("message", "x")));
    }

    @Test
    @DisplayName("format-field-id: id is the event's lastEventId and the stream's")
    void idBecomesLastEventId() {
        assertParses(Bytes.of("id: 1\nretry: 300\ndata: hello\n\n"),
                Outcome.of(retry(300), event("message", "hello", "1")));
    }

    @Test
    @DisplayName("format-field-id-2: a non-ASCII id is kept as text")
    void nonAsciiIdIsKept() {
        assertParses(Bytes.of("id: …\ndata: hello\n\n"), Outcome.of(event("message", "hello", "…")));
    }

    @Test
    @DisplayName("format-field-id-3: the last event ID persists")
    void lastEventIdPersists() {
        assertParses(Bytes.of("id: 1\ndata: 1\n\ndata: 2\n\n"),
                Outcome.of(event("message", "1", "1"), event("message", "2", "1")));
    }

    @Test
    @DisplayName("format-field-id-3: the last event ID changes, then persists")
    void lastEventIdChangesThenPersists() {
        assertParses(Bytes.of("id: 1\ndata: 1\n\nid: 2\ndata: 2\n\ndata: 3\n\n"),
                Outcome.of(event("message", "1", "1"), event("message", "2", "2"), event("message", "3", "2")));
    }

    @Test
    @DisplayName("format-field-id-3: an empty id resets the last event ID")
    void emptyIdResetsLastEventId() {
        assertParses(Bytes.of("id: 1\ndata: 1\n\nid:\ndata: 2\n\ndata: 3\n\n"),
                Outcome.of(event("message", "1", "1"), event("message", "2", ""), event("message", "3", "")));
    }

    @Test
    @DisplayName("format-field-id-null: an id holding U+0000 anywhere is ignored")
    void idHoldingNulAnywhereIsIgnored() {
        for (String id : new String[] {"\0\0", "x\0", "\0x", "x\0x", " \0"}) {
            assertParses(Bytes.of("id: ", id, "\ndata: hello\n\n"), Outcome.of(event("message", "hello", "")));
        }
    }

    @Test
    @DisplayName("format-field-parsing: only exact field names count; NUL and spaces are data")
    void onlyExactFieldNamesCount() {
        String stream = "data:\0\ndata:  2\rDaTa:no\ndata\0:no\ndata:3\r\0data:no\nda-ta:no\rdata_x:no\n"
                + "data:\r\n data:no\ndata:4\n\n";
        assertParses(Bytes.of(stream), Outcome.of(event("\0\n 2\n3\n\n4")));
    }

    @Test
    @DisplayName("format-field-retry: a retry with a leading zero is decimal, not octal")
    void retryWithLeadingZeroIsDecimal() {
        assertParses(Bytes.of("retry: 02000\ndata: x\n\n"), Outcome.of(retry(2000), event("x")));
    }

    @Test
    @DisplayName("format-field-retry-bogus: a retry with a non-digit leaves the time unchanged")
    void retryWithNonDigitLeavesTimeUnchanged() {
        assertParses(Bytes.of("retry: 2000\nretry: 1000x\ndata: x\n\n"), Outcome.of(retry(2000), event("x")));
    }

    @Test
    @DisplayName("format-field-retry-empty: a retry without value is ignored, its event still comes")
    void retryWithoutValueIsIgnored() {
        assertParses(Bytes.of("retry\ndata: test\n\n"), Outcome.of(event("test")));
    }

    @Test
    @DisplayName("format-field-unknown: unknown fields, a name with a leading space and plain text are ignored")
    void unknownFieldsAreIgnored() {
        assertParses(Bytes.of("data: a\n data\ndata\nunknown: x\nplain text\n: note\ndata: b\n\n"),
                Outcome.of(comment("note"), event("a\n\nb")));
    }

    @Test
    @DisplayName("format-leading-space: one space after the colon is dropped, even before nothing")
    void oneSpaceAfterColonIsDropped() {
        assertParses(Bytes.of("data: test\rdata: \ndata:test\n\n"), Outcome.of(event("test\n\ntest")));
    }

    @Test
    @DisplayName("format-newlines: CRLF, LF and CR all end lines, CR alone ends the stream's last block")
    void crlfLfAndCrAllEndLines() {
        assertParses(Bytes.of("data: test\r\ndata\ndata: test\r\n\r"), Outcome.of(event("test\n\ntest")));
    }

    @Test
    @DisplayName("format-null-character: a NUL in data reaches the event")
    void nulInDataReachesEvent() {
        assertParses(Bytes.of("data:\0\n\n"), Outcome.of(event("\0")));
    }

    @Test
    @DisplayName("format-utf-8: the stream is UTF-8")
    void streamIsUtf8() {
        assertParses(Bytes.of("data: ok", hex("E2 80 A6"), "\n\n"), Outcome.of(event("ok…")));
    }
}
