package io.sse4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sse4j.ServerSentEvent;
import io.sse4j.SseItem;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link EventBuffer} pulled by blocking readers from a source that reads on the caller: what an
 * interrupt does to the request it marked, with one reader and with two.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EventBufferPullTest {

    private static final long WAIT_SECONDS = 10;

    private final EventBuffer buffer = new EventBuffer();
    /** The thread of each readHere, in order. */
    private final List<Thread> reads = new CopyOnWriteArrayList<>();

    /** A source that reads on the caller: each readHere offers one event, {@code data}, there. */
    private EventBuffer.Source pulledSource(String data) {
        return new EventBuffer.Source() {
            @Override
            public void request() {
                throw new AssertionError("request() on a pulled source");
            }

            @Override
            public void cancel() {
            }

            @Override
            public boolean readsOnCaller() {
                return true;
            }

            @Override
            public void readHere() {
                reads.add(Thread.currentThread());
                ItemQueue items = new ItemQueue();
                items.onEvent(ServerSentEvent.of(data));
                buffer.offer(items);
            }
        };
    }

    /** Makes the buffer's consumer a blocking one, then attaches a source that reads on the caller. */
    private void pulledFrom(EventBuffer.Source source) throws Exception {
        ItemQueue first = new ItemQueue();
        first.onEvent(ServerSentEvent.of("first"));
        buffer.offer(first); // No source yet: it only waits.
        assertEquals("first", data(buffer.take(false)));
        buffer.attach(source); // Pulled from now on: attach asks for nothing.
        assertEquals(List.of(), reads);
    }

    private static String data(SseItem item) {
        return ((ServerSentEvent) item).data();
    }

    @Test
    void aReaderReadsOnItsOwnThreadAndAnInterruptedOneReadsNothing() throws Exception {
        pulledFrom(pulledSource("x"));
        assertEquals("x", data(buffer.take(false)));
        assertEquals(List.of(Thread.currentThread()), reads);

        Thread.currentThread().interrupt();
        try {
            assertThrows(InterruptedIOException.class, () -> buffer.take(false));
            assertTrue(Thread.interrupted(), "the flag is kept");
        } finally {
            Thread.interrupted();
        }
        assertEquals(1, reads.size(), "no read on the interrupted thread");
        assertEquals("x", data(buffer.take(false)), "the request taken back is made by the next take");
        assertEquals(2, reads.size());
    }

    @Test
    void aReaderInterruptedAfterMarkingTheReadWakesAnotherThatWaitsForIt() throws Exception {
        pulledFrom(pulledSource("x"));
        CompletableFuture<SseItem> second = new CompletableFuture<>();
        AtomicReference<Thread> other = new AtomicReference<>();
        // Reader A, interrupted, marks the read; reader B arrives and waits for it; only then does A
        // see its interrupt (the moment between take's unlock and its check) and take the read back.
        Thread a = new Thread("A") {
            @Override
            public boolean isInterrupted() {
                boolean interrupted = super.isInterrupted();
                if (interrupted && other.get() == null) {
                    Thread b = new Thread(() -> {
                        try {
                            second.complete(buffer.take(false));
                        } catch (Throwable t) {
                            second.completeExceptionally(t);
                        }
                    }, "B");
                    other.set(b);
                    b.start();
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
                    while (b.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
                        Thread.onSpinWait();
                    }
                }
                return interrupted;
            }

            @Override
            public void run() {
                interrupt();
                try {
                    buffer.take(false);
                } catch (InterruptedIOException expected) {
                    // A's part ends here.
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
        };
        a.start();
        a.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        assertEquals(Thread.State.TERMINATED, a.getState());
        assertEquals("x", data(second.get(WAIT_SECONDS, TimeUnit.SECONDS)), "B reads what A did not");
        assertEquals(List.of(other.get()), reads);
    }
}
