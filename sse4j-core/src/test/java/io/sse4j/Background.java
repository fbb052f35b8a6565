package io.sse4j;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A call run on a thread of its own, so that a test can see it block, unblock it, and collect its
 * outcome, every wait bounded by {@link ScriptedUpstream#BOUND}.
 *
 * @param <T> the result
 */
final class Background<T> {

    /** A call that may throw anything. */
    @FunctionalInterface
    interface Call<T> {
        T call() throws Exception;
    }

    private final CompletableFuture<T> outcome = new CompletableFuture<>();
    private final Thread thread;

    private Background(String name, Call<T> call) {
        thread = new Thread(() -> {
            try {
                outcome.complete(call.call());
            } catch (Throwable e) {
                outcome.completeExceptionally(e);
            }
        }, name);
        thread.setDaemon(true);
    }

    static <T> Background<T> start(String name, Call<T> call) {
        Background<T> background = new Background<>(name, call);
        background.thread.start();
        return background;
    }

    /**
     * Waits until the thread parks (it is blocked waiting for something), failing if the call
     * returns instead or the bound passes. Spinning on the thread's state is the wait: there is
     * nothing else to wait on, as a blocked call signals nothing.
     */
    Background<T> awaitBlocked() {
        long deadline = System.nanoTime() + ScriptedUpstream.BOUND.toNanos();
        while (true) {
            if (outcome.isDone()) {
                fail("expected the call to block, but it ended: " + describe());
            }
            Thread.State state = thread.getState();
            if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING) {
                return this;
            }
            if (System.nanoTime() - deadline > 0) {
                fail("the call neither blocked nor ended within " + ScriptedUpstream.BOUND);
            }
            Thread.yield();
        }
    }

    /** Asserts the call has not ended. */
    void assertRunning() {
        assertFalse(outcome.isDone(), () -> "expected the call to be still blocked, but it ended: " + describe());
    }

    /** The call's result, waiting for it within the bound; what it threw is rethrown as is. */
    T get() throws Exception {
        try {
            return outcome.get(ScriptedUpstream.BOUND.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception) {
                throw (Exception) cause;
            }
            throw (Error) cause;
        } catch (TimeoutException e) {
            throw new AssertionError("the call did not end within " + ScriptedUpstream.BOUND, e);
        }
    }

    /** What the call threw, waiting for it within the bound; fails if it returned. */
    Throwable failure() {
        try {
            T result = get();
            throw new AssertionError("expected the call to throw, but it returned " + result);
        } catch (Exception e) {
            return e;
        }
    }

    void interrupt() {
        thread.interrupt();
    }

    private String describe() {
        return outcome.handle((result, error) -> error != null ? "threw " + error : "returned " + result)
                .getNow("still running");
    }
}
