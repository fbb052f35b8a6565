package io.sse4j.internal;

import io.sse4j.ServerSentEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** The {@link Iterator} and {@link Stream} views of a blocking {@code read()}, shared by the readers. */
public final class BlockingViews {

    /** A blocking read: the next event, or empty at the end. */
    @FunctionalInterface
    public interface Read {
        Optional<ServerSentEvent> read() throws IOException;
    }

    private BlockingViews() {
    }

    /** Reads on {@code hasNext()}; an {@link IOException} is thrown wrapped in {@link UncheckedIOException}. */
    public static Iterator<ServerSentEvent> iterator(Read source) {
        return new Iterator<>() {
            private ServerSentEvent next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    try {
                        next = source.read().orElse(null);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return next != null;
            }

            @Override
            public ServerSentEvent next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("end of event stream");
                }
                ServerSentEvent event = next;
                next = null;
                return event;
            }
        };
    }

    /** A sequential, ordered stream of the events; closing it runs {@code onClose}. */
    public static Stream<ServerSentEvent> stream(Read source, Runnable onClose) {
        Spliterator<ServerSentEvent> spliterator = Spliterators.spliteratorUnknownSize(iterator(source),
                Spliterator.ORDERED | Spliterator.NONNULL);
        return StreamSupport.stream(spliterator, false).onClose(onClose);
    }
}
