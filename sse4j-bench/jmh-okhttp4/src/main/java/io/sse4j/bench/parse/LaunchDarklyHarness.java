package io.sse4j.bench.parse;

import com.launchdarkly.eventsource.ConnectStrategy;
import com.launchdarkly.eventsource.ErrorStrategy;
import com.launchdarkly.eventsource.EventSource;
import com.launchdarkly.eventsource.MessageEvent;
import com.launchdarkly.eventsource.StreamClosedByServerException;
import com.launchdarkly.eventsource.StreamException;
import com.launchdarkly.logging.LDLogger;
import io.sse4j.bench.ChunkedInputStream;
import io.sse4j.bench.EventSink;
import io.sse4j.bench.ParserHarness;
import java.net.URI;

/**
 * LaunchDarkly okhttp-eventsource 4: its public, synchronous {@link EventSource} with a
 * {@link ConnectStrategy} that "connects" to an {@code InputStream} over the array, returning one
 * chunk per read, and {@code readBufferSize(8192)}. Events are pulled with {@code readMessage()}
 * until the stream ends, which the library reports as {@link StreamClosedByServerException}.
 *
 * <p>Its parser class, {@code EventParser}, is package-private, so the public API is the narrowest
 * way in. What it adds over the parser per event is small bookkeeping (ready state, last event ID);
 * no threads and no OkHttp code run here.
 */
final class LaunchDarklyHarness implements ParserHarness {

    private static final URI ORIGIN = URI.create("http://127.0.0.1/bench");
    private static final int READ_BUFFER_SIZE = 8192;

    @Override
    public int parse(byte[] stream, int chunkSize, EventSink sink) throws StreamException {
        int events = 0;
        try (EventSource source = new EventSource.Builder(new InMemory(stream, chunkSize))
                .readBufferSize(READ_BUFFER_SIZE)
                .errorStrategy(ErrorStrategy.alwaysThrow())
                .build()) {
            source.start();
            while (true) {
                MessageEvent event;
                try {
                    event = source.readMessage();
                } catch (StreamClosedByServerException endOfStream) {
                    return events;
                }
                events++;
                sink.event(event.getEventName(), event.getData(), event.getLastEventId());
            }
        }
    }

    /** Connects once, to the array. */
    private static final class InMemory extends ConnectStrategy {
        private final byte[] stream;
        private final int chunkSize;

        InMemory(byte[] stream, int chunkSize) {
            this.stream = stream;
            this.chunkSize = chunkSize;
        }

        @Override
        public Client createClient(LDLogger logger) {
            return new Client() {
                @Override
                public Result connect(String lastEventId) {
                    ChunkedInputStream body = new ChunkedInputStream(stream, chunkSize);
                    return new Result(body, ORIGIN, body);
                }

                @Override
                public boolean awaitClosed(long timeoutMillis) {
                    return true;
                }

                @Override
                public URI getOrigin() {
                    return ORIGIN;
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
