package io.sse4j;

import io.sse4j.internal.ItemQueue;
import io.sse4j.internal.BlockingViews;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ProtocolException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads events from an {@link InputStream}, blocking: a pull view of an {@link SseParser}.
 *
 * <p>{@link #read()} returns each event as soon as its blank line has been read; it never waits for
 * more input than that. Closing the reader closes the input stream. Not thread-safe, except that
 * {@link #close()} may be called from any thread to release the stream (whether that unblocks a
 * read in progress depends on the input stream).
 *
 * <pre>{@code
 * try (SseReader reader = SseReader.of(socket.getInputStream())) {
 *     for (ServerSentEvent event : reader) {
 *         System.out.println(event.type() + ": " + event.data());
 *     }
 * }
 * }</pre>
 */
public final class SseReader implements Closeable, Iterable<ServerSentEvent> {

    private static final int BUFFER_SIZE = 8 * 1024;

    private final InputStream in;
    private final ItemQueue ready = new ItemQueue();
    private final SseParser parser;
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private boolean ended;
    /** A limit crossed while events read before it were still waiting to be returned. */
    private ProtocolException failure;

    private SseReader(InputStream in, SseLimits limits) {
        this.in = Objects.requireNonNull(in, "in");
        this.parser = SseParser.of(ready, limits);
    }

    /**
     * A reader with {@linkplain SseLimits#defaults() default limits}.
     *
     * @param in the event stream's bytes, which the reader owns from now on
     * @return the reader
     */
    public static SseReader of(InputStream in) {
        return new SseReader(in, SseLimits.defaults());
    }

    /**
     * A reader with the given limits.
     *
     * @param in     the event stream's bytes, which the reader owns from now on
     * @param limits the memory bounds
     * @return the reader
     */
    public static SseReader of(InputStream in, SseLimits limits) {
        return new SseReader(in, limits);
    }

    /**
     * Reads the next event, blocking until one is complete or the stream ends.
     *
     * @return the event, or empty at end of stream
     * @throws java.net.ProtocolException if the stream crosses an {@link SseLimits} limit
     * @throws IOException                if reading fails
     */
    public Optional<ServerSentEvent> read() throws IOException {
        return Optional.ofNullable((ServerSentEvent) next(false));
    }

    /**
     * Reads the next event or comment, blocking like {@link #read()}: for readers that watch
     * heartbeats.
     *
     * @return the event or comment, or empty at end of stream
     * @throws java.net.ProtocolException if the stream crosses an {@link SseLimits} limit
     * @throws IOException                if reading fails
     */
    public Optional<SseItem> readItem() throws IOException {
        return Optional.ofNullable(next(true));
    }

    private SseItem next(boolean comments) throws IOException {
        while (!ready.hasItem(comments) && !ended) {
            int n = in.read(buffer);
            if (n < 0) {
                ended = true;
                parser.finish();
            } else {
                try {
                    parser.feed(buffer, 0, n);
                } catch (ProtocolException e) {
                    ended = true;
                    failure = e;
                }
            }
        }
        SseItem item = ready.poll(comments);
        if (item == null && failure != null) {
            throw failure;
        }
        return item;
    }

    /**
     * The last event ID string as of the events returned so far (those read ahead do not count
     * yet), for resuming with {@code Last-Event-ID} without skipping any; see
     * {@link SseParser#lastEventId()}.
     *
     * @return the last event ID, {@code ""} if none
     */
    public String lastEventId() {
        return ready.lastEventId();
    }

    /**
     * The reconnection time most recently set by the stream, as of the events returned so far.
     *
     * @return the reconnection time, or empty if none was set
     */
    public Optional<Duration> reconnectionTime() {
        return ready.reconnectionTime();
    }

    /**
     * The remaining events. {@code next()} blocks like {@link #read()} and wraps an
     * {@link IOException} in an {@link UncheckedIOException}.
     *
     * @return an iterator over the remaining events
     */
    @Override
    public Iterator<ServerSentEvent> iterator() {
        return BlockingViews.iterator(this::read);
    }

    /**
     * The remaining events as a sequential stream; closing the stream closes this reader.
     *
     * @return the events
     */
    public Stream<ServerSentEvent> stream() {
        return BlockingViews.stream(this::read, () -> {
            try {
                close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Closes the input stream. */
    @Override
    public void close() throws IOException {
        in.close();
    }
}
