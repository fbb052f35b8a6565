package io.sse4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link SseListener} that records its calls as text ({@code "open"}, {@code "event a"} for an
 * event with data {@code a}, {@code "comment c"}, {@code "closed"}, {@code "error"}) and checks the
 * threading contract as calls arrive: never concurrent, nothing after the terminal call.
 */
class RecordingListener implements SseListener {

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<String> breaches = new CopyOnWriteArrayList<>();
    private final AtomicInteger inside = new AtomicInteger();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private volatile Throwable error;
    private volatile boolean terminal;

    @Override
    public void onOpen(EventStream stream) {
        record("open");
    }

    @Override
    public void onEvent(ServerSentEvent event) {
        record("event " + event.data());
    }

    @Override
    public void onComment(String comment) {
        record("comment " + comment);
    }

    @Override
    public void onClosed() {
        record("closed");
        terminal = true;
        terminated.countDown();
    }

    @Override
    public void onError(Throwable throwable) {
        error = throwable;
        record("error");
        terminal = true;
        terminated.countDown();
    }

    private void record(String call) {
        if (inside.incrementAndGet() != 1) {
            breaches.addIfAbsent("concurrent calls");
        }
        if (terminal) {
            breaches.addIfAbsent(call + " after the terminal call");
        }
        calls.add(call);
        inside.decrementAndGet();
    }

    List<String> calls() {
        return new ArrayList<>(calls);
    }

    /** Waits within the bound for the terminal call and returns the calls. */
    List<String> awaitTerminal() throws InterruptedException {
        assertTrue(terminated.await(ScriptedUpstream.BOUND.toMillis(), TimeUnit.MILLISECONDS),
                () -> "no terminal call within " + ScriptedUpstream.BOUND + "; got " + calls);
        return calls();
    }

    /** What {@code onError} received; fails if it was not called. */
    Throwable error() {
        assertTrue(error != null, () -> "onError was not called; got " + calls);
        return error;
    }

    void assertContractKept() {
        assertEquals(List.of(), breaches, "listener contract breaches");
    }
}
