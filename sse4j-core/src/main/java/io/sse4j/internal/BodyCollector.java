package io.sse4j.internal;

import java.io.IOException;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * Reads a response body that is not an event stream, once asked: whole for
 * {@code EventStream.readBody()} (failing past a size limit), or its start for the message of an
 * {@code SseResponseException} (stopping at a cap or when a short wait runs out, whichever comes
 * first, so that the error never waits on a slow body). Nothing is requested from the JDK until
 * then, so an unread body costs nothing but the open connection.
 */
public final class BodyCollector {

    /** What was read: the bytes, and the failure that cut reading short if any (error mode only). */
    static final class Body {
        final byte[] bytes;
        final int length;
        final Throwable failure;

        Body(byte[] bytes, int length, Throwable failure) {
            this.bytes = bytes;
            this.length = length;
            this.failure = failure;
        }
    }

    private final List<ContentDecoder> decoders;
    private final IOException undecodable;

    // Guarded by this; no call out is made while holding it.
    private Flow.Subscription upstream;
    private boolean requested;
    private boolean upstreamDone;
    private CompletableFuture<Body> result;
    private int cap;
    private boolean whole;
    private byte[] bytes = Buffers.EMPTY;
    private int length;
    /** How the body ended before anyone asked for it: null for cleanly. */
    private Throwable endedWith;

    /**
     * @param decoders    the response's content decoders, outermost first
     * @param undecodable why the content cannot be decoded, or null
     */
    BodyCollector(List<ContentDecoder> decoders, IOException undecodable) {
        this.decoders = decoders;
        this.undecodable = undecodable;
    }

    /**
     * Starts reading, once: the whole body up to {@code cap} bytes, failing past it ({@code whole}),
     * or at most {@code cap} bytes within {@code wait}. A second call asking the same returns the
     * first call's future; one asking the other fails: the body is read once, one way.
     */
    CompletableFuture<Body> collect(int cap, boolean whole, Duration wait) {
        CompletableFuture<Body> started;
        boolean request;
        synchronized (this) {
            if (result != null) {
                if (whole != this.whole) {
                    return CompletableFuture.failedFuture(new IllegalStateException(this.whole
                            ? "the body is being read whole by readBody(): it cannot also be the start of an error"
                            : "the body was read for an SseResponseException: readBody() cannot read it again"));
                }
                return result;
            }
            started = result = new CompletableFuture<>();
            this.cap = cap;
            this.whole = whole;
            request = wantMore() && !(whole && undecodable != null);
        }
        if (whole && undecodable != null) {
            stop(undecodable);
        } else if (!whole) {
            if (wait.isZero()) {
                stop(null);
            } else {
                CompletableFuture.delayedExecutor(wait.toNanos(), TimeUnit.NANOSECONDS).execute(() -> stop(null));
            }
        }
        finishIfDone();
        requestIfWanted(request);
        return started;
    }

    void onSubscribe(Flow.Subscription subscription) {
        boolean request;
        boolean cancel;
        synchronized (this) {
            upstream = subscription;
            cancel = upstreamDone;
            request = wantMore();
        }
        if (cancel) {
            subscription.cancel();
        }
        requestIfWanted(request);
    }

    void onNext(List<ByteBuffer> buffers) {
        Throwable failure = null;
        boolean request;
        synchronized (this) {
            requested = false;
            if (!upstreamDone) {
                try {
                    for (ByteBuffer buffer : buffers) {
                        decode(0, buffer);
                    }
                } catch (IOException | RuntimeException e) {
                    failure = e;
                }
            }
            request = wantMore();
        }
        if (failure != null) {
            stop(failure);
        } else if (reachedCap()) {
            stop(null);
        }
        requestIfWanted(request);
    }

    void onError(Throwable error) {
        synchronized (this) {
            upstreamDone = true;
            endedWith = error;
        }
        finish(error);
    }

    void onComplete() {
        Throwable failure = null;
        synchronized (this) {
            upstreamDone = true;
            if (undecodable == null) {
                try {
                    for (ContentDecoder decoder : decoders) {
                        decoder.finish();
                    }
                } catch (IOException e) {
                    failure = e;
                }
            }
            endedWith = failure;
        }
        finish(failure);
    }

    /** Stops reading: closing the stream. A reader of the whole body is told the stream was closed. */
    void cancel() {
        stop(new IOException("the stream was closed before its body was read"));
    }

    private void decode(int index, ByteBuffer buffer) throws IOException {
        if (index == decoders.size() || undecodable != null) {
            append(buffer);
        } else {
            decoders.get(index).decode(buffer, (b, off, len) -> decode(index + 1, ByteBuffer.wrap(b, off, len)));
        }
    }

    /** Under lock. */
    private void append(ByteBuffer buffer) throws ProtocolException {
        int n = buffer.remaining();
        if (whole && (long) length + n > cap) {
            throw new ProtocolException("response body larger than maxBodySize of " + cap + " bytes (see SseOptions)");
        }
        n = Math.min(n, cap - length);
        if (length + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.min(cap, Math.max(length + n, Math.max(256, bytes.length * 2))));
        }
        buffer.get(bytes, length, n);
        buffer.position(buffer.limit());
        length += n;
    }

    private synchronized boolean reachedCap() {
        return !whole && length >= cap;
    }

    /** Under lock: whether to request the next buffer list now, marking the request made. */
    private boolean wantMore() {
        if (result == null || upstream == null || requested || upstreamDone || result.isDone()) {
            return false;
        }
        requested = true;
        return true;
    }

    private void requestIfWanted(boolean request) {
        if (request) {
            Flow.Subscription s;
            synchronized (this) {
                s = upstream;
            }
            s.request(1);
        }
    }

    /** Ends reading early: with what was read, or failing a whole read with {@code failure}. */
    private void stop(Throwable failure) {
        Flow.Subscription cancel;
        synchronized (this) {
            cancel = upstreamDone ? null : upstream;
            upstreamDone = true;
        }
        if (cancel != null) {
            cancel.cancel();
        }
        finish(failure);
    }

    private void finishIfDone() {
        boolean done;
        Throwable failure;
        synchronized (this) {
            done = upstreamDone;
            failure = endedWith;
        }
        if (done) {
            finish(failure);
        }
    }

    private void finish(Throwable failure) {
        CompletableFuture<Body> r;
        Body body;
        boolean wholeBody;
        synchronized (this) {
            wholeBody = whole;
            r = result;
            if (r == null) {
                return; // Not started: the outcome waits for collect().
            }
            body = new Body(bytes, length, failure);
            decoders.forEach(ContentDecoder::end);
        }
        if (wholeBody && failure != null) {
            r.completeExceptionally(failure);
        } else {
            r.complete(body);
        }
    }
}
