package io.sse4j.internal;

import io.sse4j.SseItem;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one bounded queue between a producer of parsed items (one HTTP response today; a
 * reconnecting source spanning many) and one consumer, blocking or asynchronous. It knows nothing
 * of HTTP.
 *
 * <pre>
 *   producer ──offer(items)──▶ [ items │ ended/failure │ closed ] ──take / poll──▶ consumer
 *      ▲                                   │
 *      └──────── Source.request() ◀────────┘  only while fewer than MAX_ITEMS items and
 *                                             MAX_CHARS characters wait, one request at a time
 * </pre>
 *
 * <p>Backpressure: the buffer asks its {@link Source} for more only while there is room, so a
 * consumer that stops taking stops the reading of the socket.
 *
 * <p>Two ways to read. <em>Ahead</em> (the default): every offer asks for the next chunk while
 * there is room, so the source's thread reads while the consumer works. <em>Pulled</em>: once a
 * blocking consumer has called {@link #take} and the source {@linkplain Source#readsOnCaller reads
 * on the caller}, nothing asks ahead; {@code take} asks with {@link Source#readHere()} when it has
 * nothing to return, and the chunk is read and parsed on the consumer's own thread, with no
 * hand-over. Paused there means the consumer is busy elsewhere. State is guarded by a lock (never a
 * monitor, so blocked virtual threads can unmount); no source call and no signal is made while
 * holding it, since a source may deliver from inside {@code request}.
 */
public final class EventBuffer {

    /** Items (events and comments) buffered at most before reading pauses. */
    public static final int MAX_ITEMS = 256;
    /** Characters of data and comments buffered at most before reading pauses. */
    public static final int MAX_CHARS = 1024 * 1024;

    /** Where items come from: asked for more one request at a time, and cancelled on close. */
    public interface Source {
        /** Asks for the next chunk; {@link #offer} or {@link #end} follows. */
        void request();

        /** Stops producing; called at most once, on {@link #close()}. */
        void cancel();

        /** Whether {@link #readHere()} reads on the calling thread (a transport with blocking I/O). */
        default boolean readsOnCaller() {
            return false;
        }

        /** {@link #request()} from a blocking reader's thread, which the source may read on. */
        default void readHere() {
            request();
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ItemQueue queue = new ItemQueue();
    /** Run once when the buffer is closed, by its consumer or its owner; set by an owner that must know. */
    private volatile Runnable onClose = () -> { };
    /** Run after every change that a consumer may be waiting for; set once by an async consumer. */
    private volatile Runnable signal = () -> { };

    // Guarded by lock.
    private Source source;
    private boolean requested;
    private boolean ended;
    private Throwable failure;
    private boolean closed;
    private boolean refused;
    /** A blocking consumer takes from here: a source that reads on the caller is pulled, not read ahead. */
    private boolean blockingConsumer;

    // ---- producer side ----

    /** Connects the source; it is asked for items once there is room (or cancelled if closed). */
    public void attach(Source s) {
        boolean request;
        boolean cancel;
        lock.lock();
        try {
            source = s;
            requested = false; // A new source owes nothing for its predecessor's request.
            cancel = closed;
            request = !pulled() && wantMore();
            changed.signalAll(); // A pulling consumer that waits for a source reads from this one.
        } finally {
            lock.unlock();
        }
        if (cancel) {
            s.cancel();
        } else if (request) {
            s.request();
        }
    }

    /** Moves the items parsed from the last chunk here; answers the outstanding request. */
    public void offer(ItemQueue items) {
        offer(items, false, null);
    }

    /** Moves the last items here and ends: cleanly if {@code error} is null, else with it. */
    public void end(ItemQueue items, Throwable error) {
        offer(items, true, error);
    }

    private void offer(ItemQueue items, boolean last, Throwable error) {
        Source s;
        boolean request;
        lock.lock();
        try {
            requested = false;
            if (closed || ended) {
                items.clear();
            } else {
                queue.takeAll(items);
            }
            if (last && !ended) {
                ended = true;
                failure = error;
            }
            request = !pulled() && wantMore();
            s = source;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (request) {
            s.request();
        }
        signal.run();
    }

    /**
     * The current source is done, but the stream goes on (another connection of the same
     * reconnecting source will be attached): moves its last items here and forgets it.
     */
    public void detach(ItemQueue rest) {
        lock.lock();
        try {
            if (!closed && !ended) {
                queue.takeAll(rest);
            } else {
                rest.clear();
            }
            source = null;
            requested = false;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        signal.run();
    }

    /** Adds a change of connection, in order with the items around it. */
    public void add(Item lifecycle) {
        lock.lock();
        try {
            if (closed || ended) {
                return;
            }
            queue.add(lifecycle);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        signal.run();
    }

    /** Starts the consumer's view of the last event ID at {@code id}. */
    public void startAt(String id) {
        lock.lock();
        try {
            queue.startAt(id);
        } finally {
            lock.unlock();
        }
    }

    /** No more items: the stream ended cleanly ({@code failure == null}) or failed. */
    public void end(Throwable error) {
        end(new ItemQueue(), error);
    }

    /**
     * Ends with {@code refusal}, which, unlike other failures, is still reported after
     * {@link #close()}: the response was never an event stream, and closing does not change that.
     */
    public void refuse(Throwable refusal) {
        lock.lock();
        try {
            ended = true;
            failure = refusal;
            refused = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        signal.run();
    }

    /** Under lock: whether the source is pulled by a blocking consumer rather than read ahead. */
    private boolean pulled() {
        return blockingConsumer && source != null && source.readsOnCaller();
    }

    /** Under lock: whether to ask the source for more now, marking the request made. */
    private boolean wantMore() {
        if (source == null || requested || ended || closed
                || queue.size() >= MAX_ITEMS || queue.chars() >= MAX_CHARS) {
            return false;
        }
        requested = true;
        return true;
    }

    // ---- consumer side ----

    /** Makes {@code onChange} run after each change; for asynchronous consumers. */
    public void onChange(Runnable onChange) {
        signal = onChange;
    }

    /**
     * Takes the next event (and comment, if {@code comments}), blocking until one is there.
     *
     * @return the item, or null at the end of the stream or once closed
     * @throws IOException the failure that ended the stream; errors and runtime exceptions are
     *                     thrown as themselves
     */
    public SseItem take(boolean comments) throws IOException {
        while (true) {
            SseItem item;
            boolean end = false;
            Throwable error = null;
            boolean request;
            boolean pull;
            Source s;
            lock.lock();
            try {
                if (closed && !refused) {
                    return null;
                }
                blockingConsumer = true;
                item = queue.poll(comments);
                if (item == null && ended) {
                    end = true;
                    error = failure;
                }
                pull = pulled();
                // Pulled, ask only with nothing to return: the read would hold up the item.
                request = (!pull || (item == null && !end)) && wantMore();
                s = source;
                if (item == null && !end && !request) {
                    changed.await();
                    continue;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw interrupted();
            } finally {
                lock.unlock();
            }
            if (request) {
                if (!pull) {
                    s.request();
                } else if (Thread.currentThread().isInterrupted()) {
                    cancelRequest(s);
                    throw interrupted();
                } else {
                    s.readHere(); // Offers (or ends) on this thread, unless another thread is reading.
                    if (Thread.currentThread().isInterrupted()) {
                        // Interrupted while reading: what was read waits here; a read the
                        // interrupt failed has ended the connection (and is reported as such).
                        throw interrupted();
                    }
                }
            }
            if (item != null) {
                return item;
            }
            if (end) {
                if (error == null) {
                    return null;
                }
                throw rethrow(error);
            }
        }
    }

    private static InterruptedIOException interrupted() {
        return new InterruptedIOException("interrupted while waiting for the next event");
    }

    /** Takes back a request that was marked but not made, so that the next take (of any thread) asks again. */
    private void cancelRequest(Source s) {
        lock.lock();
        try {
            if (source == s) {
                requested = false;
                changed.signalAll(); // Another blocking reader may wait for the read not made.
            }
        } finally {
            lock.unlock();
        }
    }

    /** {@code error} to throw from a blocking call: as itself when it can be, else in an IOException. */
    public static IOException rethrow(Throwable error) {
        if (error instanceof Error) {
            throw (Error) error;
        }
        if (error instanceof RuntimeException) {
            throw (RuntimeException) error;
        }
        return error instanceof IOException ? (IOException) error : new IOException(error.getMessage(), error);
    }

    /** Takes the next change that {@code kinds} wants, if it comes next, without waiting; null if none. */
    public Item pollChange(int kinds) {
        lock.lock();
        try {
            return closed ? null : queue.pollChange(kinds);
        } finally {
            lock.unlock();
        }
    }

    /** Takes the next event or comment of the {@code kinds} wanted (see {@link Item}) without waiting; null if none. */
    public SseItem poll(int kinds) {
        SseItem item;
        boolean request;
        Source s;
        lock.lock();
        try {
            item = closed ? null : queue.poll(kinds);
            request = wantMore();
            s = source;
        } finally {
            lock.unlock();
        }
        if (request) {
            s.request();
        }
        return item;
    }

    /**
     * Whether the consumer has seen everything: closed, or ended with nothing left to take. Once
     * true it stays true. {@link #failure()} then tells how it ended.
     */
    public boolean finished(int kinds) {
        boolean finished;
        boolean request;
        Source s;
        lock.lock();
        try {
            // hasItem drops the comments that this consumer does not take, which may make room.
            finished = closed || (!queue.hasItem(kinds) && ended);
            request = wantMore();
            s = source;
        } finally {
            lock.unlock();
        }
        if (request) {
            s.request();
        }
        return finished;
    }

    /** The failure that ended the stream, or null if it ended cleanly, has not ended, or was closed. */
    public Throwable failure() {
        lock.lock();
        try {
            return closed && !refused ? null : failure;
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code hook} when the buffer is closed: a consumer that cancels closes what feeds it. */
    public void onClose(Runnable hook) {
        onClose = hook;
    }

    /** Drops what waits and cancels the source; a blocked {@link #take} returns null. Idempotent. */
    public void close() {
        Source s;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            queue.clear();
            s = ended ? null : source;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (s != null) {
            s.cancel();
        }
        onClose.run();
        signal.run();
    }

    /** The last event ID as of the items taken. */
    public String lastEventId() {
        lock.lock();
        try {
            return queue.lastEventId();
        } finally {
            lock.unlock();
        }
    }

    /** The reconnection time as of the items taken. */
    public Optional<Duration> reconnectionTime() {
        lock.lock();
        try {
            return queue.reconnectionTime();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        lock.lock();
        try {
            return "queued=" + queue.size() + (closed ? ", closed" : ended ? (failure == null ? ", ended" : ", failed: " + failure)
                    : requested ? ", reading" : ", paused");
        } finally {
            lock.unlock();
        }
    }
}
