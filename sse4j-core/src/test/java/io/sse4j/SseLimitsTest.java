package io.sse4j;

import static io.sse4j.Outcome.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SseLimitsTest {

    private static final int CHUNK = 64 * 1024;
    /** How much a runaway stream offers before the test gives up on the parser stopping it: 4 GiB. */
    private static final long RUNAWAY_STREAM_BYTES = 4L * 1024 * 1024 * 1024;

    @Test
    void lineLongerThanMaxLineLengthFailsAfterEarlierEvents() {
        Outcome outcome = Feeding.parseEveryWay(
                Bytes.of("data: first\n\ndata: 12345678901\n\ndata: never\n\n"), lineLimit(16));
        assertFailedAfter(outcome, "maxLineLength", 16, event("first"));
    }

    @Test
    void unterminatedLineFailsOnceLongerThanMaxLineLength() {
        Outcome outcome = Feeding.parseEveryWay(Bytes.of("data: first\n\n: 345678901234567"), lineLimit(16));
        assertFailedAfter(outcome, "maxLineLength", 16, event("first"));
    }

    @Test
    void lineOfExactlyMaxLineLengthIsAccepted() {
        Feeding.assertParses(Bytes.of("data: 1234567890\r\n: 34567890123456\r\n\r\n"), lineLimit(16),
                Outcome.of(Outcome.comment("34567890123456"), event("1234567890")));
    }

    @Test
    void dataLargerThanMaxEventSizeFailsAfterEarlierEvents() {
        // The data buffer holds each value plus a line feed: 6 + 5 bytes here.
        Outcome outcome = Feeding.parseEveryWay(
                Bytes.of("data: ok\n\ndata: 12345\ndata: 1234\n\ndata: never\n\n"), eventLimit(10));
        assertFailedAfter(outcome, "maxEventSize", 10, event("ok"));
    }

    @Test
    void dataOfExactlyMaxEventSizeIsAcceptedForEachEvent() {
        Feeding.assertParses(Bytes.of("data: 12345\ndata: 123\n\ndata: €€€\n\n"), eventLimit(10),
                Outcome.of(event("12345\n123"), event("€€€")));
    }

    @Test
    void eventSizeCountsUtf8Bytes() {
        Outcome outcome = Feeding.parseEveryWay(Bytes.of("data: €€€a\n\n"), eventLimit(10));
        assertFailedAfter(outcome, "maxEventSize", 10);
    }

    @Test
    void eventsLargerThanTheRetainedBuffersAreWholeAndLaterOnesToo() {
        String big = "x".repeat(9_000); // more than the 8 KiB the parser keeps between events
        Feeding.assertParses(Bytes.of("data: ", big, "\n: ", big, "\n\ndata: small\n\nevent: ", big, "\ndata: 1\n\n"),
                Outcome.of(Outcome.comment(big), event(big), event("small"), event(big, "1")));
    }

    /** Where a runaway stream's one reused chunk comes from. */
    enum Source {
        ARRAY {
            @Override
            ChunkFeed of(byte[] chunk) {
                return parser -> parser.feed(chunk);
            }
        },
        DIRECT_BUFFER {
            @Override
            ChunkFeed of(byte[] chunk) {
                ByteBuffer direct = ByteBuffer.allocateDirect(chunk.length).put(chunk);
                return parser -> parser.feed(direct.clear());
            }
        };

        abstract ChunkFeed of(byte[] chunk);
    }

    /** Feeds the same chunk once more. */
    @FunctionalInterface
    interface ChunkFeed {
        void feedTo(SseParser parser) throws ProtocolException;
    }

    @ParameterizedTest
    @EnumSource(Source.class)
    void multiGibibyteStreamWithoutLineEndFailsOnceOverMaxLineLength(Source source) {
        byte[] chunk = new byte[CHUNK];
        Arrays.fill(chunk, (byte) 'a');
        long fed = feedUntilFailure(source, SseLimits.defaults(), chunk, "maxLineLength",
                SseLimits.DEFAULT_MAX_LINE_LENGTH);
        assertTrue(fed > SseLimits.DEFAULT_MAX_LINE_LENGTH && fed <= SseLimits.DEFAULT_MAX_LINE_LENGTH + CHUNK,
                () -> "failed within one chunk of the limit, after " + fed + " bytes");
    }

    @ParameterizedTest
    @EnumSource(Source.class)
    void multiGibibyteStreamWithoutBlankLineFailsOnceOverMaxEventSize(Source source) {
        int maxEventSize = 4 * 1024 * 1024;
        byte[] chunk = ("data: " + "d".repeat(CHUNK / 16 - 7) + "\n").repeat(16).getBytes(StandardCharsets.UTF_8);
        long fed = feedUntilFailure(source, SseLimits.defaults().withMaxEventSize(maxEventSize), chunk,
                "maxEventSize", maxEventSize);
        assertTrue(fed > maxEventSize && fed <= maxEventSize + 2L * CHUNK,
                () -> "failed within a chunk or two of the limit, after " + fed + " bytes");
    }

    /** Feeds {@code chunk} again and again, up to 4 GiB, and returns how much was fed when it failed. */
    private static long feedUntilFailure(Source source, SseLimits limits, byte[] chunk, String limit, int value) {
        ChunkFeed feed = source.of(chunk);
        SseParser parser = SseParser.of(event -> {
            throw new AssertionError("no event expected: " + event);
        }, limits);
        long fed = 0;
        try {
            while (fed < RUNAWAY_STREAM_BYTES) {
                fed += chunk.length;
                feed.feedTo(parser);
            }
        } catch (ProtocolException e) {
            assertNamesLimit(e.getMessage(), limit, value);
            return fed;
        }
        throw new AssertionError("4 GiB fed without a ProtocolException");
    }

    @Test
    void afterAFailureEveryCallThrowsIllegalStateException() {
        List<ServerSentEvent> events = new ArrayList<>();
        SseParser parser = SseParser.of(events::add, lineLimit(4));
        assertThrows(ProtocolException.class, () -> parser.feed(Bytes.utf8("data: too long\n\n")));
        assertUnusable(parser);
        assertEquals(List.of(), events);
    }

    /** Which handler callback throws in {@link #handlerThatThrowsMakesParserUnusable}. */
    enum ThrowingCallback {
        ON_EVENT, ON_COMMENT, ON_RETRY
    }

    @ParameterizedTest
    @EnumSource(ThrowingCallback.class)
    void handlerThatThrowsMakesParserUnusable(ThrowingCallback which) {
        RuntimeException boom = new RuntimeException("handler failed");
        List<Object> seen = new ArrayList<>();
        SseParser parser = SseParser.of(new SseParser.Handler() {
            @Override
            public void onEvent(ServerSentEvent event) {
                record(ThrowingCallback.ON_EVENT, event);
            }

            @Override
            public void onComment(String comment) {
                record(ThrowingCallback.ON_COMMENT, comment);
            }

            @Override
            public void onRetry(Duration reconnectionTime) {
                record(ThrowingCallback.ON_RETRY, reconnectionTime);
            }

            private void record(ThrowingCallback callback, Object value) {
                seen.add(value);
                if (callback == which) {
                    throw boom;
                }
            }
        });
        byte[] stream = Bytes.utf8("data: a\n\n: c\nretry: 5\n\ndata: b\n\n: c\nretry: 6\n\n");
        assertSame(boom, assertThrows(RuntimeException.class, () -> parser.feed(stream)));
        int seenWhenThrown = seen.size();
        assertUnusable(parser);
        assertEquals(seenWhenThrown, seen.size(), "no callback after the one that threw");
        assertEquals(which.ordinal() + 1, seenWhenThrown, "the throwing callback was the last");
    }

    @Test
    void afterFinishFeedingThrowsAndFinishingAgainDoesNothing() throws ProtocolException {
        SseParser parser = SseParser.of(event -> { });
        parser.feed(Bytes.utf8("data: a\n\n"));
        assertTrue(parser.finish());
        assertTrue(parser.finish());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> parser.feed(new byte[] {'\n'}));
        assertTrue(e.getMessage().contains("finished"), e.getMessage());
    }

    @Test
    void finishingAgainRepeatsThatTheStreamEndedInsideABlock() throws ProtocolException {
        SseParser parser = SseParser.of(event -> { });
        parser.feed(Bytes.utf8("data: a\n\nid: 7\n"));
        assertFalse(parser.finish());
        assertFalse(parser.finish());
    }

    @Test
    void defaultsAreTheDocumentedValues() {
        assertEquals(16 * 1024 * 1024, SseLimits.defaults().maxLineLength());
        assertEquals(16 * 1024 * 1024, SseLimits.defaults().maxEventSize());
    }

    @Test
    void limitsBelowOneAreRejectedByName() {
        IllegalArgumentException line = assertThrows(IllegalArgumentException.class,
                () -> SseLimits.defaults().withMaxLineLength(0));
        assertEquals("maxLineLength must be at least 1, got 0", line.getMessage());
        IllegalArgumentException event = assertThrows(IllegalArgumentException.class,
                () -> SseLimits.defaults().withMaxEventSize(-5));
        assertEquals("maxEventSize must be at least 1, got -5", event.getMessage());
    }

    @Test
    void limitsAreValuesThatChangeOnlyByCopy() {
        SseLimits base = SseLimits.defaults();
        SseLimits changed = base.withMaxLineLength(100).withMaxEventSize(200);
        assertEquals(SseLimits.DEFAULT_MAX_LINE_LENGTH, base.maxLineLength());
        assertEquals(100, changed.maxLineLength());
        assertEquals(200, changed.maxEventSize());
        assertEquals(changed, SseLimits.defaults().withMaxEventSize(200).withMaxLineLength(100));
        assertEquals(changed.hashCode(), SseLimits.defaults().withMaxEventSize(200).withMaxLineLength(100).hashCode());
        assertNotEquals(base, changed);
        assertEquals("SseLimits[maxLineLength=100, maxEventSize=200]", changed.toString());
    }

    private static SseLimits lineLimit(int bytes) {
        return SseLimits.defaults().withMaxLineLength(bytes);
    }

    private static SseLimits eventLimit(int bytes) {
        return SseLimits.defaults().withMaxEventSize(bytes);
    }

    private static void assertFailedAfter(Outcome outcome, String limit, int value, Object... delivered) {
        assertTrue(outcome.failure().isPresent(), () -> "expected a ProtocolException: " + outcome);
        assertNamesLimit(outcome.failure().get(), limit, value);
        assertEquals(List.of(delivered), outcome.callbacks(), "callbacks before the failure");
        assertFalse(outcome.endedCleanly());
    }

    private static void assertNamesLimit(String message, String limit, int value) {
        assertTrue(message.contains(limit + " of " + value), () -> "names " + limit + " and " + value + ": " + message);
    }

    private static void assertUnusable(SseParser parser) {
        List<Consumer<SseParser>> calls = List.of(
                p -> assertUnusable(() -> p.feed(Bytes.utf8("data: x\n\n"))),
                p -> assertUnusable(() -> p.feed(Bytes.utf8("data: x\n\n"), 0, 3)),
                p -> assertUnusable(() -> p.feed(ByteBuffer.wrap(Bytes.utf8("data: x\n\n")))),
                p -> assertUnusable(p::finish));
        calls.forEach(call -> call.accept(parser));
    }

    private static void assertUnusable(Executable call) {
        IllegalStateException e = assertThrows(IllegalStateException.class, call);
        assertTrue(e.getMessage().contains("unusable"), e.getMessage());
    }
}
