package io.sse4j.cli;

import io.sse4j.ServerSentEvent;
import io.sse4j.SseLimits;
import io.sse4j.SseParser;
import io.sse4j.testkit.MockResponse;
import io.sse4j.testkit.RecordedRequest;
import java.net.ProtocolException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A captured stream served again, as a {@link io.sse4j.testkit.MockSseServer} dispatcher: each
 * request gets the capture's bytes, exactly, from where its {@code Last-Event-ID} says the client
 * is, and {@code 204 No Content} once it has everything (the spec's "stop reconnecting").
 *
 * <p>The capture is cut into blocks where the parser says a stream can be cut
 * ({@link SseParser#boundary()}); it also tells how many events each block dispatches and the last event ID after it. A request
 * with {@code Last-Event-ID: X} resumes after the block that set the ID to X (the first such
 * block; events after it without an ID of their own come again, which loses nothing). An ID the
 * capture never set starts the replay over, with a note. A capture without IDs therefore starts
 * over on every connection. Thread-safe: immutable once made.
 */
final class Replay implements Function<RecordedRequest, MockResponse> {

    /** With --loop, a response ends after about this many events; the client resumes where it was. */
    static final int LOOP_EVENTS_PER_RESPONSE = 10_000;

    private record Block(byte[] bytes, int events) {
    }

    private final List<Block> blocks;
    /** What follows the last block: an event without its blank line. Sent, except when looping. */
    private final byte[] tail;
    private final int events;
    /** ID → the index of the block after the one that set it. */
    private final Map<String, Integer> resumeAt;
    private final Duration interval;
    private final boolean loop;
    private final Consumer<String> log;

    private Replay(List<Block> blocks, byte[] tail, Map<String, Integer> resumeAt, Duration interval, boolean loop,
            Consumer<String> log) {
        this.blocks = blocks;
        this.tail = tail;
        this.resumeAt = resumeAt;
        this.interval = interval;
        this.loop = loop;
        this.log = log;
        this.events = blocks.stream().mapToInt(Block::events).sum();
    }

    /**
     * Reads a capture.
     *
     * @param interval the pause after each event (--rate), zero for none
     * @param log      told of each request and its answer
     * @throws ProtocolException if the capture crosses a parser limit
     */
    static Replay of(byte[] capture, SseLimits limits, Duration interval, boolean loop, Consumer<String> log)
            throws ProtocolException {
        List<Block> blocks = new ArrayList<>();
        Map<String, Integer> resumeAt = new HashMap<>();
        int[] dispatched = new int[1];
        SseParser parser = SseParser.of(event -> dispatched[0]++, limits);
        int start = 0;
        String id = "";
        // Byte by byte, so that every place the stream can be cut is seen.
        for (int i = 0; i < capture.length; i++) {
            parser.feed(capture, i, 1);
            int boundary = (int) parser.boundary();
            if (boundary == start) {
                continue;
            }
            boolean lfOfCrlf = boundary == start + 1 && capture[i] == '\n' && i > 0 && capture[i - 1] == '\r'
                    && !blocks.isEmpty() && dispatched[0] == 0;
            if (lfOfCrlf) {
                // The same cut, moved past the LF: the LF belongs to the block before.
                Block last = blocks.remove(blocks.size() - 1);
                blocks.add(new Block(Arrays.copyOfRange(capture, boundary - last.bytes.length - 1, boundary), last.events));
            } else {
                blocks.add(new Block(Arrays.copyOfRange(capture, start, boundary), dispatched[0]));
            }
            dispatched[0] = 0;
            String after = parser.lastEventId();
            if (!after.equals(id)) {
                resumeAt.putIfAbsent(after, blocks.size());
                id = after;
            }
            start = boundary;
        }
        return new Replay(List.copyOf(blocks), Arrays.copyOfRange(capture, start, capture.length), resumeAt, interval,
                loop, log);
    }

    /** The events in the capture. */
    int events() {
        return events;
    }

    @Override
    public MockResponse apply(RecordedRequest request) {
        String id = request.lastEventId();
        String asked = request.method() + " " + request.target() + (id.isEmpty() ? "" : " with Last-Event-ID: " + id);
        int from = 0;
        if (!id.isEmpty()) {
            Integer known = resumeAt.get(id);
            if (known == null) {
                log.accept(asked + ": an ID the capture never set, so from the start");
            } else {
                from = known;
            }
        }
        boolean looping = loop && !blocks.isEmpty();
        if (from >= blocks.size()) {
            if (!looping) {
                log.accept(asked + " → 204 No Content: the client has every event");
                return MockResponse.newBuilder().status(204).removeHeader("Content-Type").removeHeader("Cache-Control").build();
            }
            from = 0;
        }
        int skipped = 0;
        for (int i = 0; i < from; i++) {
            skipped += blocks.get(i).events;
        }
        log.accept(asked + " → 200, from event " + (skipped + 1) + " of " + events + (looping ? ", looping" : ""));
        MockResponse.Builder response = MockResponse.newBuilder();
        int sent = 0;
        int i = from;
        while (i < blocks.size()) {
            Block block = blocks.get(i);
            response.raw(block.bytes);
            sent += block.events;
            if (block.events > 0 && !interval.isZero()) {
                response.pause(interval);
            }
            i++;
            if (looping && i == blocks.size()) {
                i = 0;
            }
            if (looping && (sent >= LOOP_EVENTS_PER_RESPONSE || (events == 0 && i == from))) {
                break;
            }
        }
        if (!looping && tail.length > 0) {
            response.raw(tail);
        }
        return response.build();
    }
}
