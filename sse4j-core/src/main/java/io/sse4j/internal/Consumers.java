package io.sse4j.internal;

import io.sse4j.EventSourceListener;
import io.sse4j.ServerSentEvent;
import io.sse4j.SseItem;
import java.io.IOException;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Flow;
import java.util.stream.Stream;

/**
 * The one consumer surface of an {@link EventBuffer}, written once for every public reader of
 * one: blocking reads and their iterator and stream views, one {@code Flow.Subscriber} of events
 * or of items, or one listener. The first kind of consumer claims the buffer.
 */
public final class Consumers {

    /** What a reader checks before a consumer starts: a response that is not an event stream fails it. */
    public interface Gate {
        /** Before each blocking read: throws why nothing can be read, if so. */
        void beforeBlocking() throws IOException;

        /** Before an asynchronous consumer starts: arranges for it to hear why nothing can be read, if so. */
        void beforeAsync();
    }

    private static final Gate OPEN = new Gate() {
        @Override
        public void beforeBlocking() {
        }

        @Override
        public void beforeAsync() {
        }
    };

    private final EventBuffer buffer;
    private final ConsumerClaim claim;
    private final Gate gate;
    private final System.Logger log;

    /**
     * @param reader the public reader, which messages name ("an EventStream") and whose logger
     *               reports a consumer that throws: the class that failed
     */
    public Consumers(EventBuffer buffer, Class<?> reader) {
        this(buffer, reader, OPEN);
    }

    public Consumers(EventBuffer buffer, Class<?> reader, Gate gate) {
        this.buffer = buffer;
        String name = reader.getSimpleName();
        this.claim = new ConsumerClaim(("AEIOU".indexOf(name.charAt(0)) >= 0 ? "an " : "a ") + name);
        this.gate = gate;
        this.log = System.getLogger(reader.getName());
    }

    public Optional<ServerSentEvent> read() throws IOException {
        return Optional.ofNullable((ServerSentEvent) take(false));
    }

    public Optional<SseItem> readItem() throws IOException {
        return Optional.ofNullable(take(true));
    }

    private SseItem take(boolean comments) throws IOException {
        claim.claim(ConsumerClaim.Kind.BLOCKING);
        gate.beforeBlocking();
        return buffer.take(comments);
    }

    /** Claims the blocking kind for a caller that reads something else than events (a plain body). */
    public void claimBlocking() {
        claim.claim(ConsumerClaim.Kind.BLOCKING);
    }

    public Iterator<ServerSentEvent> iterator() {
        return BlockingViews.iterator(this::read);
    }

    public Stream<ServerSentEvent> stream(Runnable onClose) {
        return BlockingViews.stream(this::read, onClose);
    }

    public void subscribe(Flow.Subscriber<? super ServerSentEvent> subscriber) {
        subscribe(ServerSentEvent.class, Objects.requireNonNull(subscriber, "subscriber"));
    }

    public Flow.Publisher<SseItem> itemPublisher() {
        return subscriber -> subscribe(SseItem.class, Objects.requireNonNull(subscriber, "subscriber"));
    }

    private <T> void subscribe(Class<T> type, Flow.Subscriber<? super T> subscriber) {
        try {
            claim.claim(ConsumerClaim.Kind.FLOW);
        } catch (IllegalStateException e) {
            FlowDelivery.reject(subscriber, e);
            return;
        }
        gate.beforeAsync();
        FlowDelivery.subscribe(buffer, type, subscriber, log);
    }

    public void listen(EventSourceListener listener) {
        Objects.requireNonNull(listener, "listener");
        claim.claim(ConsumerClaim.Kind.LISTENER);
        gate.beforeAsync();
        ListenerDelivery.start(buffer, listener, log);
    }

    @Override
    public String toString() {
        return claim.toString();
    }
}
