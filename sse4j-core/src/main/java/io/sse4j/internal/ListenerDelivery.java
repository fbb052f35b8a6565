package io.sse4j.internal;

import io.sse4j.EventSourceListener;
import io.sse4j.ServerSentEvent;
import io.sse4j.SseComment;
import io.sse4j.SseItem;

/**
 * An {@link EventBuffer} delivered to a listener: each connection's opening, its events, comments
 * and reconnection times, and each retry as connections come and go; then one terminal call. A
 * callback that throws ends delivery in {@code onError} with what it threw. A single stream's
 * listener is adapted to this one by its stream, which queues its one opening first.
 */
public final class ListenerDelivery extends Delivery {

    private volatile EventSourceListener listener;

    private ListenerDelivery(EventBuffer buffer, EventSourceListener listener, System.Logger log) {
        super(buffer, Item.COMMENTS | Item.LIFECYCLE, log);
        this.listener = listener;
    }

    /** Starts delivering {@code buffer} to {@code listener}. */
    public static void start(EventBuffer buffer, EventSourceListener listener, System.Logger log) {
        new ListenerDelivery(buffer, listener, log).start();
    }

    @Override
    boolean wantsItem() {
        return true;
    }

    @Override
    void deliverItem(SseItem item) {
        EventSourceListener l = listener;
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
    void deliverChange(Item change) {
        EventSourceListener l = listener;
        try {
            if (change instanceof Item.Opened) {
                l.onOpen(((Item.Opened) change).response());
            } else if (change instanceof Item.Retrying) {
                Item.Retrying retrying = (Item.Retrying) change;
                l.onRetrying(retrying.cause(), retrying.delay(), retrying.attempt());
            } else if (change instanceof Item.Retry) {
                l.onRetry(((Item.Retry) change).time());
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
