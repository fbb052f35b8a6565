package io.sse4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A {@link Flow.Subscriber} that records its signals and checks the publisher's side of the
 * Reactive Streams rules as they arrive: {@code onSubscribe} first, signals never concurrent,
 * no {@code onNext} beyond the demand requested through {@link #request}, nothing after a
 * terminal signal. Breaches are collected, not thrown, so that the publisher is not disturbed.
 */
final class RecordingSubscriber implements Flow.Subscriber<ServerSentEvent> {

    /** Signals as {@code "subscribe"}, the events, {@code "complete"} and the errors. */
    private final List<Object> signals = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<String> breaches = new CopyOnWriteArrayList<>();
    private final AtomicInteger inside = new AtomicInteger();
    private final AtomicLong requested = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final long initialRequest;
    private volatile Flow.Subscription subscription;
    private volatile boolean terminal;
    private volatile Consumer<ServerSentEvent> onNextHook = event -> { };

    private RecordingSubscriber(long initialRequest) {
        this.initialRequest = initialRequest;
    }

    /** A subscriber that requests nothing by itself. */
    static RecordingSubscriber withoutDemand() {
        return new RecordingSubscriber(0);
    }

    /** A subscriber that requests {@code Long.MAX_VALUE} in {@code onSubscribe}. */
    static RecordingSubscriber unbounded() {
        return new RecordingSubscriber(Long.MAX_VALUE);
    }

    /** Runs {@code hook} inside each {@code onNext}, after recording the event. */
    RecordingSubscriber onEachNext(Consumer<ServerSentEvent> hook) {
        this.onNextHook = hook;
        return this;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        enter();
        try {
            if (subscription != null || !signals.isEmpty()) {
                breaches.addIfAbsent("onSubscribe not first or twice");
            }
            subscription = s;
            signals.add("subscribe");
        } finally {
            exit();
        }
        if (initialRequest > 0) {
            request(initialRequest);
        }
    }

    @Override
    public void onNext(ServerSentEvent event) {
        enter();
        try {
            if (received.incrementAndGet() > requested.get()) {
                breaches.addIfAbsent("onNext beyond demand: " + received.get() + " > " + requested.get());
            }
            checkNotTerminal("onNext");
            signals.add(event);
            onNextHook.accept(event);
        } finally {
            exit();
        }
    }

    @Override
    public void onError(Throwable error) {
        enter();
        try {
            checkNotTerminal("onError");
            terminal = true;
            signals.add(error);
        } finally {
            exit();
            terminated.countDown();
        }
    }

    @Override
    public void onComplete() {
        enter();
        try {
            checkNotTerminal("onComplete");
            terminal = true;
            signals.add("complete");
        } finally {
            exit();
            terminated.countDown();
        }
    }

    /** Requests through the subscription, counting the demand (saturating, as the rules say). */
    void request(long n) {
        if (n > 0) {
            requested.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
        }
        subscription.request(n);
    }

    void cancel() {
        subscription.cancel();
    }

    List<Object> signals() {
        return new ArrayList<>(signals);
    }

    /** The events received, in order. */
    List<ServerSentEvent> events() {
        List<ServerSentEvent> events = new ArrayList<>();
        for (Object signal : signals) {
            if (signal instanceof ServerSentEvent) {
                events.add((ServerSentEvent) signal);
            }
        }
        return events;
    }

    /** Waits within the bound for a terminal signal and returns the signals. */
    List<Object> awaitTerminal() throws InterruptedException {
        assertTrue(terminated.await(ScriptedUpstream.BOUND.toMillis(), TimeUnit.MILLISECONDS),
                () -> "no terminal signal within " + ScriptedUpstream.BOUND + "; got " + signals);
        return signals();
    }

    /** Waits within the bound for {@code onError} and returns its throwable. */
    Throwable awaitError() throws InterruptedException {
        List<Object> all = awaitTerminal();
        Object last = all.get(all.size() - 1);
        assertTrue(last instanceof Throwable, () -> "expected onError, got " + all);
        return (Throwable) last;
    }

    /** Fails if any rule checked here was broken. */
    void assertRulesKept() {
        assertEquals(List.of(), breaches, "publisher rule breaches");
    }

    private void checkNotTerminal(String signal) {
        if (terminal) {
            breaches.addIfAbsent(signal + " after a terminal signal");
        }
    }

    private void enter() {
        if (inside.incrementAndGet() != 1) {
            breaches.addIfAbsent("concurrent signals");
        }
    }

    private void exit() {
        inside.decrementAndGet();
    }
}
