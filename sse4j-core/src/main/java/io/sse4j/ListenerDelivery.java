package io.sse4j;

/**
 * An {@link EventBuffer} delivered to an {@link SseListener}: {@code onOpen} first, then events
 * and comments, then one terminal call; a callback that throws ends the stream in {@code onError}
 * with what it threw.
 */
final class ListenerDelivery extends Delivery {

    private final EventStream stream;
    private volatile SseListener listener;

    ListenerDelivery(EventStream stream, EventBuffer buffer, SseListener listener) {
        super(buffer, true);
        this.stream = stream;
        this.listener = listener;
    }

    @Override
    void first() {
        if (stream.isEventStream() && !buffer.isClosed()) {
            try {
                listener.onOpen(stream);
            } catch (RuntimeException | Error e) {
                stop(e);
            }
        }
    }

    @Override
    boolean wantsItem() {
        return true;
    }

    @Override
    void deliverItem(SseItem item) {
        SseListener l = listener;
        try {
            if (item instanceof ServerSentEvent) {
                l.onEvent((ServerSentEvent) item);
            } else {
                l.onComment(((SseComment) item).text());
            }
        } catch (RuntimeException | Error e) {
            stop(e);
        }
    }

    @Override
    void deliverTerminal(Throwable error) {
        if (error == null) {
            listener.onClosed();
        } else {
            listener.onError(error);
        }
    }

    @Override
    void forget() {
        listener = null;
    }
}
