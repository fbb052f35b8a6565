package io.sse4j.bench.e2e;

import io.sse4j.EventStream;
import io.sse4j.ServerSentEvent;
import io.sse4j.bench.EventSink;
import io.sse4j.bench.StreamHarness;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * sse4j as a {@link Flow.Publisher}: {@code EventStream.connectAsync}, then one subscriber that
 * either requests {@code Long.MAX_VALUE} up front or requests one event at a time, the next from
 * inside {@code onNext}.
 */
final class Sse4jFlowHarness implements StreamHarness {

    private final HttpClient client = Sse4jClients.newClient();
    private final boolean oneAtATime;

    Sse4jFlowHarness(boolean oneAtATime) {
        this.oneAtATime = oneAtATime;
    }

    @Override
    public int stream(URI uri, EventSink sink, Duration timeout) throws Exception {
        EventStream stream = EventStream.connectAsync(client, Sse4jClients.request(uri))
                .get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        Subscriber subscriber = new Subscriber(sink, oneAtATime);
        try (stream) {
            stream.subscribe(subscriber);
            if (!subscriber.done.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new TimeoutException("stream not finished after " + timeout + ": " + uri);
            }
        }
        if (subscriber.error != null) {
            throw new Exception("stream failed after " + subscriber.events + " events", subscriber.error);
        }
        return subscriber.events;
    }

    private static final class Subscriber implements Flow.Subscriber<ServerSentEvent> {
        private final EventSink sink;
        private final boolean oneAtATime;
        private final CountDownLatch done = new CountDownLatch(1);
        private Flow.Subscription subscription;
        // Written by the sequential signals, read after done.await(): the latch orders them.
        private int events;
        private Throwable error;

        Subscriber(EventSink sink, boolean oneAtATime) {
            this.sink = sink;
            this.oneAtATime = oneAtATime;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(oneAtATime ? 1 : Long.MAX_VALUE);
        }

        @Override
        public void onNext(ServerSentEvent event) {
            events++;
            sink.event(event.type(), event.data(), event.lastEventId());
            if (oneAtATime) {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            error = throwable;
            done.countDown();
        }

        @Override
        public void onComplete() {
            done.countDown();
        }
    }

    @Override
    public void close() {
        // Java 17's HttpClient has no close(); its threads end once it is unreachable.
    }
}
