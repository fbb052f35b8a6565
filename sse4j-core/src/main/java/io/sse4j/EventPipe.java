package io.sse4j;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ProtocolException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The body subscriber behind every {@link EventStream}: parses the response bytes as they arrive
 * and hands events to exactly one consumer, blocking ({@link #read()}), a {@link Flow.Subscriber}
 * or an {@link SseListener}.
 *
 * <p>Backpressure: one upstream buffer list is requested at a time, and only while fewer than
 * {@link #MAX_QUEUED_ITEMS} items and {@link #MAX_QUEUED_CHARS} characters of data wait for the
 * consumer. A consumer that stops taking events therefore stops the reading of the socket.
 *
 * <p>State is guarded by {@link #lock} (never a monitor, so blocked virtual threads can unmount).
 * No callback and no upstream call is made while holding it: the JDK may deliver {@code onNext}
 * from inside {@code request}.
 */
final class EventPipe implements HttpResponse.BodySubscriber<EventStream> {

    private static final System.Logger LOG = System.getLogger(EventStream.class.getName());

    static final int MAX_QUEUED_ITEMS = 256;
    static final int MAX_QUEUED_CHARS = 1024 * 1024;

    private enum Mode { NONE, BLOCKING, FLOW_PENDING, FLOW, LISTENER }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Parsed and not yet consumed; also the parser's handler. */
    private final EventQueue queue = new EventQueue();
    private final AtomicInteger drainRequests = new AtomicInteger();
    private final HttpResponse.ResponseInfo response;
    private final EventStream stream;
    /** Null when the response is not an event stream; then the body is kept for the error. */
    private final SseParser parser;
    private volatile URI uri;

    // Guarded by lock.
    private Flow.Subscription upstream;
    private boolean requested;
    private boolean upstreamDone;
    private boolean closed;
    private Throwable failure;
    private byte[] errorBody;
    private int errorBodyLength;
    private Mode mode = Mode.NONE;
    private Flow.Subscriber<? super ServerSentEvent> subscriber;
    private SseListener listener;
    private long demand;
    private boolean opened;
    private boolean terminated;
    /** An error for the subscriber from outside the drain loop (a bad request(n)), delivered by it. */
    private Throwable pendingError;

    EventPipe(HttpResponse.ResponseInfo response, SseLimits limits) {
        this.response = response;
        this.stream = new EventStream(this);
        if (isEventStream(response)) {
            this.parser = SseParser.of(queue, limits);
            queue.commentsAfterIdsOf(parser); // A listener sees comments.
        } else {
            this.parser = null;
            this.errorBody = new byte[0];
        }
    }

    /** §9.2.3: an event stream is a 2xx (other than 204 No Content) of type text/event-stream. */
    static boolean isEventStream(HttpResponse.ResponseInfo response) {
        int status = response.statusCode();
        if (status < 200 || status > 299 || status == 204) {
            return false;
        }
        Optional<String> type = response.headers().firstValue("Content-Type");
        if (type.isEmpty()) {
            return false;
        }
        String value = type.get();
        int semicolon = value.indexOf(';');
        String essence = (semicolon < 0 ? value : value.substring(0, semicolon)).strip();
        return essence.toLowerCase(Locale.ROOT).equals("text/event-stream");
    }

    EventStream stream() {
        return stream;
    }

    HttpResponse.ResponseInfo response() {
        return response;
    }

    void bindUri(URI uri) {
        this.uri = uri;
    }

    /** The last event ID as the consumer has seen it: events still queued do not count yet. */
    String lastEventId() {
        lock.lock();
        try {
            return queue.lastEventId();
        } finally {
            lock.unlock();
        }
    }

    Optional<java.time.Duration> reconnectionTime() {
        lock.lock();
        try {
            return queue.reconnectionTime();
        } finally {
            lock.unlock();
        }
    }

    // ---- upstream: the JDK's body publisher ----

    @Override
    public CompletionStage<EventStream> getBody() {
        return CompletableFuture.completedFuture(stream);
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        boolean cancel;
        boolean request;
        lock.lock();
        try {
            cancel = upstream != null || closed;
            if (upstream == null) {
                upstream = subscription;
            }
            request = !cancel && wantMore();
        } finally {
            lock.unlock();
        }
        if (cancel) {
            subscription.cancel();
        } else if (request) {
            subscription.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        boolean cancel = false;
        boolean request;
        lock.lock();
        try {
            requested = false;
            if (!closed && !upstreamDone) {
                if (parser == null) {
                    cancel = keepErrorBody(buffers);
                } else {
                    try {
                        for (ByteBuffer buffer : buffers) {
                            parser.feed(buffer);
                        }
                    } catch (ProtocolException e) {
                        failure = e;
                        upstreamDone = true;
                        cancel = true;
                    }
                    queue.parsed(parser);
                }
            }
            request = wantMore();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (cancel) {
            upstream.cancel();
        } else if (request) {
            upstream.request(1);
        }
        drain();
    }

    /**
     * Keeps the start of a refused response's body: what the first body bytes to arrive hold, up
     * to {@link SseResponseException#MAX_BODY_BYTES}. Then the error is ready, and reading stops:
     * it never waits on a body that is slow or endless. Returns true to cancel upstream.
     */
    private boolean keepErrorBody(List<ByteBuffer> buffers) {
        for (ByteBuffer buffer : buffers) {
            int n = Math.min(buffer.remaining(), SseResponseException.MAX_BODY_BYTES - errorBodyLength);
            if (errorBody.length < errorBodyLength + n) {
                errorBody = java.util.Arrays.copyOf(errorBody, errorBodyLength + n);
            }
            buffer.get(errorBody, errorBodyLength, n);
            errorBodyLength += n;
        }
        if (errorBodyLength > 0) {
            upstreamDone = true;
            return true;
        }
        return false;
    }

    @Override
    public void onError(Throwable throwable) {
        lock.lock();
        try {
            if (!upstreamDone) {
                upstreamDone = true;
                failure = throwable;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        drain();
    }

    @Override
    public void onComplete() {
        lock.lock();
        try {
            if (!upstreamDone) {
                upstreamDone = true;
                if (parser != null) {
                    parser.finish();
                    queue.parsed(parser);
                }
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        drain();
    }

    /** Under lock: whether to ask upstream for more bytes now, marking the request made. */
    private boolean wantMore() {
        if (upstream == null || requested || upstreamDone || closed
                || queue.size() >= MAX_QUEUED_ITEMS || queue.chars() >= MAX_QUEUED_CHARS) {
            return false;
        }
        requested = true;
        return true;
    }

    /** Under lock, once upstream is done: the error to report, or null for a clean end. */
    private Throwable terminalError() {
        if (parser == null && !(failure instanceof SseResponseException)) {
            String body = new String(errorBody, 0, errorBodyLength, StandardCharsets.UTF_8);
            SseResponseException refused = new SseResponseException(response.statusCode(), response.headers(), body, uri);
            if (failure != null) {
                refused.addSuppressed(failure); // Reading the refused body failed too.
            }
            failure = refused;
        }
        return failure;
    }

    // ---- consumers ----

    /** Makes the caller the stream's one consumer, or throws if another kind already is. */
    private void claim(Mode wanted, Flow.Subscriber<? super ServerSentEvent> s, SseListener l) {
        lock.lock();
        try {
            if (mode == Mode.NONE) {
                mode = wanted;
                subscriber = s;
                listener = l;
            } else if (mode != wanted || wanted != Mode.BLOCKING) {
                throw new IllegalStateException("an EventStream has one consumer: it is already read "
                        + (mode == Mode.BLOCKING ? "by blocking calls" : mode == Mode.LISTENER
                        ? "by a listener" : "by a Flow.Subscriber"));
            }
        } finally {
            lock.unlock();
        }
    }

    Optional<ServerSentEvent> read() throws IOException {
        claim(Mode.BLOCKING, null, null);
        while (true) {
            Object item;
            Throwable error = null;
            boolean end = false;
            boolean request;
            Flow.Subscription s;
            lock.lock();
            try {
                if (closed) {
                    if (parser == null) {
                        throw (SseResponseException) terminalError();
                    }
                    return Optional.empty();
                }
                item = queue.pollEvent();
                if (item == null && upstreamDone) {
                    end = true;
                    error = terminalError();
                }
                request = wantMore();
                s = upstream;
                if (item == null && !end && !request) {
                    changed.await();
                    continue;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the next event");
            } finally {
                lock.unlock();
            }
            if (request) {
                s.request(1);
            }
            if (item != null) {
                return Optional.of((ServerSentEvent) item);
            }
            if (end) {
                if (error == null) {
                    return Optional.empty();
                }
                throw error instanceof IOException ? (IOException) error : new IOException(error.getMessage(), error);
            }
        }
    }

    void subscribe(Flow.Subscriber<? super ServerSentEvent> s) {
        try {
            claim(Mode.FLOW_PENDING, s, null);
        } catch (IllegalStateException e) {
            s.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            s.onError(e);
            return;
        }
        Flow.Subscription subscription = new Flow.Subscription() {
            @Override
            public void request(long n) {
                if (n <= 0) {
                    failSubscriber(new IllegalArgumentException(
                            "Flow.Subscription.request(n) needs n > 0 (Reactive Streams rule 3.9), got " + n));
                    return;
                }
                lock.lock();
                try {
                    demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
                } finally {
                    lock.unlock();
                }
                drain();
            }

            @Override
            public void cancel() {
                lock.lock();
                try {
                    terminated = true;
                } finally {
                    lock.unlock();
                }
                close();
            }
        };
        try {
            s.onSubscribe(subscription);
        } catch (RuntimeException | Error e) {
            // Reactive Streams rule 2.13: a subscriber that throws is treated as cancelled.
            LOG.log(System.Logger.Level.WARNING, "Flow.Subscriber.onSubscribe threw; cancelling the event stream", e);
            subscription.cancel();
            return;
        }
        lock.lock();
        try {
            mode = Mode.FLOW;
        } finally {
            lock.unlock();
        }
        drain();
    }

    /** Ends the subscription with {@code error}, delivered by the drain loop so signals stay serial. */
    private void failSubscriber(Throwable error) {
        lock.lock();
        try {
            if (terminated || pendingError != null) {
                return;
            }
            pendingError = error;
        } finally {
            lock.unlock();
        }
        close();
    }

    void listen(SseListener l) {
        claim(Mode.LISTENER, null, l);
        drain();
    }

    /** Delivers to the Flow subscriber or listener, one thread at a time. */
    private void drain() {
        if (drainRequests.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            deliver();
            missed = drainRequests.addAndGet(-missed);
        } while (missed != 0);
    }

    private void deliver() {
        while (true) {
            Object item = null;
            Throwable error = null;
            boolean open = false;
            boolean complete = false;
            boolean request;
            Flow.Subscription s;
            lock.lock();
            try {
                if ((mode != Mode.FLOW && mode != Mode.LISTENER) || terminated) {
                    return;
                }
                boolean isListener = mode == Mode.LISTENER;
                if (pendingError != null) {
                    terminated = true;
                    error = pendingError;
                } else if (isListener && !opened && parser != null && !closed) {
                    opened = true;
                    open = true;
                } else if (closed) {
                    // Closing ends the stream quietly, but a refused response stays an error.
                    terminated = true;
                    error = parser == null ? terminalError() : null;
                    complete = error == null;
                } else {
                    // A subscriber sees events only, a listener events and comments.
                    boolean available = isListener ? queue.hasItem() : queue.hasEvent();
                    if (available && (isListener || demand > 0)) {
                        item = queue.poll();
                        if (!isListener) {
                            demand--;
                        }
                    } else if (!available && upstreamDone) {
                        terminated = true;
                        error = terminalError();
                        complete = error == null;
                    }
                }
                request = wantMore();
                s = upstream;
            } finally {
                lock.unlock();
            }
            if (request) {
                s.request(1);
            }
            if (open) {
                callListener(l -> l.onOpen(stream));
            } else if (item != null) {
                deliverItem(item);
            } else if (complete || error != null) {
                deliverTerminal(error);
                return;
            } else {
                return;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void deliverItem(Object item) {
        if (listener != null) {
            if (item instanceof String) {
                callListener(l -> l.onComment((String) item));
            } else {
                callListener(l -> l.onEvent((ServerSentEvent) item));
            }
            return;
        }
        try {
            subscriber.onNext((ServerSentEvent) item);
        } catch (RuntimeException | Error e) {
            // Reactive Streams rule 2.13: a subscriber that throws is treated as cancelled.
            LOG.log(System.Logger.Level.WARNING, "Flow.Subscriber.onNext threw; cancelling the event stream", e);
            lock.lock();
            try {
                terminated = true;
            } finally {
                lock.unlock();
            }
            close();
        }
    }

    private void callListener(java.util.function.Consumer<SseListener> call) {
        try {
            call.accept(listener);
        } catch (RuntimeException | Error e) {
            lock.lock();
            try {
                if (terminated) {
                    return;
                }
                terminated = true;
            } finally {
                lock.unlock();
            }
            close();
            deliverTerminal(e);
        }
    }

    private void deliverTerminal(Throwable error) {
        try {
            if (listener != null) {
                if (error == null) {
                    listener.onClosed();
                } else {
                    listener.onError(error);
                }
            } else if (error == null) {
                subscriber.onComplete();
            } else {
                subscriber.onError(error);
            }
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.WARNING, "event stream terminal callback threw", e);
        }
    }

    @Override
    public String toString() {
        lock.lock();
        try {
            return "EventStream[status=" + response.statusCode() + ", consumer=" + mode
                    + ", queued=" + queue.size() + (upstreamDone ? ", ended" : requested ? ", reading" : ", paused")
                    + (closed ? ", closed" : "") + (failure != null ? ", failed: " + failure : "")
                    + ", demand=" + demand + ", terminated=" + terminated + ", drain=" + drainRequests.get() + "]";
        } finally {
            lock.unlock();
        }
    }

    void close() {
        Flow.Subscription s;
        boolean cancel;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            queue.clear();
            s = upstream;
            cancel = s != null && !upstreamDone;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (cancel) {
            s.cancel();
        }
        drain();
    }
}
