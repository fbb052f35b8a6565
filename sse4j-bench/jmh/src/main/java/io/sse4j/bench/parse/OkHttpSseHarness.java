package io.sse4j.bench.parse;

import io.sse4j.bench.EventSink;
import io.sse4j.bench.ParserHarness;
import java.io.IOException;
import okhttp3.sse.internal.ServerSentEventReader;
import okio.Buffer;
import okio.Okio;
import okio.Source;
import okio.Timeout;

/**
 * okhttp-sse 5: the parser {@code RealEventSource} uses, {@link ServerSentEventReader}, over an okio
 * {@code BufferedSource} whose underlying {@link Source} yields one chunk per read, as a socket would.
 * The class is in an {@code internal} package: it is okhttp-sse's parser without the HTTP call.
 */
final class OkHttpSseHarness implements ParserHarness {

    @Override
    public int parse(byte[] stream, int chunkSize, EventSink sink) throws IOException {
        Counter counter = new Counter(sink);
        ServerSentEventReader reader = new ServerSentEventReader(Okio.buffer(new ChunkedSource(stream, chunkSize)), counter);
        while (reader.processNextEvent()) {
            // Each call reads one block: an event, or nothing for a comment or an empty block.
        }
        return counter.events;
    }

    private static final class Counter implements ServerSentEventReader.Callback {
        private final EventSink sink;
        int events;

        Counter(EventSink sink) {
            this.sink = sink;
        }

        @Override
        public void onEvent(String id, String type, String data) {
            events++;
            sink.event(type, data, id);
        }

        @Override
        public void onRetryChange(long timeMs) {
        }
    }

    /** An okio source over an array that returns at most one chunk per read. */
    private static final class ChunkedSource implements Source {
        private final byte[] bytes;
        private final int chunkSize;
        private int position;

        ChunkedSource(byte[] bytes, int chunkSize) {
            this.bytes = bytes;
            this.chunkSize = chunkSize;
        }

        @Override
        public long read(Buffer sink, long byteCount) {
            if (position == bytes.length) {
                return -1;
            }
            int n = (int) Math.min(Math.min(byteCount, chunkSize), bytes.length - position);
            sink.write(bytes, position, n);
            position += n;
            return n;
        }

        @Override
        public Timeout timeout() {
            return Timeout.NONE;
        }

        @Override
        public void close() {
        }
    }
}
