package io.sse4j;

/**
 * An {@link EventBuffer} delivered to a listener: for an {@link EventStream}, {@code onOpen}
 * first; for an {@link EventSource}, {@code onOpen} and {@code onRetrying} as its connections
 * come and go; then events and comments, then one terminal call. A callback that throws ends the
 * stream in {@code onError} with what it threw.
 */
final class ListenerDelivery extends Delivery {

    /** Set for an {@link EventStream}: its one opening is the first call. */
    private final EventStream stream;
    private volatile EventSourceListener listener;

    private ListenerDelivery(EventStream stream, EventBuffer buffer, EventSourceListener listener, int kinds) {
        super(buffer, kinds);
        this.stream = stream;
        this.listener = listener;
    }

    /** Delivers one stream to {@code listener}. */
    static void start(EventStream stream, EventBuffer buffer, SseListener listener) {
        EventSourceListener adapted = new EventSourceListener() {
            @Override
            public void onOpen(java.net.http.HttpResponse.ResponseInfo response) {
                listener.onOpen(stream);
            }

            @Override
            public void onEvent(ServerSentEvent event) {
                listener.onEvent(event);
            }

            @Override
            public void onComment(String comment) {
                listener.onComment(comment);
            }

            @Override
            public void onClosed() {
                listener.onClosed();
            }

            @Override
            public void onError(Throwable error) {
                listener.onError(error);
            }
        };
        new ListenerDelivery(stream, buffer, adapted, Item.COMMENTS).start();
    }

    /** Delivers a source's connections to {@code listener}. */
    static void start(EventBuffer buffer, EventSourceListener listener) {
        new ListenerDelivery(null, buffer, listener, Item.COMMENTS | Item.LIFECYCLE).start();
    }

    @Override
    void first() {
        if (stream != null && stream.isEventStream() && !buffer.isClosed()) {
            try {
                listener.onOpen(stream.response());
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
    void deliverItem(Item item) {
        EventSourceListener l = listener;
        try {
            if (item instanceof ServerSentEvent) {
                l.onEvent((ServerSentEvent) item);
            } else if (item instanceof SseComment) {
                l.onComment(((SseComment) item).text());
            } else if (item instanceof Item.Opened) {
                l.onOpen(((Item.Opened) item).response());
            } else if (item instanceof Item.Retrying) {
                Item.Retrying retrying = (Item.Retrying) item;
                l.onRetrying(retrying.cause(), retrying.delay(), retrying.attempt());
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
