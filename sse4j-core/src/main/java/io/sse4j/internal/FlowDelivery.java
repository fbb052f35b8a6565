package io.sse4j.internal;

import io.sse4j.SseItem;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An {@link EventBuffer} published to one {@link Flow.Subscriber}: exactly as many
 * {@code onNext} calls as requested, signals in sequence, and the Reactive Streams rules for a
 * subscription (3.9 for a bad request, 2.13 for a subscriber that throws, 3.13 for forgetting a
 * cancelled subscriber).
 *
 * @param <T> what the subscriber takes: events only, or events and comments
 */
public final class FlowDelivery<T> extends Delivery implements Flow.Subscription {

    private final Class<T> type;
    private volatile Flow.Subscriber<? super T> subscriber;
    private final AtomicLong demand = new AtomicLong();

    private FlowDelivery(EventBuffer buffer, Class<T> type, Flow.Subscriber<? super T> subscriber, System.Logger log) {
        super(buffer, type == SseItem.class ? Item.COMMENTS : Item.EVENTS, log);
        this.type = type;
        this.subscriber = subscriber;
    }

    /** Subscribes {@code subscriber} to {@code buffer}'s items of {@code type} and starts delivery. */
    public static <T> void subscribe(EventBuffer buffer, Class<T> type, Flow.Subscriber<? super T> subscriber,
            System.Logger log) {
        FlowDelivery<T> delivery = new FlowDelivery<>(buffer, type, subscriber, log);
        try {
            subscriber.onSubscribe(delivery);
        } catch (RuntimeException | Error e) {
            // Rule 2.13: a subscriber that throws is treated as cancelled.
            log.log(System.Logger.Level.WARNING, "Flow.Subscriber.onSubscribe threw; cancelling the stream", e);
            delivery.cancel();
            return;
        }
        delivery.start();
    }

    /** Rejects a second subscriber as rule 1.9 asks: {@code onSubscribe}, then {@code onError}. */
    public static void reject(Flow.Subscriber<?> subscriber, RuntimeException why) {
        subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
            }

            @Override
            public void cancel() {
            }
        });
        subscriber.onError(why);
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            stop(new IllegalArgumentException(
                    "Flow.Subscription.request(n) needs n > 0 (Reactive Streams rule 3.9), got " + n));
            return;
        }
        demand.accumulateAndGet(n, (current, more) -> current + more < 0 ? Long.MAX_VALUE : current + more);
        drain();
    }

    @Override
    public void cancel() {
        stop(null);
    }

    @Override
    boolean wantsItem() {
        return demand.get() > 0;
    }

    @Override
    void deliverItem(SseItem item) {
        demand.decrementAndGet();
        Flow.Subscriber<? super T> s = subscriber;
        try {
            s.onNext(type.cast(item));
        } catch (RuntimeException | Error e) {
            // Rule 2.13: a subscriber that throws is treated as cancelled.
            log.log(System.Logger.Level.WARNING, "Flow.Subscriber.onNext threw; cancelling the stream", e);
            stop(null);
        }
    }

    @Override
    void deliverTerminal(Throwable error) {
        Flow.Subscriber<? super T> s = subscriber;
        if (error == null) {
            s.onComplete();
        } else {
            s.onError(error);
        }
    }

    @Override
    void forget() {
        subscriber = null;
    }

    @Override
    public String toString() {
        return "demand=" + demand.get();
    }
}
