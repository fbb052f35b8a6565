package io.sse4j;

import static io.sse4j.Bytes.hex;
import static io.sse4j.Outcome.comment;
import static io.sse4j.Outcome.event;
import static io.sse4j.Outcome.nothing;
import static io.sse4j.Outcome.retry;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The WHATWG HTML Standard's event stream rules, one table row (or more) per rule: §9.2.5 for
 * decoding and line splitting, §9.2.6 for interpretation. Every row is fed every way
 * {@link Feeding} knows, so a name like {@code crAtChunkEndThenLf} is checked at the chunk boundary
 * it names, and everywhere else.
 */
class SseParserSpecTest {

    private static final String REPLACEMENT = "\uFFFD";
    private static final String BOM = "\uFEFF";

    @ParameterizedTest(name = "{0}")
    @MethodSource({"decoding", "byteOrderMark", "lineEndings", "lines", "eventField", "dataField", "idField",
            "retryField", "endOfStream"})
    void followsTheSpec(String behaviour, byte[] input, Outcome expected) {
        Feeding.assertParses(input, expected);
    }

    /** §9.2.5: the stream is decoded as UTF-8, invalid sequences become U+FFFD (Encoding Standard). */
    static Stream<Arguments> decoding() {
        return Stream.of(
                spec("multiByteUtf8SplitAnywhereIsDecoded", "data: é € 𝄞\n\n", Outcome.of(event("é € 𝄞"))),
                spec("invalidByteBecomesReplacementCharacter",
                        Bytes.of("data: a", hex("FF"), "b\n\n"), Outcome.of(event("a" + REPLACEMENT + "b"))),
                spec("invalidUtf8SplitAcrossChunksBecomesReplacementCharacter",
                        Bytes.of("data: ", hex("F0 9F 98"), "x\n\n"), Outcome.of(event(REPLACEMENT + "x"))),
                spec("truncatedSequenceAtLineEndBecomesOneReplacementCharacter",
                        Bytes.of("data: ", hex("E2 82"), "\ndata: b\n\n"), Outcome.of(event(REPLACEMENT + "\nb"))),
                spec("loneContinuationBytesEachBecomeReplacementCharacter",
                        Bytes.of("data: ", hex("80 BF"), "\n\n"), Outcome.of(event(REPLACEMENT.repeat(2)))),
                spec("overlongEncodingBecomesReplacementCharacterPerByte",
                        Bytes.of("data: ", hex("C0 AF"), "|", hex("E0 80 AF"), "\n\n"),
                        Outcome.of(event(REPLACEMENT.repeat(2) + "|" + REPLACEMENT.repeat(3)))),
                spec("encodedSurrogateBecomesReplacementCharacterPerByte",
                        Bytes.of("data: ", hex("ED A0 80"), "|", hex("ED BF BF"), "\n\n"),
                        Outcome.of(event(REPLACEMENT.repeat(3) + "|" + REPLACEMENT.repeat(3)))),
                spec("truncatedEncodedSurrogateBecomesReplacementCharacterPerByte",
                        Bytes.of("data: ", hex("ED A0"), "\n\n"), Outcome.of(event(REPLACEMENT.repeat(2)))),
                spec("codePointAbove10FFFFBecomesReplacementCharacterPerByte",
                        Bytes.of("data: ", hex("F4 90 80 80"), "\n\n"), Outcome.of(event(REPLACEMENT.repeat(4)))),
                spec("largestCodePointsOfEachLengthAreDecoded",
                        Bytes.of("data: ", hex("7F DF BF ED 9F BF EF BF BF F4 8F BF BF"), "\n\n"),
                        Outcome.of(event("\u007F\u07FF\uD7FF\uFFFF\uDBFF\uDFFF"))),
                spec("invalidByteInFieldNameMakesFieldUnknown",
                        Bytes.of("data", hex("C3"), ": x\n\ndata: y\n\n"), Outcome.of(event("y"))),
                spec("invalidBytesInEventTypeAndIdBecomeReplacementCharacters",
                        Bytes.of("event: ", hex("FF"), "\nid: ", hex("C3"), "\ndata: x\n\n"),
                        Outcome.of(event(REPLACEMENT, "x", REPLACEMENT))),
                spec("nulInDataIsKept", "data: a\0b\n\n", Outcome.of(event("a\0b"))));
    }

    /** §9.2.5: the UTF-8 decode algorithm strips one leading byte order mark, and only that one. */
    static Stream<Arguments> byteOrderMark() {
        return Stream.of(
                spec("bomSplitAcrossChunks", BOM + "data: a\n\n", Outcome.of(event("a"))),
                spec("bomStrippedOnlyAtStreamStart", BOM + "data: a\n\n" + BOM + "data: b\n\ndata: c\n\n",
                        Outcome.of(event("a"), event("c"))),
                spec("secondBomIsKeptAndSpoilsFirstLine", BOM + BOM + "data: a\n\ndata: b\n\n",
                        Outcome.of(event("b"))),
                spec("bomAloneIsAnEmptyStream", BOM, nothing()),
                spec("partialBomIsNotABomButInvalidUtf8",
                        Bytes.of(hex("EF BB"), "data: a\n\ndata: b\n\n"), Outcome.of(event("b"))),
                spec("partialBomThenLineEndIsAnUnknownField",
                        Bytes.of(hex("EF"), "\ndata: a\n\n"), Outcome.of(event("a"))),
                spec("partialBomAtEndOfStreamIsDiscarded", hex("EF BB"), nothing().endingUncleanly()),
                spec("bomThenBlankLineDispatchesNothing", BOM + "\ndata: a\n\n", Outcome.of(event("a"))));
    }

    /** §9.2.5: lines end in CRLF, LF or CR. */
    static Stream<Arguments> lineEndings() {
        return Stream.of(
                spec("lfEndsLines", "data: a\ndata: b\n\n", Outcome.of(event("a\nb"))),
                spec("crEndsLines", "data: a\rdata: b\r\r", Outcome.of(event("a\nb"))),
                spec("crlfEndsLines", "data: a\r\ndata: b\r\n\r\n", Outcome.of(event("a\nb"))),
                spec("crAtChunkEndThenLf", "data: a\r\n\r\ndata: b\r\n\r\n", Outcome.of(event("a"), event("b"))),
                spec("lfThenCrIsTwoLineEnds", "data: a\n\rdata: b\n\n", Outcome.of(event("a"), event("b"))),
                spec("crThenCrIsTwoLineEnds", "data: a\r\rdata: b\r\r", Outcome.of(event("a"), event("b"))),
                spec("crlfThenCrIsTwoLineEnds", "data: a\r\n\rdata: b\r\n\r", Outcome.of(event("a"), event("b"))),
                spec("mixedLineEndingsInOneEvent", "data: a\r\ndata: b\rdata: c\n\r\n",
                        Outcome.of(event("a\nb\nc"))));
    }

    /** §9.2.6: blank lines, comments, and the split of a line into field and value. */
    static Stream<Arguments> lines() {
        return Stream.of(
                spec("blankLineDispatchesEvent", "data: a\n\n", Outcome.of(event("a"))),
                spec("extraBlankLinesDispatchNothing", "\n\ndata: a\n\n\n\n", Outcome.of(event("a"))),
                spec("commentIsReportedWithoutOneLeadingSpace", ":  two\n:none\n: one\n:\n",
                        Outcome.of(comment(" two"), comment("none"), comment("one"), comment(""))),
                spec("commentDoesNotEndOrChangeEvent", "data: a\n: note\ndata: b\n\n",
                        Outcome.of(comment("note"), event("a\nb"))),
                spec("commentThatLooksLikeFieldIsComment", ":data: x\n\n", Outcome.of(comment("data: x"))),
                spec("commentBetweenBlankLinesLeavesStreamClean", ": ping\n\n: ping\n",
                        Outcome.of(comment("ping"), comment("ping"))),
                spec("valueStartsAfterFirstColon", "data: a: b:c\n\n", Outcome.of(event("a: b:c"))),
                spec("exactlyOneLeadingSpaceRemoved", "data:  a\n\n", Outcome.of(event(" a"))),
                spec("valueWithoutLeadingSpaceIsKept", "data:a\n\n", Outcome.of(event("a"))),
                spec("leadingTabIsNotRemoved", "data:\ta\n\n", Outcome.of(event("\ta"))),
                spec("trailingWhitespaceIsKept", "data: a \t\n\n", Outcome.of(event("a \t"))),
                spec("lineWithoutColonIsFieldWithEmptyValue", "data\n\n", Outcome.of(event(""))),
                spec("emptyValueAfterColon", "data:\n\n", Outcome.of(event(""))),
                spec("singleSpaceValueIsEmpty", "data: \n\n", Outcome.of(event(""))),
                spec("fieldNamesAreCaseSensitive", "Data: a\nDATA: b\n\n", nothing()),
                spec("fieldNameIsNotTrimmed", " data: a\ndata : b\n\n", nothing()),
                spec("fieldNameWithNulIsUnknown", "data\0: a\n\n", nothing()),
                spec("unknownFieldIsIgnored", "foo: bar\ndata: a\nretries: 5\nDATA\n\n", Outcome.of(event("a"))),
                spec("unknownFieldAloneDispatchesNothing", "foo: bar\n\ndata: a\n\n", Outcome.of(event("a"))));
    }

    /** §9.2.6 "event" and dispatch steps 5 to 7: the event type buffer. */
    static Stream<Arguments> eventField() {
        return Stream.of(
                spec("eventFieldSetsType", "event: add\ndata: a\n\n", Outcome.of(event("add", "a"))),
                spec("lastEventFieldInBlockWins", "event: a\nevent: b\ndata: x\n\n", Outcome.of(event("b", "x"))),
                spec("eventFieldAfterDataStillApplies", "data: x\nevent: late\n\n", Outcome.of(event("late", "x"))),
                spec("emptyEventTypeMeansMessage", "event:\ndata: x\n\n", Outcome.of(event("message", "x"))),
                spec("eventFieldWithoutValueClearsType", "event: a\nevent\ndata: x\n\n",
                        Outcome.of(event("message", "x"))),
                spec("eventTypeKeepsInnerAndTrailingSpaces", "event:  Add Item \ndata: x\n\n",
                        Outcome.of(event(" Add Item ", "x"))),
                spec("eventTypeResetAfterDispatch", "event: a\ndata: 1\n\ndata: 2\n\n",
                        Outcome.of(event("a", "1"), event("message", "2"))),
                spec("blankLineWithEmptyDataResetsEventType", "event: a\n\ndata: x\n\n",
                        Outcome.of(event("message", "x"))));
    }

    /** §9.2.6 "data" and dispatch steps 2 and 3: the data buffer. */
    static Stream<Arguments> dataField() {
        return Stream.of(
                spec("dataLinesJoinWithLineFeed", "data: a\ndata: b\ndata: c\n\n", Outcome.of(event("a\nb\nc"))),
                spec("onlyFinalLineFeedRemoved", "data\ndata\n\n", Outcome.of(event("\n"))),
                spec("emptyDataLinesAreKept", "data\ndata: a\ndata\n\n", Outcome.of(event("\na\n"))),
                spec("blankLineWithoutDataDispatchesNothing", "event: a\nid\n\n", nothing()),
                spec("dataBufferStartsEmptyForEachEvent", "data: a\n\ndata: b\n\n",
                        Outcome.of(event("a"), event("b"))));
    }

    /** §9.2.6 "id" and dispatch step 1: the last event ID buffer and string. */
    static Stream<Arguments> idField() {
        return Stream.of(
                spec("idSetsLastEventId", "id: 7\ndata: a\n\n", Outcome.of(event("message", "a", "7"))),
                spec("lastEventIdPersistsAcrossEvents", "id: 7\ndata: a\n\ndata: b\n\n",
                        Outcome.of(event("message", "a", "7"), event("message", "b", "7"))),
                spec("idChangesAndPersists", "id: 1\ndata: a\n\nid: 2\ndata: b\n\ndata: c\n\n",
                        Outcome.of(event("message", "a", "1"), event("message", "b", "2"),
                                event("message", "c", "2"))),
                spec("emptyIdResetsLastEventId", "id: 1\ndata: a\n\nid\ndata: b\n\nid: 2\ndata: c\n\nid:\ndata: d\n\n",
                        Outcome.of(event("message", "a", "1"), event("message", "b", ""),
                                event("message", "c", "2"), event("message", "d", ""))),
                spec("idContainingNulIsIgnored", "id: 1\ndata: a\n\nid: 2\0\ndata: b\n\nid: \0x\ndata: c\n\n",
                        Outcome.of(event("message", "a", "1"), event("message", "b", "1"),
                                event("message", "c", "1"))),
                spec("idInBlockWithoutDataStillUpdatesLastEventId", "id: 5\n\n", nothing().withLastEventId("5")),
                spec("idAfterDataInSameBlockApplies", "data: a\nid: 9\n\n", Outcome.of(event("message", "a", "9"))),
                spec("lastIdFieldInBlockWins", "id: 1\nid: 2\ndata: a\n\n", Outcome.of(event("message", "a", "2"))),
                spec("idKeepsSpacesAfterTheFirst", "id:  5 \ndata: a\n\n", Outcome.of(event("message", "a", " 5 "))),
                spec("idMayBeNonAscii", "id: ünï…\ndata: a\n\n", Outcome.of(event("message", "a", "ünï…"))),
                spec("idIsNotCommittedWithoutBlankLine", "id: 1\ndata: a\n\nid: 2\n",
                        Outcome.of(event("message", "a", "1")).endingUncleanly()));
    }

    /** §9.2.6 "retry": only a value of ASCII digits sets the reconnection time. */
    static Stream<Arguments> retryField() {
        return Stream.of(
                spec("retrySetsReconnectionTime", "retry: 1500\n\n", Outcome.of(retry(1500))),
                spec("retryIsReportedWhenReadNotAtDispatch", "retry: 10\ndata: a\n\n",
                        Outcome.of(retry(10), event("a"))),
                spec("retryWithLeadingZerosIsDecimal", "retry: 0100\n\n", Outcome.of(retry(100))),
                spec("retryZeroIsValid", "retry: 0\n\n", Outcome.of(retry(0))),
                spec("laterRetryReplacesEarlier", "retry: 1\nretry: 2\n\n", Outcome.of(retry(1), retry(2))),
                spec("retryWithNonDigitIsIgnored",
                        "retry: 1000\nretry: 12a\nretry: -1\nretry: +1\nretry: 1.5\nretry: 1e3\nretry: 10 \n\n",
                        Outcome.of(retry(1000))),
                spec("retryWithSecondLeadingSpaceIsIgnored", "retry:  10\n\n", nothing()),
                spec("retryWithEmptyValueIsIgnored", "retry\nretry:\nretry: \n\n", nothing()),
                spec("retryWithNonAsciiDigitsIsIgnored", "retry: ١٢\nretry: １２\n\n", nothing()),
                spec("retryTooLargeForLongIsIgnored", "retry: 9223372036854775808\nretry: 99999999999999999999\n\n",
                        nothing()),
                spec("retryOfLargestLongIsAccepted", "retry: 9223372036854775807\n\n",
                        Outcome.of(retry(Long.MAX_VALUE))),
                spec("retryTakesEffectEvenIfItsBlockIsDiscarded", "retry: 7\ndata: a\n",
                        Outcome.of(retry(7)).endingUncleanly()));
    }

    /** §9.2.6: "Once the end of the file is reached, any pending data must be discarded." */
    static Stream<Arguments> endOfStream() {
        return Stream.of(
                spec("emptyStreamEndsCleanly", "", nothing()),
                spec("incompleteEventAtEndOfStreamIsDiscarded", "data: a\n\ndata: b\n",
                        Outcome.of(event("a")).endingUncleanly()),
                spec("partialLineAtEndOfStreamIsDiscarded", "data: a\n\ndata: b",
                        Outcome.of(event("a")).endingUncleanly()),
                spec("partialBlankLineAfterCrIsNotNeeded", "data: a\r\r", Outcome.of(event("a"))),
                spec("eventTypeAtEndOfStreamIsDiscarded", "event: x\n", nothing().endingUncleanly()),
                spec("partialCommentAtEndOfStreamIsDiscarded", ": unfinished", nothing().endingUncleanly()));
    }

    private static Arguments spec(String behaviour, Object input, Outcome expected) {
        return Arguments.of(behaviour, Bytes.of(input), expected);
    }
}
