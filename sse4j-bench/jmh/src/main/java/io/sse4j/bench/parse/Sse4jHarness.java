package io.sse4j.bench.parse;

import io.sse4j.ServerSentEvent;
import io.sse4j.SseParser;
import io.sse4j.SseParser;
import io.sse4j.bench.EventSink;
import io.sse4j.bench.ParserHarness;
import java.net.ProtocolException;

/** sse4j: a new {@link SseParser} per stream, fed array slices with {@code feed(byte[], int, int)}. */
final class Sse4jHarness implements ParserHarness {

    @Override
    public int parse(byte[] stream, int chunkSize, EventSink sink) throws ProtocolException {
        Counter counter = new Counter(sink);
        SseParser parser = SseParser.of(counter);
        for (int offset = 0; offset < stream.length; offset += chunkSize) {
            parser.feed(stream, offset, Math.min(chunkSize, stream.length - offset));
        }
        parser.finish();
        return counter.events;
    }

    private static final class Counter implements SseParser.Handler {
        private final EventSink sink;
        int events;

        Counter(EventSink sink) {
            this.sink = sink;
        }

        @Override
        public void onEvent(ServerSentEvent event) {
            events++;
            sink.event(event.type(), event.data(), event.lastEventId());
        }
    }
}
