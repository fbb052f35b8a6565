package io.sse4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays the JDK's side of the {@link HttpResponse.BodySubscriber} contract for one body
 * subscriber: the test decides when buffers, errors and the end arrive, and this publisher
 * behaves as the JDK's does, delivering a buffer list only against an outstanding request.
 * It counts the subscriber's requests and cancels, and notes every breach of the promise that
 * {@link ResponseSubscriber} makes: {@code request(1)}, with at most one request outstanding.
 */
final class ScriptedUpstream implements Flow.Subscription {

    /** Bound on every wait: generous, as it only matters when something is wrong. */
    static final Duration BOUND = Duration.ofSeconds(10);

    private final HttpResponse.BodySubscriber<?> subscriber;
    private final Semaphore outstanding = new Semaphore(0);
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger cancels = new AtomicInteger();
    private final CopyOnWriteArrayList<String> breaches = new CopyOnWriteArrayList<>();

    private ScriptedUpstream(HttpResponse.BodySubscriber<?> subscriber) {
        this.subscriber = subscriber;
    }

    /** Calls {@code onSubscribe} with a new scripted subscription and returns it. */
    static ScriptedUpstream subscribe(HttpResponse.BodySubscriber<?> subscriber) {
        ScriptedUpstream upstream = new ScriptedUpstream(subscriber);
        subscriber.onSubscribe(upstream);
        return upstream;
    }

    @Override
    public void request(long n) {
        if (n != 1) {
            breaches.addIfAbsent("request(" + n + ")");
        }
        requests.incrementAndGet();
        outstanding.release();
        // Only offer() takes permits, so two at any moment are two requests outstanding.
        if (outstanding.availablePermits() > 1) {
            breaches.addIfAbsent("a second request while one was outstanding");
        }
    }

    @Override
    public void cancel() {
        cancels.incrementAndGet();
    }

    /**
     * Delivers one buffer list, a read-only buffer per chunk (UTF-8), once the subscriber has
     * requested it: waits for that request within {@link #BOUND}, on the calling thread.
     */
    void offer(String... chunks) {
        offer(buffers(chunks));
    }

    /**
     * Delivers one buffer list if a request is outstanding, without waiting; for races in which
     * the subscriber may have stopped requesting.
     *
     * @return whether the list was delivered
     */
    boolean offerIfRequested(String... chunks) {
        if (!outstanding.tryAcquire()) {
            return false;
        }
        subscriber.onNext(buffers(chunks));
        return true;
    }

    void offer(List<ByteBuffer> buffers) {
        try {
            assertTrue(outstanding.tryAcquire(BOUND.toMillis(), TimeUnit.MILLISECONDS),
                    "no request for a buffer list arrived within " + BOUND);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for a request", e);
        }
        subscriber.onNext(List.copyOf(buffers));
    }

    private static List<ByteBuffer> buffers(String... chunks) {
        List<ByteBuffer> buffers = new ArrayList<>();
        for (String chunk : chunks) {
            buffers.add(ByteBuffer.wrap(chunk.getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer());
        }
        return buffers;
    }

    void complete() {
        subscriber.onComplete();
    }

    void fail(Throwable error) {
        subscriber.onError(error);
    }

    /** Whether a request is outstanding: the subscriber asked for a buffer list not yet offered. */
    boolean hasRequest() {
        return outstanding.availablePermits() > 0;
    }

    /** How many times the subscriber called {@code request}. */
    int requests() {
        return requests.get();
    }

    /** How many times the subscriber called {@code cancel}. */
    int cancels() {
        return cancels.get();
    }

    /** Fails if the subscriber ever requested other than one list at a time. */
    void assertOneRequestAtATime() {
        assertEquals(List.of(), breaches, "breaches of one outstanding request(1) at a time");
    }
}
