package io.sse4j;

import static io.sse4j.Bytes.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random streams against a small reference implementation that follows the spec's wording rather
 * than the parser's structure: decode the whole input with the Encoding Standard's UTF-8 decoder,
 * split the text into lines, interpret each line per §9.2.6.
 *
 * <p>Seeds are random per run; see {@link Seeded} to repeat a failure.
 */
class SseParserPropertyTest {

    private static final int ITERATIONS = 400;

    @Test
    void parserMatchesReferenceUnderEveryFeeding() {
        Seeded.repeat(ITERATIONS, random -> {
            byte[] input = StreamGenerator.generate(random);
            Feeding.assertParses(input, Reference.parse(input), random);
        });
    }

    @Test
    void tightLineLimitFailsExactlyWhenSomeLineIsLonger() {
        Seeded.repeat(ITERATIONS, random -> {
            byte[] input = StreamGenerator.generate(random);
            int maxLineLength = 1 + random.nextInt(40);
            Outcome limited = Feeding.parseEveryWay(input, SseLimits.defaults().withMaxLineLength(maxLineLength));
            if (Reference.longestLine(input) > maxLineLength) {
                assertFailedWithinLimit(input, limited, Reference.parse(input), "maxLineLength of " + maxLineLength);
            } else {
                assertEquals(Reference.parse(input), limited, () -> "input " + Bytes.show(input));
            }
        });
    }

    @Test
    void tightEventSizeLimitOnlyCutsTheStreamShort() {
        Seeded.repeat(ITERATIONS, random -> {
            byte[] input = StreamGenerator.generate(random);
            int maxEventSize = 1 + random.nextInt(60);
            Outcome limited = Feeding.parseEveryWay(input, SseLimits.defaults().withMaxEventSize(maxEventSize));
            Outcome unlimited = Reference.parse(input);
            if (limited.failure().isPresent()) {
                assertFailedWithinLimit(input, limited, unlimited, "maxEventSize of " + maxEventSize);
            } else {
                assertEquals(unlimited, limited, () -> "input " + Bytes.show(input));
            }
        });
    }

    /**
     * The parser's own {@code decode} relies on this: {@code new String(bytes, UTF_8)} agrees with
     * the Encoding Standard everywhere except on encoded surrogates. Where they differ (JDK 17):
     * {@code ED A0 80} (and every {@code ED} followed by {@code A0..BF}) decodes to one U+FFFD in the
     * JDK but three in the standard; a truncated {@code ED A0} to one instead of two. Checked over
     * every 1- and 2-byte input, every 3-byte input of a lead byte then continuation bytes (or
     * others), and 4-byte inputs built from the continuation range's edges; each alone, followed by
     * ASCII, and followed by a stray continuation byte.
     */
    @Test
    void jdkDecoderAgreesWithWhatwgExceptOnEncodedSurrogates() {
        int[] tails = new int[0x40 + 3];
        for (int i = 0; i < 0x40; i++) {
            tails[i] = 0x80 + i;
        }
        tails[0x40] = 'A';
        tails[0x41] = 0xC3;
        tails[0x42] = 0xF0;
        int[] edges = {0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 'A', 0xC3, 0xF0};
        byte[][] suffixes = {{}, {'A'}, {(byte) 0x80}};
        for (int b1 = 0; b1 < 0x100; b1++) {
            assertJdkAgrees(suffixes, b1);
            for (int b2 = 0; b2 < 0x100; b2++) {
                assertJdkAgrees(suffixes, b1, b2);
            }
        }
        for (int b1 = 0xC0; b1 < 0x100; b1++) {
            for (int b2 : tails) {
                for (int b3 : tails) {
                    assertJdkAgrees(suffixes, b1, b2, b3);
                }
            }
        }
        for (int b1 = 0xF0; b1 < 0xF8; b1++) {
            for (int b2 : edges) {
                for (int b3 : edges) {
                    for (int b4 : edges) {
                        assertJdkAgrees(suffixes, b1, b2, b3, b4);
                    }
                }
            }
        }
    }

    @Test
    void referenceDecoderFollowsEncodingStandardExamples() {
        assertEquals("A", WhatwgUtf8.decode(hex("EF BB BF 41")), "one leading BOM is stripped");
        assertEquals("\uFEFF", WhatwgUtf8.decode(hex("EF BB BF EF BB BF")), "a second BOM is kept");
        assertEquals("\uFFFDA", WhatwgUtf8.decode(hex("EF BB 41")), "a partial BOM is an invalid sequence");
        assertEquals("\uD834\uDD1E\uDBFF\uDFFF", WhatwgUtf8.decode(hex("F0 9D 84 9E F4 8F BF BF")));
        assertEquals("\uFFFD\uFFFD\uFFFD", WhatwgUtf8.decode(hex("ED A0 80")), "0xED allows only 80..9F next");
        assertEquals("\uFFFD\uFFFD", WhatwgUtf8.decode(hex("E0 80")), "0xE0 allows only A0..BF next");
        assertEquals("\uFFFD\uFFFD", WhatwgUtf8.decode(hex("F4 90")), "0xF4 allows only 80..8F next");
        assertEquals("\uFFFD", WhatwgUtf8.decode(hex("F0 90 80")), "a truncated sequence is one U+FFFD");
        assertEquals("\uFFFDA", WhatwgUtf8.decode(hex("E2 82 41")), "a non-continuation byte is reprocessed");
        assertEquals("\uFFFD\uFFFD\uFFFD", WhatwgUtf8.decode(hex("C0 C1 F5")), "bytes that never lead");
    }

    private static void assertJdkAgrees(byte[][] suffixes, int... prefix) {
        byte[] head = new byte[prefix.length];
        for (int i = 0; i < prefix.length; i++) {
            head[i] = (byte) prefix[i];
        }
        for (byte[] suffix : suffixes) {
            byte[] input = Bytes.of(hex("41"), head, suffix);
            if (hasEncodedSurrogate(input)) {
                continue;
            }
            String jdk = new String(input, StandardCharsets.UTF_8);
            String whatwg = WhatwgUtf8.decode(input);
            if (!jdk.equals(whatwg)) {
                assertEquals(Bytes.show(whatwg), Bytes.show(jdk), () -> "decoding " + Bytes.show(input));
            }
        }
    }

    private static boolean hasEncodedSurrogate(byte[] input) {
        for (int i = 0; i + 1 < input.length; i++) {
            if (input[i] == (byte) 0xED && (input[i + 1] & 0xE0) == 0xA0) {
                return true;
            }
        }
        return false;
    }

    /** The stream was cut short by a limit: a prefix of the unlimited callbacks, then the failure. */
    private static void assertFailedWithinLimit(byte[] input, Outcome limited, Outcome unlimited, String limit) {
        assertTrue(limited.failure().isPresent(),
                () -> "input " + Bytes.show(input) + ": expected failure naming " + limit + ", got " + limited);
        assertTrue(limited.failure().get().contains(limit),
                () -> "failure message names " + limit + ": " + limited.failure().get());
        List<Object> delivered = limited.callbacks();
        assertTrue(delivered.size() <= unlimited.callbacks().size()
                        && delivered.equals(unlimited.callbacks().subList(0, delivered.size())),
                () -> "callbacks before the failure " + limited + " start those of " + unlimited);
    }

    /**
     * Random event streams, mostly line by line (a field name, maybe a colon and space, a value,
     * a line ending) and sometimes a soup of tokens, from an alphabet biased towards what matters.
     */
    static final class StreamGenerator {

        private static final String[] FIELDS = {"data", "data", "data", "event", "id", "retry", "dat", "Data",
            "ids", "", ":"};
        private static final Object[] TOKENS = {
            "a", "xyz", " ", "  ", ":", ": ", "\0", "0", "7", "42", "007", "9223372036854775807",
            "99999999999999999999", "-1", "é", "€", "𝄞", "\uFFFD", "\uFEFF", "data", "event",
            hex("EF BB BF"), hex("EF"), hex("EF BB"), hex("C3"), hex("80"), hex("BF"), hex("ED A0 80"),
            hex("ED A0"), hex("ED BF BF"), hex("ED 9F BF"), hex("F4 90 80 80"), hex("F4 8F BF BF"),
            hex("C0 AF"), hex("E0 80 AF"), hex("F5"), hex("FF"), hex("E2 82"), hex("F0 9F 98"),
        };
        private static final String[] LINE_ENDS = {"\n", "\n", "\r\n", "\r"};

        static byte[] generate(Random random) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (random.nextInt(4) == 0) {
                out.writeBytes(random.nextBoolean() ? hex("EF BB BF") : hex("EF BB"));
            }
            int lines = random.nextInt(12);
            for (int line = 0; line < lines; line++) {
                int shape = random.nextInt(10);
                if (shape < 3) {
                    out.writeBytes(Bytes.utf8(pick(random, LINE_ENDS)));
                } else if (shape < 9) {
                    out.writeBytes(Bytes.utf8(pick(random, FIELDS)));
                    if (random.nextInt(5) > 0) {
                        out.writeBytes(Bytes.utf8(random.nextInt(3) > 0 ? ": " : ":"));
                    }
                    writeTokens(random, out, random.nextInt(5));
                    if (random.nextInt(10) > 0) {
                        out.writeBytes(Bytes.utf8(pick(random, LINE_ENDS)));
                    }
                } else {
                    writeTokens(random, out, random.nextInt(10));
                }
            }
            return out.toByteArray();
        }

        private static void writeTokens(Random random, ByteArrayOutputStream out, int count) {
            for (int i = 0; i < count; i++) {
                int kind = random.nextInt(20);
                if (kind == 0) {
                    out.write(random.nextInt(0x100));
                } else if (kind == 1) {
                    out.writeBytes(Bytes.utf8(pick(random, LINE_ENDS)));
                } else {
                    out.writeBytes(Bytes.of(TOKENS[random.nextInt(TOKENS.length)]));
                }
            }
        }

        private static String pick(Random random, String[] choices) {
            return choices[random.nextInt(choices.length)];
        }
    }

    /** §9.2.5 and §9.2.6 as written: decode everything, split into lines, interpret line by line. */
    static final class Reference {

        static Outcome parse(byte[] input) {
            String text = WhatwgUtf8.decode(input);
            Reference reference = new Reference();
            int lineStart = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\r' || c == '\n') {
                    reference.line(text.substring(lineStart, i));
                    if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    lineStart = i + 1;
                }
            }
            // The end of the stream: a partial line and an open block are discarded.
            boolean endedCleanly = lineStart == text.length() && !reference.blockOpen;
            return new Outcome(reference.callbacks, Optional.empty(), endedCleanly, reference.lastEventId,
                    reference.reconnectionTime);
        }

        /**
         * The longest line in bytes, after the BOM and without line endings, a final partial one
         * included. A stream of only one or two bytes of a BOM has no line yet: the parser cannot
         * tell them from a BOM until another byte comes, and at the end discards them unread.
         */
        static int longestLine(byte[] input) {
            byte[] bomBytes = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
            if (input.length < 3 && Arrays.equals(input, 0, input.length, bomBytes, 0, input.length)) {
                return 0;
            }
            boolean bom = input.length >= 3 && Arrays.equals(input, 0, 3, bomBytes, 0, 3);
            int longest = 0;
            int length = 0;
            for (int i = bom ? 3 : 0; i < input.length; i++) {
                if (input[i] == '\r' || input[i] == '\n') {
                    length = 0;
                } else {
                    longest = Math.max(longest, ++length);
                }
            }
            return longest;
        }

        private final List<Object> callbacks = new ArrayList<>();
        private final StringBuilder data = new StringBuilder();
        private String eventType = "";
        private String lastEventIdBuffer = "";
        private String lastEventId = "";
        private Optional<Duration> reconnectionTime = Optional.empty();
        private boolean blockOpen;

        private void line(String line) {
            if (line.isEmpty()) {
                dispatch();
            } else if (line.startsWith(":")) {
                String comment = line.substring(1);
                callbacks.add(Outcome.comment(comment.startsWith(" ") ? comment.substring(1) : comment));
            } else {
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1);
                if (value.startsWith(" ")) {
                    value = value.substring(1);
                }
                blockOpen = true;
                field(field, value);
            }
        }

        private void field(String name, String value) {
            switch (name) {
                case "event":
                    eventType = value;
                    break;
                case "data":
                    data.append(value).append('\n');
                    break;
                case "id":
                    if (!value.contains("\0")) {
                        lastEventIdBuffer = value;
                    }
                    break;
                case "retry":
                    // Only ASCII digits; sse4j also ignores values too large for a long of milliseconds.
                    if (value.matches("[0-9]+") && new BigInteger(value).bitLength() < Long.SIZE) {
                        Duration time = Duration.ofMillis(Long.parseLong(value));
                        reconnectionTime = Optional.of(time);
                        callbacks.add(new Outcome.Retry(time));
                    }
                    break;
                default:
                    break;
            }
        }

        private void dispatch() {
            lastEventId = lastEventIdBuffer;
            blockOpen = false;
            if (data.length() == 0) {
                eventType = "";
                return;
            }
            data.setLength(data.length() - 1);
            callbacks.add(ServerSentEvent.of(eventType, data.toString(), lastEventId));
            data.setLength(0);
            eventType = "";
        }
    }
}
