package io.sse4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sse4j.EventSource;
import io.sse4j.EventSourceListener;
import io.sse4j.RetryPolicy;
import io.sse4j.ServerSentEvent;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A blocking reader over a transport that reads on the caller, as sse4j-okhttp's does: the
 * reader's own thread reads each chunk, nothing reads ahead of it, silence counts only while it
 * waits, and {@code close()} and interrupts end its wait. Asynchronous consumers of the same
 * transport are read ahead as before. A {@link FakeTransport} in {@link VirtualScheduler} time.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PulledReadTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final FakeTransport transport = new FakeTransport();
    private final VirtualScheduler time = new VirtualScheduler();
    private final List<Thread> readerThreads = new CopyOnWriteArrayList<>();
    private final ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "reader");
        readerThreads.add(t);
        return t;
    });
    private EventSource source;

    PulledReadTest() {
        transport.readsOnCaller = true;
    }

    @AfterEach
    void closeAndCheckTheSeam() {
        if (source != null) {
            source.close();
        }
        reader.shutdownNow();
        assertEquals(List.of(), transport.breaches, "the seam's contract");
    }

    private EventSource start(EventSource.Builder builder) {
        source = builder.scheduler(time).build();
        return source;
    }

    /** Reads the next event on the reader's thread. */
    private Future<Optional<ServerSentEvent>> read() {
        return reader.submit(source::read);
    }

    private static String data(Future<Optional<ServerSentEvent>> read) throws Exception {
        return read.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).orElseThrow().data();
    }

    /** Waits until the reader's thread is parked: in read(), with no connection to read from yet. */
    private void awaitReaderParked() {
        awaitTrue(() -> !readerThreads.isEmpty() && readerThreads.get(0).getState() == Thread.State.WAITING,
                "the reader waits for a connection");
    }

    /**
     * Starts the source, and reads its first event ("1") on the reader's thread, which is waiting
     * in {@code read()} before the connection opens (so that it reads from the first chunk on).
     */
    private FakeTransport.Call openAndReadTheFirstEvent(EventSource.Builder builder) throws Exception {
        start(builder);
        Future<Optional<ServerSentEvent>> first = read();
        awaitReaderParked();
        FakeTransport.Call call = transport.call(0).body("data: 1\n\n").stream();
        assertEquals("1", data(first));
        return call;
    }

    @Test
    void theReadersOwnThreadReadsEachChunkAndNothingReadsAhead() throws Exception {
        FakeTransport.Call call = openAndReadTheFirstEvent(EventSource.newBuilder(transport));

        call.body("data: 2\n\n");
        assertEquals(1, call.waitingChunks(), "nothing asks for the next chunk while the reader is elsewhere");
        assertEquals("2", data(read()));
        assertEquals(0, call.waitingChunks());

        Future<Optional<ServerSentEvent>> third = read();
        call.awaitReaderHere(TIMEOUT);
        call.body("data: 3\n\n");
        assertEquals("3", data(third));

        assertEquals(0, call.plainRequests(), "every chunk was asked for by the reader, none by request()");
        assertEquals(List.of(readerThreads.get(0), readerThreads.get(0), readerThreads.get(0)), transport.readers,
                "the reader's thread read each of the three chunks");
    }

    @Test
    void silenceCountsOnlyWhileTheReaderWaitsFromWhenItAsked() throws Exception {
        FakeTransport.Call call = openAndReadTheFirstEvent(EventSource.newBuilder(transport).idleTimeout(Duration.ofSeconds(5))
                .retryPolicy(context -> Optional.of(Duration.ofSeconds(1))));

        time.advance(Duration.ofSeconds(22));
        assertFalse(call.aborted(), "22 s while the reader is busy elsewhere is not the server's silence");

        Future<Optional<ServerSentEvent>> second = read();
        call.awaitReaderHere(TIMEOUT); // Asked at 22 s; the idle check last looked at 20 s.
        time.advance(Duration.ofSeconds(4));
        assertFalse(call.aborted(), "4 s of silence since the reader asked");
        time.advance(Duration.ofSeconds(1));
        assertTrue(call.aborted(), "5 s of silence since the reader asked");
        assertEquals("HttpTimeoutException", source.lastFailure().orElseThrow().getClass().getSimpleName());

        time.advance(Duration.ofSeconds(1)); // The reconnect; the same read goes on to the new connection.
        transport.call(1).body("data: 2\n\n").stream();
        assertEquals("2", data(second));
    }

    @Test
    void closeFromAnotherThreadEndsAReadBlockedInTheTransport() throws Exception {
        FakeTransport.Call call = openAndReadTheFirstEvent(EventSource.newBuilder(transport));
        Future<Optional<ServerSentEvent>> blocked = read();
        call.awaitReaderHere(TIMEOUT);
        source.close();
        assertEquals(Optional.empty(), blocked.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        assertTrue(call.aborted());
    }

    @Test
    void anInterruptedReaderThrowsBeforeItReadsKeepsTheFlagAndTheStreamReadsOn() throws Exception {
        FakeTransport.Call call = openAndReadTheFirstEvent(EventSource.newBuilder(transport));
        int readsBefore = transport.readers.size();
        Future<Boolean> interrupted = reader.submit(() -> {
            Thread.currentThread().interrupt();
            try {
                source.read();
                return false;
            } catch (InterruptedIOException e) {
                return Thread.interrupted(); // Kept, and cleared here for the next read.
            }
        });
        assertTrue(interrupted.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS), "InterruptedIOException, flag kept");
        assertEquals(readsBefore, transport.readers.size(), "no read started on the interrupted thread");
        call.body("data: 2\n\n");
        assertEquals("2", data(read()));
    }

    @Test
    void anInterruptThatFailsTheReadThrowsInterruptedIOExceptionAndTheSourceResumesOnTheNextRead() throws Exception {
        FakeTransport.Call call = openAndReadTheFirstEvent(EventSource.newBuilder(transport).retryPolicy(
                context -> Optional.of(Duration.ofSeconds(1))));
        Future<Boolean> interrupted = reader.submit(() -> {
            try {
                source.read();
                return false;
            } catch (InterruptedIOException e) {
                return Thread.interrupted(); // Kept, and cleared here for the next read.
            }
        });
        call.awaitReaderHere(TIMEOUT);
        readerThreads.get(0).interrupt(); // The transport fails its read, as OkHttp's does.
        assertTrue(interrupted.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS), "InterruptedIOException, flag kept");
        assertEquals("BrokenStreamException", source.lastFailure().orElseThrow().getClass().getSimpleName(),
                "the connection is lost with the read");
        time.advance(Duration.ofSeconds(1)); // The reconnect.
        transport.call(1).body("data: 2\n\n").stream();
        assertEquals("2", data(read()));
    }

    @Test
    void aListenerOfTheSameTransportIsReadAheadWithRequests() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        start(EventSource.newBuilder(transport)).listen(new EventSourceListener() {
            @Override
            public void onEvent(ServerSentEvent event) {
                events.add(event.data());
            }
        });
        FakeTransport.Call call = transport.call(0).stream().body("data: 1\n\n").body("data: 2\n\n");
        awaitTrue(() -> events.size() == 2, "both events");
        assertEquals(List.of("1", "2"), events);
        assertEquals(List.of(), transport.readers, "no readHere: the listener does not block on the transport");
        assertTrue(call.plainRequests() >= 2, "asked with request()");
    }

    /** Waits, bounded, until {@code condition} holds (checking about every millisecond). */
    private static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, what);
            LockSupport.parkNanos(1_000_000);
        }
    }
}
