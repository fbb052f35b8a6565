package io.sse4j.internal;

import io.sse4j.SseOptions;
import io.sse4j.SseTransport;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One connection attempt of a reconnecting source: opens one exchange on the transport, reads it
 * into the shared {@link EventBuffer}, watches it for the idle timeout, and reports exactly one
 * {@link Outcome}. It tells its owner of nothing else but {@link #opened()}: the owner listens to
 * two futures and decides.
 *
 * <pre>
 *   start() ──open──▶ transport ──head──▶ event stream? ──yes──▶ opened; items ──▶ buffer
 *      │                  │                    │ no                        │ end, break, idle
 *      │ threw            │ no response        ▼                           ▼
 *      └──▶ Fatal         └──▶ Unreachable    NoContent / Refused / Fatal   Ended / Broke / Idle / Fatal
 * </pre>
 */
public final class ConnectionAttempt implements ResponseReader.Owner {

    /** Counters that outlive the attempt: bytes and events over all connections. */
    public record Counters(AtomicLong bytes, AtomicLong events) {
    }

    private final SseTransport transport;
    private final SseTransport.Attempt attempt;
    private final Map<String, String> headers;
    private final EventBuffer buffer;
    private final LastEventIds start;
    private final Timer timer;
    private final Duration idleTimeout;
    private final Counters counters;
    private final ResponseReader reader;
    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    private final CompletableFuture<HttpResponse.ResponseInfo> opened = new CompletableFuture<>();
    private volatile boolean aborted;
    private volatile boolean delivered;
    /** Whether the exchange's request may be sent again from the start; unknown (true) until open returns. */
    private volatile boolean idempotent = true;
    private volatile boolean idleAborted;
    private volatile Instant lastActivity;
    /**
     * A chunk has been asked for and has not arrived: silence now is the server's. Written after
     * {@code lastActivity}, read before it, so a check that sees it set sees the time of the ask.
     */
    private volatile boolean asking;
    /** Guarded by this. */
    private Future<?> idleCheck;

    public ConnectionAttempt(SseTransport transport, SseTransport.Attempt attempt, Map<String, String> headers,
            SseOptions options, EventBuffer buffer, LastEventIds start, Timer timer, Duration idleTimeout,
            Counters counters) {
        this.transport = transport;
        this.attempt = attempt;
        this.headers = headers;
        this.buffer = buffer;
        this.start = start;
        this.timer = timer;
        this.idleTimeout = idleTimeout;
        this.counters = counters;
        this.reader = new ResponseReader(options, buffer, start.received(), null, this);
    }

    /** Completes with the response once it is known to be an event stream, before any of its items. */
    public CompletableFuture<HttpResponse.ResponseInfo> opened() {
        return opened;
    }

    /** Completes once, with how the attempt ended. */
    public CompletableFuture<Outcome> outcome() {
        return outcome;
    }

    /** Opens the exchange, unless aborted first. What the transport (or the request hook in it) throws is Fatal. */
    public void start() {
        if (aborted) {
            report(new Outcome.Fatal(progress(), new IOException("aborted before it started")));
            return;
        }
        SseTransport.Exchange exchange;
        try {
            exchange = Objects.requireNonNull(transport.open(attempt, headers, reader), "the transport returned no exchange");
        } catch (Throwable t) {
            report(new Outcome.Fatal(progress(), t));
            return;
        }
        idempotent = exchange.idempotent();
        reader.bind(exchange);
    }

    /** Aborts the exchange from any thread, at any point; the outcome that follows (if any) is moot. */
    public void abort() {
        aborted = true;
        cancelIdleCheck();
        reader.abort(new IOException("the event source was closed"));
    }

    // ---- the reader's reports ----

    @Override
    public void head(ResponseReader r) {
        if (aborted) {
            r.abort(new IOException("the event source was closed"));
            return;
        }
        HttpResponse.ResponseInfo response = r.response();
        if (r.readable()) {
            lastActivity = timer.now();
            opened.complete(response);
            // Queued before any of its events, which flow from attach on.
            buffer.add(new Item.Opened(response));
            scheduleIdleCheck(idleTimeout);
            buffer.attach(r);
        } else if (response.statusCode() == 204) {
            r.abort(null);
            report(new Outcome.NoContent(progress()));
        } else if (r.undecodable() != null) {
            IOException why = r.undecodable();
            r.abort(why);
            report(new Outcome.Fatal(progress(), why));
        } else {
            r.refusal().whenComplete((refusal, error) -> {
                r.abort(null);
                if (refusal != null) {
                    report(new Outcome.Refused(progress(), refusal,
                            RetryTiming.retryAfter(response.headers(), timer.now())));
                } else {
                    report(new Outcome.Fatal(progress(), error));
                }
            });
        }
    }

    @Override
    public void received(long bytes, long events) {
        lastActivity = timer.now();
        asking = false;
        counters.bytes().addAndGet(bytes);
        if (events > 0) {
            counters.events().addAndGet(events);
            delivered = true;
        }
    }

    @Override
    public void asked() {
        if (!idleTimeout.isZero()) {
            lastActivity = timer.now(); // Silence counts from when reading resumed, not from a pause before it.
            asking = true;
        }
    }

    @Override
    public void ended(ResponseReader r, ItemQueue rest, Throwable failure) {
        cancelIdleCheck();
        buffer.detach(rest);
        Outcome.Progress progress = progress();
        if (failure == null) {
            report(new Outcome.Ended(progress));
        } else if (idleAborted && failure instanceof HttpTimeoutException) {
            report(new Outcome.Idle(progress, (HttpTimeoutException) failure));
        } else if (isFatal(failure)) {
            report(new Outcome.Fatal(progress, failure));
        } else {
            report(new Outcome.Broke(progress, failure));
        }
    }

    @Override
    public void failed(Throwable error) {
        report(error instanceof IOException ? new Outcome.Unreachable(progress(), error)
                : new Outcome.Fatal(progress(), error));
    }

    /** Failures never retried, whatever the policy: a limit crossed, corrupt compression, an Error, a bug. */
    private static boolean isFatal(Throwable cause) {
        return cause instanceof java.net.ProtocolException || cause instanceof java.util.zip.ZipException
                || cause instanceof Error || cause instanceof RuntimeException;
    }

    private void report(Outcome o) {
        opened.cancel(false); // If it never opened, it never will.
        outcome.complete(o);
    }

    private Outcome.Progress progress() {
        return new Outcome.Progress(start.after(reader.parsedLastEventId(), reader.parsedSendableId()),
                reader.parsedReconnectionTime(), delivered, idempotent);
    }

    // ---- the idle timeout ----

    private void scheduleIdleCheck(Duration after) {
        if (idleTimeout.isZero()) {
            return;
        }
        synchronized (this) {
            if (!aborted && !outcome.isDone()) {
                idleCheck = timer.schedule(this::checkIdle, after);
            }
        }
    }

    private void cancelIdleCheck() {
        Future<?> check;
        synchronized (this) {
            check = idleCheck;
            idleCheck = null;
        }
        if (check != null) {
            check.cancel(false);
        }
    }

    /** Aborts a connection that received nothing for the idle timeout; else checks again later. */
    private void checkIdle() {
        if (aborted || outcome.isDone()) {
            return;
        }
        Instant now = timer.now();
        if (!asking) {
            // Nothing is asked for: the consumer is behind, or a blocking reader is busy elsewhere,
            // and the socket is not being read. Not the server's silence.
            lastActivity = now;
        }
        Duration idle = Duration.between(lastActivity, now);
        if (idle.compareTo(idleTimeout) < 0) {
            scheduleIdleCheck(idleTimeout.minus(idle));
            return;
        }
        idleAborted = true;
        reader.abort(new HttpTimeoutException("no bytes from " + reader.uri() + " for " + idleTimeout.toMillis()
                + " ms (the idle timeout): taking the connection for dead"));
    }
}
