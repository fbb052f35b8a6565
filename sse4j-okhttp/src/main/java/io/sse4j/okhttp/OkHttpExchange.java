package io.sse4j.okhttp;

import io.sse4j.SseTransport;
import io.sse4j.SseTransport.Receiver;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Response;
import okio.BufferedSource;

/**
 * One exchange over OkHttp: one {@link Call}, enqueued, whose body is read with OkHttp's blocking
 * I/O one chunk per {@link #request()}.
 *
 * <pre>
 *   open ─▶ enqueue ─▶ onFailure ─────────────────────────────▶ receiver.onError (named)
 *                  └─▶ onResponse (OkHttp's callback thread) ─▶ receiver.onResponse
 *                        └─▶ read loop, on the same thread: while a chunk is asked for,
 *                            read ─▶ receiver.onBody ─▶ (request() inside it only marks demand)
 *                            no demand: the loop ends and the thread goes back to OkHttp
 *   request() with no loop running ─▶ the loop again, on the dispatcher's executor
 *   readHere() ─▶ the loop on the caller's thread, once no other thread runs it (a blocking
 *                 reader asks only when it has nothing left: it reads one chunk and returns)
 *   abort() ─▶ Call.cancel(): a blocked read throws, the loop ends, nothing more is reported
 * </pre>
 *
 * <p>At most one thread runs the loop at a time ({@code reading}), so the receiver's calls are
 * sequential, and a {@code request()} made while a chunk is being delivered (sse4j asks for the
 * next one from inside {@code onBody}) never nests a second read in the first: the loop goes
 * round once more instead. The lock guards the flags only; no call out is made while holding it.
 */
final class OkHttpExchange implements SseTransport.Exchange, Callback {

    /** At most this many bytes per chunk: one Okio segment. */
    private static final int CHUNK = 8192;

    private final Call call;
    private final Receiver receiver;
    private final Executor executor;
    private final boolean idempotent;
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when the loop stops ({@code reading} turns false). */
    private final Condition stopped = lock.newCondition();
    /** Touched only by the thread that runs the loop, one at a time. */
    private final byte[] chunk = new byte[CHUNK];

    // Guarded by lock.
    private Response response;
    private BufferedSource body;
    /** A thread delivers the head or runs the read loop; nobody else may read. */
    private boolean reading;
    /** A chunk has been asked for and not delivered yet. */
    private boolean demand;
    private boolean aborted;
    /** The receiver has heard its last call (or, once aborted, will hear none). */
    private boolean ended;

    OkHttpExchange(Call call, Receiver receiver, Executor executor, boolean idempotent) {
        this.call = call;
        this.receiver = receiver;
        this.executor = executor;
        this.idempotent = idempotent;
    }

    /** Sends the request; the head arrives on one of OkHttp's dispatcher threads. */
    void enqueue() {
        call.enqueue(this);
    }

    @Override
    public boolean idempotent() {
        return idempotent;
    }

    // ---- OkHttp's side ----

    @Override
    public void onFailure(Call c, IOException e) {
        lock.lock();
        try {
            if (aborted || ended) {
                return; // A cancelled call fails too: the abort already said all there is.
            }
            ended = true;
        } finally {
            lock.unlock();
        }
        receiver.onError(OkHttpFailures.naming(e, c.request()));
    }

    @Override
    public void onResponse(Call c, Response r) {
        lock.lock();
        try {
            if (aborted) {
                ended = true;
            } else {
                response = r;
                body = r.body().source();
                reading = true; // Requests made while the head is delivered wait for the loop below.
            }
        } finally {
            lock.unlock();
        }
        if (response == null) {
            r.close();
            return;
        }
        try {
            receiver.onResponse(OkHttpResponseInfo.of(r), r.request().url().uri());
        } catch (RuntimeException | Error e) {
            fail(e);
            return;
        }
        readLoop();
    }

    /** Reads and delivers one chunk per demand, on this thread, until no chunk is asked for. */
    private void readLoop() {
        while (true) {
            lock.lock();
            try {
                if (aborted || !demand) {
                    reading = false;
                    stopped.signalAll();
                    break;
                }
                demand = false;
            } finally {
                lock.unlock();
            }
            int n;
            try {
                n = body.read(chunk, 0, CHUNK);
            } catch (IOException | RuntimeException | Error e) {
                end(e);
                return;
            }
            if (n < 0) {
                end(null);
                return;
            }
            try {
                receiver.onBody(List.of(ByteBuffer.wrap(chunk, 0, n)));
            } catch (RuntimeException | Error e) {
                fail(e);
                return;
            }
        }
        closeIfAborted();
    }

    /** The body ended, cleanly if {@code failure} is null: releases the response and reports once. */
    private void end(Throwable failure) {
        boolean report;
        lock.lock();
        try {
            reading = false;
            stopped.signalAll();
            report = !aborted && !ended;
            ended = true;
        } finally {
            lock.unlock();
        }
        response.close();
        if (!report) {
            return;
        }
        if (failure == null) {
            receiver.onComplete();
        } else {
            receiver.onError(failure);
        }
    }

    /** The receiver threw: nothing more can be delivered, so the exchange ends with what it threw. */
    private void fail(Throwable thrown) {
        call.cancel();
        end(thrown);
    }

    // ---- sse4j's side ----

    @Override
    public void request() {
        lock.lock();
        try {
            demand = true;
            if (reading || response == null || ended || aborted) {
                return; // The running loop, or the one that starts after the head, takes it.
            }
            reading = true;
        } finally {
            lock.unlock();
        }
        // The reader paused (the consumer fell behind) and the consumer asks again, from its own
        // thread: reading there would block it, so the loop resumes on the client's dispatcher.
        dispatch();
    }

    /** Runs the loop on the client's dispatcher; {@code reading} is already set for it. */
    private void dispatch() {
        try {
            executor.execute(this::readLoop);
        } catch (RejectedExecutionException e) {
            fail(e);
        }
    }

    /** OkHttp's I/O blocks: a blocking reader of sse4j's can read the socket itself. */
    @Override
    public boolean readsOnCaller() {
        return true;
    }

    /**
     * Reads the next chunk on the calling thread (a blocking reader waiting for its next event)
     * and delivers it there. sse4j asks only once the chunk asked for before has been delivered,
     * so a loop still running on another thread (OkHttp's, which read ahead until the reader
     * started pulling) is on its way out: this waits for it to stop, then reads.
     */
    @Override
    public void readHere() {
        boolean interrupted = false;
        lock.lock();
        try {
            while (reading && !aborted && !ended && !interrupted) {
                try {
                    stopped.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            demand = true;
            if (reading || response == null || ended || aborted) {
                return; // The loop still running takes the demand, or the end is already told.
            }
            reading = true;
        } finally {
            lock.unlock();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            dispatch(); // OkHttp would fail a read on an interrupted thread: its executor reads instead.
        } else {
            readLoop();
        }
    }

    @Override
    public void abort() {
        lock.lock();
        try {
            if (aborted) {
                return;
            }
            aborted = true;
            stopped.signalAll(); // A reader waiting to read here reads nothing now.
        } finally {
            lock.unlock();
        }
        call.cancel(); // Closes the socket: a read blocked on another thread throws at once.
        closeIfAborted();
    }

    /** Once aborted and no thread reads, releases the response (the loop does it otherwise). */
    private void closeIfAborted() {
        Response r;
        lock.lock();
        try {
            if (!aborted || reading || response == null) {
                return;
            }
            r = response;
            ended = true;
        } finally {
            lock.unlock();
        }
        r.close();
    }
}
