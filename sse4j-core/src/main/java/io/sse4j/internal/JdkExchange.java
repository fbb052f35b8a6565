package io.sse4j.internal;

import io.sse4j.SseTransport;
import io.sse4j.SseTransport.Exchange;
import io.sse4j.SseTransport.Receiver;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One exchange of the built-in transport, no redirect followed: the body handler and subscriber of its response, and the order of what the
 * receiver hears.
 */
public final class JdkExchange implements Exchange, HttpResponse.BodyHandler<Void>, HttpResponse.BodySubscriber<Void> {

    /** One request's exchange, not sent yet: {@link JdkExchange#sendOn} sends it; it reports the response, whatever it is. */
    static JdkExchange of(HttpRequest request, Receiver receiver) {
        JdkExchange exchange = new JdkExchange(request.uri(), receiver, SseTransport.isIdempotent(request.method()));
        exchange.request = request;
        return exchange;
    }

    private final URI requested;
    private final Receiver receiver;
    private final boolean idempotent;
    private final ReentrantLock lock = new ReentrantLock();
    // Guarded by lock; no call out is made while holding it.
    private CompletableFuture<?> sending;
    private Flow.Subscription subscription;
    private HttpResponse.ResponseInfo info;
    private boolean headReported;
    private volatile boolean aborted;
    private boolean terminated;
    private boolean requestPending;
    /** The body's end while the head is not reported yet: null, or COMPLETE, or the error. */
    private Object heldEnd;

    private static final Object COMPLETE = new Object();
    /** The request sent, for naming it in a failure; null for a response handed over by the JDK. */
    private HttpRequest request;

    JdkExchange(URI requested, Receiver receiver, boolean idempotent) {
        this.requested = requested;
        this.receiver = receiver;
        this.idempotent = idempotent;
    }

    @Override
    public boolean idempotent() {
        return idempotent;
    }

    /**
     * An exchange whose response the JDK hands to a caller's own {@code send} (the
     * {@code BodyHandler} idiom): its head is reported at once, with no URI.
     */
    static JdkExchange ofResponse(HttpResponse.ResponseInfo info, Receiver receiver) {
        JdkExchange exchange = new JdkExchange(null, receiver, true);
        exchange.apply(info);
        exchange.head(null, null);
        return exchange;
    }

    /** Sends the request on {@code sender}, following no redirect. */
    void sendOn(HttpClient sender) {
        sent(sender.sendAsync(request, this));
    }

    void sent(CompletableFuture<HttpResponse<Void>> future) {
        boolean abort;
        lock.lock();
        try {
            sending = future;
            abort = aborted;
        } finally {
            lock.unlock();
        }
        if (abort) {
            future.cancel(true);
            return;
        }
        future.whenComplete((response, error) -> {
            if (response != null) {
                head(response.uri(), null);
            } else {
                head(requested, unwrap(error));
            }
        });
    }

    /** The JDK completed the response, or failed it: reports the head, then anything held back. */
    private void head(URI uri, Throwable failure) {
        HttpResponse.ResponseInfo response;
        lock.lock();
        try {
            if (aborted || terminated) {
                return;
            }
            response = info;
            if (response == null || (failure != null && !(failure instanceof IOException))) {
                terminated = true; // No response at all: the failure is all there is.
                response = null;
            }
        } finally {
            lock.unlock();
        }
        if (response == null) {
            receiver.onError(request == null ? failure : Failures.naming(failure, request.method(), uri));
            return;
        }
        receiver.onResponse(response, uri);
        Object end;
        lock.lock();
        try {
            headReported = true;
            end = heldEnd != null ? heldEnd : failure;
            heldEnd = null;
            if (end != null) {
                terminated = true;
            }
        } finally {
            lock.unlock();
        }
        if (end == COMPLETE) {
            receiver.onComplete();
        } else if (end != null) {
            receiver.onError((Throwable) end);
        }
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    // ---- the JDK's side ----

    @Override
    public HttpResponse.BodySubscriber<Void> apply(HttpResponse.ResponseInfo responseInfo) {
        lock.lock();
        try {
            info = responseInfo;
        } finally {
            lock.unlock();
        }
        return this;
    }

    @Override
    public CompletionStage<Void> getBody() {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        boolean cancel;
        boolean request;
        lock.lock();
        try {
            cancel = aborted || subscription != null;
            if (!cancel) {
                subscription = s;
            }
            request = !cancel && requestPending;
            requestPending = false;
        } finally {
            lock.unlock();
        }
        if (cancel) {
            s.cancel();
        } else if (request) {
            s.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (!aborted) {
            receiver.onBody(buffers);
        }
    }

    @Override
    public void onError(Throwable error) {
        end(error);
    }

    @Override
    public void onComplete() {
        end(COMPLETE);
    }

    private void end(Object how) {
        lock.lock();
        try {
            if (aborted || terminated) {
                return;
            }
            if (!headReported) {
                heldEnd = how;
                return;
            }
            terminated = true;
        } finally {
            lock.unlock();
        }
        if (how == COMPLETE) {
            receiver.onComplete();
        } else {
            receiver.onError((Throwable) how);
        }
    }

    // ---- sse4j's side ----

    @Override
    public void request() {
        Flow.Subscription s;
        lock.lock();
        try {
            s = subscription;
            if (s == null) {
                requestPending = true;
            }
        } finally {
            lock.unlock();
        }
        if (s != null) {
            s.request(1);
        }
    }

    @Override
    public void abort() {
        CompletableFuture<?> future;
        Flow.Subscription s;
        lock.lock();
        try {
            if (aborted) {
                return;
            }
            aborted = true;
            future = sending;
            s = subscription;
        } finally {
            lock.unlock();
        }
        if (future != null) {
            future.cancel(true);
        }
        if (s != null) {
            s.cancel();
        }
    }
}
