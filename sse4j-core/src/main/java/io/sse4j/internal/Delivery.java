package io.sse4j.internal;

import io.sse4j.SseItem;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Delivers an {@link EventBuffer}'s items to one asynchronous consumer, one thread at a time: the
 * base of {@link FlowDelivery} and {@link ListenerDelivery}. Whoever changes something (the
 * producer offering items, the consumer asking for more, a close) calls {@link #drain()}; one of
 * them runs the loop, and the others' calls make it run once more. So calls to the consumer are
 * sequential and never nested, whatever thread triggers them, and exactly one terminal call is
 * the last.
 */
public abstract class Delivery {

    /** Logs under the public type the consumer reads (EventStream or EventSource): what failed was its stream. */
    final System.Logger log;

    /** {@link #stop} without an error: end without a terminal call. */
    private static final Object SILENTLY = new Object();

    final EventBuffer buffer;
    private final int kinds;
    private final AtomicInteger drainRequests = new AtomicInteger();
    /** Null, {@link #SILENTLY}, or the error to end with: set once, by {@link #stop}. */
    private final AtomicReference<Object> stop = new AtomicReference<>();
    /** Set by {@link #start()}: nothing is delivered before (a subscriber's onSubscribe returns first). */
    private volatile boolean active;
    /** Touched only inside the loop, whose runs are ordered by {@link #drainRequests}. */
    private boolean terminated;

    /** @param kinds the items wanted besides events: {@link Item#COMMENTS}, {@link Item#LIFECYCLE} */
    Delivery(EventBuffer buffer, int kinds, System.Logger log) {
        this.buffer = buffer;
        this.kinds = kinds;
        this.log = log;
    }

    /** Starts delivery: items already buffered, then every later change. */
    public final void start() {
        active = true;
        buffer.onChange(this::drain);
        drain();
    }

    /**
     * Ends delivery: with a terminal {@code error} when it is not null (a consumer that threw, a
     * bad request), or without a terminal call (a cancelled subscription). Closes the buffer. Safe
     * from any thread, inside the loop or outside; the first call wins.
     */
    public final void stop(Throwable error) {
        if (stop.compareAndSet(null, error == null ? SILENTLY : error)) {
            buffer.close();
            drain();
        }
    }

    final void drain() {
        if (drainRequests.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            deliver();
            missed = drainRequests.addAndGet(-missed);
        } while (missed != 0);
    }

    private void deliver() {
        if (!active) {
            return;
        }
        while (!terminated) {
            Object stopped = stop.get();
            if (stopped != null) {
                end(stopped == SILENTLY ? null : (Throwable) stopped, stopped != SILENTLY);
                return;
            }
            // The item first: poll returns null when a change this consumer takes comes before it,
            // so a listener's events cost one lock each and its rarer changes two.
            SseItem item = wantsItem() ? buffer.poll(kinds) : null;
            if (item != null) {
                deliverItem(item);
                continue;
            }
            Item change = (kinds & Item.LIFECYCLE) != 0 ? buffer.pollChange(kinds) : null;
            if (change != null) {
                deliverChange(change);
            } else if (buffer.finished(kinds)) {
                end(buffer.failure(), true);
                return;
            } else {
                return;
            }
        }
    }

    private void end(Throwable error, boolean signal) {
        terminated = true;
        if (signal) {
            try {
                deliverTerminal(error);
            } catch (RuntimeException | Error e) {
                log.log(System.Logger.Level.WARNING, "a terminal callback threw", e);
            }
        }
        forget();
    }

    /** Whether the consumer wants another item now (its demand). */
    abstract boolean wantsItem();

    /** Hands over one event or comment; a consumer that throws is stopped by the subclass. */
    abstract void deliverItem(SseItem item);

    /** Hands over one change of connection or reconnection time (only with {@link Item#LIFECYCLE}). */
    void deliverChange(Item change) {
    }

    /** The one terminal call: a clean end when {@code error} is null. */
    abstract void deliverTerminal(Throwable error);

    /** Drops the references to the consumer once it may get no more calls (Reactive Streams rule 3.13). */
    abstract void forget();
}
