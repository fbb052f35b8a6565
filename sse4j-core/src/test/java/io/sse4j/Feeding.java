package io.sse4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;

/**
 * Runs an input through {@link SseParser} in many ways — whole, one byte at a time, split at every
 * offset, split at every pair of offsets (short inputs), from arrays at an offset, from heap, direct
 * and read-only {@link ByteBuffer}s — and checks that every way reports the same {@link Outcome}.
 * Every parser test goes through here, so a chunk boundary anywhere is always covered.
 */
final class Feeding {

    /** Inputs up to this long are also split at every pair of offsets. */
    private static final int PAIR_SPLIT_LIMIT = 40;
    /** Inputs up to this long are split at every offset; longer ones at about this many. */
    private static final int SINGLE_SPLIT_LIMIT = 4096;
    /** How many random multi-chunk splits {@link #assertParses(byte[], Outcome, Random)} tries. */
    private static final int RANDOM_SPLITS = 8;
    /** Bytes around the input in padded arrays and buffers: line ends and a BOM start, never parsed. */
    private static final byte[] GARBAGE = {'\n', '\r', (byte) 0xEF, 'x', '\n'};

    private Feeding() {
    }

    /** Feeds a whole input to a parser in some way. */
    @FunctionalInterface
    interface Feed {
        void into(SseParser parser, byte[] input) throws ProtocolException;
    }

    /** A named way of feeding. */
    record Strategy(String name, Feed feed) {
        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * Asserts that every way of feeding {@code input} with default limits gives {@code expected}.
     */
    static void assertParses(byte[] input, Outcome expected) {
        assertParses(input, SseLimits.defaults(), expected);
    }

    static void assertParses(byte[] input, SseLimits limits, Outcome expected) {
        assertSameUnderEveryFeeding(input, limits, outcome(input, limits, WHOLE.feed()), expected);
    }

    /**
     * As {@link #assertParses(byte[], Outcome)}, and also split into many chunks of random sizes
     * at random places, a few times.
     */
    static void assertParses(byte[] input, Outcome expected, Random random) {
        assertParses(input, expected);
        for (int i = 0; i < RANDOM_SPLITS; i++) {
            Strategy split = randomSplit(random, input.length, 1 + random.nextInt(16));
            assertEquals(expected, outcome(input, SseLimits.defaults(), split.feed()),
                    () -> "input " + Bytes.show(input) + " fed " + split);
        }
    }

    /** Feeds {@code input} every way and returns the outcome, which all ways agree on. */
    static Outcome parseEveryWay(byte[] input, SseLimits limits) {
        Outcome whole = outcome(input, limits, WHOLE.feed());
        assertSameUnderEveryFeeding(input, limits, whole, whole);
        return whole;
    }

    private static void assertSameUnderEveryFeeding(byte[] input, SseLimits limits, Outcome whole,
                                                    Outcome expected) {
        assertEquals(expected, whole, () -> "input " + Bytes.show(input) + " fed " + WHOLE);
        for (Strategy strategy : strategies(input.length)) {
            assertEquals(expected, outcome(input, limits, strategy.feed()),
                    () -> "input " + Bytes.show(input) + " fed " + strategy);
        }
    }

    /** Feeds {@code input} one way, then calls {@code finish()} unless feeding failed. */
    static Outcome outcome(byte[] input, SseLimits limits, Feed feed) {
        Outcome.Recorder recorder = new Outcome.Recorder();
        SseParser parser = SseParser.of(recorder, limits);
        Optional<String> failure = Optional.empty();
        boolean endedCleanly = false;
        try {
            feed.into(parser, input);
            endedCleanly = parser.finish();
        } catch (ProtocolException e) {
            failure = Optional.of(e.getMessage());
        }
        Optional<Duration> lastRetry = Optional.empty();
        for (Object callback : recorder.callbacks) {
            if (callback instanceof Outcome.Retry) {
                lastRetry = Optional.of(((Outcome.Retry) callback).time());
            }
        }
        assertEquals(lastRetry, parser.reconnectionTime(), "reconnectionTime() is the last onRetry value");
        return new Outcome(recorder.callbacks, failure, endedCleanly, parser.lastEventId(), parser.reconnectionTime());
    }

    static final Strategy WHOLE = new Strategy("whole", SseParser::feed);

    /** Every way of feeding an input of this length, except {@link #WHOLE}. */
    static List<Strategy> strategies(int length) {
        List<Strategy> strategies = new ArrayList<>();
        strategies.add(new Strategy("whole, from inside a larger array", (parser, input) -> {
            byte[] padded = padded(input);
            parser.feed(padded, GARBAGE.length, input.length);
        }));
        strategies.add(new Strategy("one byte at a time", (parser, input) -> {
            for (int i = 0; i < input.length; i++) {
                parser.feed(input, i, 1);
            }
        }));
        int step = Math.max(1, length / SINGLE_SPLIT_LIMIT);
        for (int cut = 0; cut <= length; cut += step) {
            strategies.add(split(cut));
        }
        if (length <= PAIR_SPLIT_LIMIT) {
            for (int first = 1; first < length; first++) {
                for (int second = first + 1; second < length; second++) {
                    strategies.add(split(first, second));
                }
            }
        }
        for (BufferKind kind : BufferKind.values()) {
            strategies.add(new Strategy("whole, " + kind, (parser, input) -> feedBuffer(parser, kind.wrap(input))));
            strategies.add(new Strategy("one byte at a time, " + kind, (parser, input) -> {
                ByteBuffer buffer = kind.wrap(input);
                int end = buffer.limit();
                for (int i = buffer.position(); i < end; i++) {
                    feedBuffer(parser, buffer.duplicate().position(i).limit(i + 1));
                }
            }));
        }
        return strategies;
    }

    /** Feeds the chunks between the given offsets, each copied into a padded array. */
    static Strategy split(int... cuts) {
        return new Strategy("split at " + Arrays.toString(cuts), (parser, input) -> {
            int from = 0;
            for (int cut : cuts) {
                feedPadded(parser, input, from, cut);
                from = cut;
            }
            feedPadded(parser, input, from, input.length);
        });
    }

    /** Splits into chunks of random sizes, up to {@code maxChunk} bytes, some of them empty. */
    private static Strategy randomSplit(Random random, int length, int maxChunk) {
        List<Integer> cuts = new ArrayList<>();
        for (int at = random.nextInt(maxChunk + 1); at < length; at += random.nextInt(maxChunk + 1)) {
            cuts.add(at);
        }
        return split(cuts.stream().mapToInt(Integer::intValue).toArray());
    }

    private static void feedPadded(SseParser parser, byte[] input, int from, int to) throws ProtocolException {
        byte[] chunk = padded(Arrays.copyOfRange(input, from, to));
        parser.feed(chunk, GARBAGE.length, to - from);
    }

    private static byte[] padded(byte[] input) {
        return Bytes.of(GARBAGE, input, GARBAGE);
    }

    private static void feedBuffer(SseParser parser, ByteBuffer buffer) throws ProtocolException {
        parser.feed(buffer);
        assertFalse(buffer.hasRemaining(), "feed(ByteBuffer) consumes the whole buffer");
    }

    /** The kinds of buffer the parser must accept, each holding the input between garbage bytes. */
    enum BufferKind {
        /** A heap buffer with a non-zero array offset and position. */
        HEAP(input -> {
            byte[] backing = padded(input);
            ByteBuffer sliced = ByteBuffer.wrap(backing, 1, backing.length - 1).slice();
            return sliced.position(GARBAGE.length - 1).limit(GARBAGE.length - 1 + input.length);
        }),
        DIRECT(input -> {
            ByteBuffer direct = ByteBuffer.allocateDirect(input.length + 2 * GARBAGE.length);
            direct.put(padded(input));
            return direct.position(GARBAGE.length).limit(GARBAGE.length + input.length);
        }),
        READ_ONLY(input -> HEAP.wrap(input).asReadOnlyBuffer());

        private final Function<byte[], ByteBuffer> wrapper;

        BufferKind(Function<byte[], ByteBuffer> wrapper) {
            this.wrapper = wrapper;
        }

        ByteBuffer wrap(byte[] input) {
            return wrapper.apply(input);
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-') + " ByteBuffer";
        }
    }
}
