package io.sse4j;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A Server-Sent Events source that reconnects, as the browser's {@code EventSource} does
 * (WHATWG HTML §9.2.3), and better: backoff with jitter, {@code Retry-After}, an idle timeout,
 * and a clear line between failures it retries and failures that end it.
 *
 * <pre>{@code
 * try (EventSource source = EventSource.newBuilder(client, request).build()) {
 *     for (ServerSentEvent event : source) {          // across reconnects, each event once
 *         System.out.println(event.lastEventId() + ": " + event.data());
 *     }
 * }
 * }</pre>
 *
 * <h2>What it does</h2>
 * <ul>
 *   <li>It connects as soon as it is built ({@link ReadyState#CONNECTING}), is
 *       {@link ReadyState#OPEN} while a connection streams, and reconnects after a network error,
 *       a broken stream, an idle timeout, or a clean end of the stream, sending
 *       {@code Last-Event-ID} once the last event ID is not empty.</li>
 *   <li>It waits as its {@link RetryPolicy} says (by default the server's {@code retry:} time,
 *       3 s until one is sent, then exponential backoff with jitter above it, capped at 30 s, at
 *       least 100 ms). The count of failures in a row starts again once a connection has delivered
 *       an event.</li>
 *   <li>5xx, 408 and 429 are retried, honouring {@code Retry-After} (seconds or an HTTP date),
 *       clamped to the policy's cap.</li>
 *   <li>Fatal, with one terminal error carrying the response ({@link SseResponseException}): any
 *       other non-2xx status, and a 2xx that is not {@code text/event-stream}. HTTP 204 No Content
 *       closes the source cleanly: the spec's "stop reconnecting".</li>
 * </ul>
 *
 * <h2>Consumers</h2>
 * All connections read as one sequence: blocking ({@link #read()}, {@link #readItem()},
 * iteration, {@link #stream()}), one {@link Flow.Subscriber} with exact demand ({@link #subscribe},
 * {@link #itemPublisher()}), or one {@link EventSourceListener} that also hears of each opening
 * and reconnect. Events buffered when a connection breaks are kept and delivered; nothing is
 * lost or repeated across a reconnect, as far as the server honours {@code Last-Event-ID}.
 *
 * <h2>Closing</h2>
 * {@link #close()} is idempotent, works from any thread and from inside a callback, and stops a
 * pending reconnect or connection attempt at once; the consumer then sees the end (blocking reads
 * return empty, a subscriber completes, a listener gets {@code onClosed}).
 *
 * <h2>Observing</h2>
 * {@link #readyState()}, {@link #lastEventId()}, {@link #attempts()}, {@link #events()},
 * {@link #bytes()} and {@link #reconnects()} read without locking, for health checks and
 * dashboards.
 *
 * <h2>Logging</h2>
 * Through {@link System.Logger} {@code io.sse4j.EventSource}: each reconnect at {@code DEBUG},
 * a source that fails for good at {@code WARNING}. Event data is never logged.
 */
public final class EventSource implements Closeable, Iterable<ServerSentEvent>, Flow.Publisher<ServerSentEvent> {

    private static final System.Logger LOG = System.getLogger(EventSource.class.getName());

    /** The reconnection time before a server sets one with {@code retry:}: 3 s, as browsers use. */
    public static final Duration DEFAULT_RECONNECTION_TIME = Duration.ofSeconds(3);

    /** The source's state, as the spec names it. */
    public enum ReadyState {
        /** Connecting, or waiting to reconnect. */
        CONNECTING,
        /** A connection is streaming. */
        OPEN,
        /** Closed by the client, stopped by the server (204), or failed for good. */
        CLOSED
    }

    /**
     * Time for an {@link EventSource}: now, and running a task later. Inject one that tests drive
     * to test reconnects in virtual time; the default is the system clock and one shared daemon
     * thread.
     */
    public interface Scheduler {

        /**
         * The current time.
         *
         * @return now
         */
        Instant now();

        /**
         * Runs {@code task} once after {@code delay}. The task is short and must not block.
         *
         * @param task  what to run
         * @param delay how long from now
         * @return a handle to cancel the task
         */
        Future<?> schedule(Runnable task, Duration delay);

        /**
         * The system clock, and one daemon thread that all sources share.
         *
         * @return the system scheduler
         */
        static Scheduler system() {
            return SystemScheduler.INSTANCE;
        }
    }

    /**
     * What a request hook knows when it builds the request of a connection attempt.
     *
     * @param number      the attempt, from 1 for the first connection
     * @param lastEventId the last event ID, {@code ""} if none; sent as {@code Last-Event-ID}
     *                    (or, if it cannot be a header value, the last one that can) unless the
     *                    hook's request sets that header itself
     * @param lastFailure why the previous attempt ended, if this is a reconnect
     */
    public record Attempt(int number, String lastEventId, Optional<Throwable> lastFailure) {

        /**
         * Checks the values.
         *
         * @param number      the attempt, from 1
         * @param lastEventId the last event ID
         * @param lastFailure why the previous attempt ended
         */
        public Attempt {
            Objects.requireNonNull(lastEventId, "lastEventId");
            Objects.requireNonNull(lastFailure, "lastFailure");
        }
    }

    /**
     * A new builder for a source that sends {@code request} (again on every reconnect, body
     * included) on {@code client}. See {@link EventStream#newClientBuilder()} for a client set up
     * for event streams.
     *
     * @param client  the client
     * @param request the request; {@code Accept}, {@code Cache-Control} and {@code Last-Event-ID}
     *                are added unless it sets them
     * @return the builder
     */
    public static Builder newBuilder(HttpClient client, HttpRequest request) {
        Objects.requireNonNull(request, "request");
        return new Builder(client, attempt -> request);
    }

    /**
     * A new builder for a source that builds the request of each connection attempt with
     * {@code requests}: to refresh an auth token, or move a cursor into the URL or body.
     *
     * @param client   the client
     * @param requests builds the request of each attempt; {@code Accept}, {@code Cache-Control}
     *                 and {@code Last-Event-ID} are added unless it sets them
     * @return the builder
     */
    public static Builder newBuilder(HttpClient client, Function<Attempt, HttpRequest> requests) {
        return new Builder(client, Objects.requireNonNull(requests, "requests"));
    }

    /** Settings of an {@link EventSource}; {@link #build()} connects. Not thread-safe. */
    public static final class Builder {
        private final HttpClient client;
        private final Function<Attempt, HttpRequest> requests;
        private SseOptions options = SseOptions.defaults();
        private RetryPolicy retryPolicy = RetryPolicy.exponentialBackoff();
        private String lastEventId = "";
        private Duration idleTimeout = Duration.ZERO;
        private Scheduler scheduler = Scheduler.system();

        private Builder(HttpClient client, Function<Attempt, HttpRequest> requests) {
            this.client = Objects.requireNonNull(client, "client");
            this.requests = requests;
        }

        /**
         * Parsing limits and error-body settings; default {@link SseOptions#defaults()}.
         *
         * @param options the options
         * @return this builder
         */
        public Builder options(SseOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * When and how long to wait before reconnecting; default
         * {@link RetryPolicy#exponentialBackoff()}.
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * The last event ID to start from, e.g. saved by an earlier run: the first connection sends
         * it as {@code Last-Event-ID}. Default {@code ""}, none.
         *
         * @param lastEventId the last event ID
         * @return this builder
         */
        public Builder lastEventId(String lastEventId) {
            this.lastEventId = Objects.requireNonNull(lastEventId, "lastEventId");
            return this;
        }

        /**
         * How long a connection may go without receiving a byte (comments count, so servers'
         * heartbeats keep it alive) before it is taken for dead and replaced. Distinct from
         * socket timeouts, which the JDK client does not apply to a body. Default zero: none.
         *
         * @param timeout the idle timeout, zero for none
         * @return this builder
         */
        public Builder idleTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("idleTimeout must not be negative, got " + timeout);
            }
            this.idleTimeout = timeout;
            return this;
        }

        /**
         * The clock and timer for delays and the idle timeout; default {@link Scheduler#system()}.
         *
         * @param scheduler the scheduler
         * @return this builder
         */
        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /**
         * Builds the source and starts its first connection.
         *
         * @return the source, which must be closed
         */
        public EventSource build() {
            EventSource source = new EventSource(this);
            source.connect();
            return source;
        }
    }

    private final HttpClient client;
    private final Function<Attempt, HttpRequest> requests;
    private final SseOptions options;
    private final RetryPolicy retryPolicy;
    private final Duration idleTimeout;
    private final Scheduler scheduler;
    private final EventBuffer buffer = new EventBuffer();
    private final ConsumerClaim consumer = new ConsumerClaim("an EventSource");
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();

    /** Guards the connection state below; no HTTP call, policy or consumer call is made holding it. */
    private final ReentrantLock lock = new ReentrantLock();
    private volatile ReadyState state = ReadyState.CONNECTING;
    private volatile String lastEventId;
    private volatile int attempts;
    private Duration reconnectionTime = DEFAULT_RECONNECTION_TIME;
    private int failuresInARow;
    private Instant firstFailure;
    private Throwable lastFailure;
    /** The request of the current attempt, for logs and errors. */
    private URI currentUri;
    private Connection connection;
    private CompletableFuture<?> sending;
    private Future<?> pendingRetry;
    private Future<?> idleCheck;
    /** The last event ID sent in a header: one that cannot be sent is replaced by this one. */
    private String lastSendableId = "";

    private EventSource(Builder builder) {
        this.client = builder.client;
        this.requests = builder.requests;
        this.options = builder.options;
        this.retryPolicy = builder.retryPolicy;
        this.idleTimeout = builder.idleTimeout;
        this.scheduler = builder.scheduler;
        this.lastEventId = builder.lastEventId;
        if (isSendable(lastEventId)) {
            lastSendableId = lastEventId;
        }
        buffer.startAt(lastEventId);
        // A consumer that cancels, or a callback that throws, closes the buffer: stop connecting too.
        buffer.onClose(this::stop);
    }

    // ---- connecting ----

    /** Makes the next connection attempt (on the builder's thread, then on the scheduler's). */
    private void connect() {
        Attempt info;
        lock.lock();
        try {
            if (state == ReadyState.CLOSED) {
                return;
            }
            pendingRetry = null;
            info = new Attempt(++attempts, lastEventId, Optional.ofNullable(lastFailure));
        } finally {
            lock.unlock();
        }
        HttpRequest request;
        try {
            request = prepare(requests.apply(info));
        } catch (RuntimeException e) {
            failForGood(e); // A request hook that throws, or a request that cannot be sent.
            return;
        }
        Connection attempt = new Connection(request.uri());
        lock.lock();
        try {
            if (state == ReadyState.CLOSED) {
                return;
            }
            currentUri = request.uri();
            connection = attempt;
        } finally {
            lock.unlock();
        }
        CompletableFuture<HttpResponse<EventStream>> sent = client.sendAsync(request, attempt);
        lock.lock();
        try {
            if (connection == attempt) {
                sending = sent;
            }
        } finally {
            lock.unlock();
        }
        sent.whenComplete(attempt::sent);
    }

    /** The request as sent: the headers an event stream needs, and {@code Last-Event-ID}. */
    private HttpRequest prepare(HttpRequest request) {
        HttpRequest withDefaults = EventStream.prepare(Objects.requireNonNull(request, "the request hook returned null"));
        String id = lastEventId;
        if (id.isEmpty() || withDefaults.headers().firstValue("Last-Event-ID").isPresent()) {
            return withDefaults;
        }
        String sent = id;
        if (!isSendable(id)) {
            // Control characters cannot be in a header, and the JDK's client sends header values
            // as ASCII (anything else becomes '?'). Resume from the last ID that could be sent:
            // the server may send some events again, which beats losing them (no header would
            // restart the stream) or a reconnect loop that breaks.
            sent = lastSendableId;
            LOG.log(System.Logger.Level.WARNING, "the last event ID cannot be sent as a header (it is not printable"
                    + " ASCII); resuming from the last one that can, \"" + sent + "\", so some events may come again");
        }
        if (sent.isEmpty()) {
            return withDefaults;
        }
        return HttpRequest.newBuilder(withDefaults, (name, value) -> true).header("Last-Event-ID", sent).build();
    }

    /**
     * Whether {@code id} can be sent as {@code Last-Event-ID} as it is: printable ASCII (tabs and
     * inner spaces allowed), as the JDK's client writes header values in ASCII.
     */
    static boolean isSendable(String id) {
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if ((c < 0x20 && c != '\t') || c >= 0x7F) {
                return false;
            }
        }
        return id.isEmpty() || (id.charAt(0) != ' ' && id.charAt(0) != '\t'
                && id.charAt(id.length() - 1) != ' ' && id.charAt(id.length() - 1) != '\t');
    }

    /** One connection attempt: its body handler, its response, and how it ended. */
    private final class Connection implements HttpResponse.BodyHandler<EventStream>, ResponseSubscriber.Owner {
        private final URI uri;
        private volatile ResponseSubscriber subscriber;
        private volatile Instant lastActivity;
        private volatile boolean delivered;

        Connection(URI uri) {
            this.uri = uri;
        }

        @Override
        public HttpResponse.BodySubscriber<EventStream> apply(HttpResponse.ResponseInfo info) {
            ResponseSubscriber s = new ResponseSubscriber(info, options, uri, buffer, lastEventId, this);
            subscriber = s;
            if (s.eventStream() && s.undecodable() == null && opened(this, info)) {
                // Queued before any of its events, which the subscriber delivers from onSubscribe on.
                buffer.add(new Item.Opened(info));
            }
            return s;
        }

        /** The send completed: with the response (its body already flowing), or failed. */
        void sent(HttpResponse<EventStream> response, Throwable error) {
            ResponseSubscriber s = subscriber;
            if (response != null) {
                s.bindUri(response.uri());
                if (!s.eventStream() || s.undecodable() != null) {
                    refused(this, s);
                }
                return;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (s != null && s.eventStream() && s.undecodable() == null) {
                // The body failed before the JDK completed the response: end it with that cause.
                s.onError(cause);
            } else {
                EventSource.this.ended(this, cause, Optional.empty());
            }
        }

        @Override
        public void received(long count, long newEvents) {
            lastActivity = scheduler.now();
            bytes.addAndGet(count);
            if (newEvents > 0) {
                events.addAndGet(newEvents);
                delivered = true;
            }
        }

        @Override
        public void ended(ResponseSubscriber which, ItemQueue rest, Throwable failure) {
            lock.lock();
            try {
                lastEventId = which.parsedLastEventId();
                if (!which.parsedSendableId().isEmpty()) {
                    lastSendableId = which.parsedSendableId();
                }
                which.parsedReconnectionTime().ifPresent(time -> reconnectionTime = time);
            } finally {
                lock.unlock();
            }
            buffer.detach(rest);
            EventSource.this.ended(this, failure == null ? new CleanEnd() : failure, Optional.empty());
        }
    }

    /** Under no lock: a connection turned out to be an event stream. Returns false if closed meanwhile. */
    private boolean opened(Connection c, HttpResponse.ResponseInfo info) {
        lock.lock();
        try {
            if (state == ReadyState.CLOSED || connection != c) {
                return false;
            }
            state = ReadyState.OPEN;
            c.lastActivity = scheduler.now();
            scheduleIdleCheck(c, idleTimeout);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** A response that is not an event stream: 204 stops, 5xx/408/429 retry, anything else is fatal. */
    private void refused(Connection c, ResponseSubscriber s) {
        int status = s.response().statusCode();
        IOException undecodable = s.undecodable();
        if (status == 204 || undecodable != null) {
            s.abort(undecodable);
            if (undecodable == null) {
                end(null); // 204 is the spec's "stop reconnecting": a clean end.
            } else {
                failForGood(undecodable);
            }
            return;
        }
        s.refusal().whenComplete((refusal, error) -> {
            s.abort(null);
            Throwable cause = refusal != null ? refusal : error;
            if (status >= 500 || status == 408 || status == 429) {
                ended(c, cause, retryAfter(s.response().headers()));
            } else {
                failForGood(cause);
            }
        });
    }

    /** The {@code Retry-After} of a response, as a delay from now: seconds or an HTTP date. */
    private Optional<Duration> retryAfter(HttpHeaders headers) {
        Optional<String> value = headers.firstValue("Retry-After").map(String::strip);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String v = value.get();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration until = Duration.between(scheduler.now(), at);
                return Optional.of(until.isNegative() ? Duration.ZERO : until);
            } catch (DateTimeParseException notADate) {
                return Optional.empty(); // Unreadable: the policy decides without it.
            }
        }
    }

    /** A connection attempt ended or failed with {@code cause}: retry, unless closed or the policy gives up. */
    private void ended(Connection c, Throwable cause, Optional<Duration> retryAfter) {
        RetryPolicy.Context context = null;
        lock.lock();
        try {
            if (state == ReadyState.CLOSED || connection != c) {
                return;
            }
            connection = null;
            sending = null;
            cancelIdleCheck();
            if (!isFatal(cause)) {
                if (c.delivered) {
                    failuresInARow = 0;
                }
                Instant now = scheduler.now();
                if (failuresInARow++ == 0) {
                    firstFailure = now;
                }
                lastFailure = cause;
                state = ReadyState.CONNECTING;
                context = new RetryPolicy.Context(failuresInARow, reconnectionTime, retryAfter, cause,
                        Duration.between(firstFailure, now));
            }
        } finally {
            lock.unlock();
        }
        if (context == null) {
            failForGood(cause);
            return;
        }
        Optional<Duration> delay;
        try {
            delay = Objects.requireNonNull(retryPolicy.delay(context), "RetryPolicy.delay returned null");
        } catch (RuntimeException e) {
            e.addSuppressed(cause);
            failForGood(e);
            return;
        }
        if (delay.isEmpty()) {
            if (cause instanceof CleanEnd) {
                end(null); // The server ended the stream and no reconnect is wanted: a clean end.
            } else {
                failForGood(cause);
            }
            return;
        }
        Duration wait = delay.get().isNegative() ? Duration.ZERO : delay.get();
        int attempt = context.attempt();
        // Queued before the retry is scheduled, so it precedes the next connection's opening.
        buffer.add(new Item.Retrying(cause, wait, attempt));
        lock.lock();
        try {
            if (state == ReadyState.CLOSED) {
                return;
            }
            reconnects.incrementAndGet();
            LOG.log(System.Logger.Level.DEBUG, () -> "reconnecting to " + currentUri + " in " + wait.toMillis()
                    + " ms (failure " + attempt + " in a row): " + cause);
            pendingRetry = scheduler.schedule(this::connect, wait);
        } finally {
            lock.unlock();
        }
    }

    /** The server ended the stream cleanly: a reason to reconnect (§9.2.3), not a failure. */
    private static final class CleanEnd extends EOFException {
        private static final long serialVersionUID = 1L;

        CleanEnd() {
            super("the server ended the stream");
        }
    }

    /** Failures the spec and this class never retry, whatever the policy: a limit crossed, an Error. */
    private static boolean isFatal(Throwable cause) {
        return cause instanceof java.net.ProtocolException || cause instanceof java.util.zip.ZipException
                || cause instanceof Error || cause instanceof RuntimeException;
    }

    private void scheduleIdleCheck(Connection c, Duration after) {
        if (idleTimeout.isZero()) {
            return;
        }
        idleCheck = scheduler.schedule(() -> checkIdle(c), after);
    }

    private void cancelIdleCheck() {
        if (idleCheck != null) {
            idleCheck.cancel(false);
            idleCheck = null;
        }
    }

    /** Replaces a connection that received nothing for the idle timeout; else checks again later. */
    private void checkIdle(Connection c) {
        ResponseSubscriber s;
        lock.lock();
        try {
            if (state == ReadyState.CLOSED || connection != c) {
                return;
            }
            if (buffer.isPaused()) {
                // The consumer is behind and the socket is not being read: not the server's silence.
                c.lastActivity = scheduler.now();
            }
            Duration idle = Duration.between(c.lastActivity, scheduler.now());
            if (idle.compareTo(idleTimeout) < 0) {
                scheduleIdleCheck(c, idleTimeout.minus(idle));
                return;
            }
            s = c.subscriber;
        } finally {
            lock.unlock();
        }
        s.abort(new HttpTimeoutException("no bytes from " + c.uri + " for " + idleTimeout.toMillis()
                + " ms (the idle timeout): taking the connection for dead"));
    }

    /** Ends the source with {@code error}, after the events before it. */
    private void failForGood(Throwable error) {
        LOG.log(System.Logger.Level.WARNING, () -> "event source " + currentUri + " failed for good: " + error);
        end(error);
    }

    /**
     * Ends the source: cleanly when {@code error} is null (204), else with it, after the events
     * before it. Stops whatever is pending first.
     */
    private void end(Throwable error) {
        if (stop()) {
            buffer.end(error);
        }
    }

    /**
     * Moves to CLOSED, cancels a pending retry, the idle check and an attempt in flight, and
     * aborts the connection; returns false if already closed. The connection's own end is then
     * ignored. Called without the lock held: aborting hands the connection's last items over,
     * which may run consumer callbacks.
     */
    private boolean stop() {
        ResponseSubscriber open;
        lock.lock();
        try {
            if (state == ReadyState.CLOSED) {
                return false;
            }
            state = ReadyState.CLOSED;
            if (pendingRetry != null) {
                pendingRetry.cancel(false);
                pendingRetry = null;
            }
            cancelIdleCheck();
            if (sending != null) {
                sending.cancel(true);
                sending = null;
            }
            Connection c = connection;
            connection = null;
            open = c == null ? null : c.subscriber;
        } finally {
            lock.unlock();
        }
        if (open != null) {
            open.abort(new IOException("the event source was closed"));
        }
        return true;
    }

    // ---- consuming ----

    /**
     * Reads the next event, blocking across reconnects until one is there, the source ends, or
     * it is closed.
     *
     * @return the event, or empty once the source is closed or the server said stop (204)
     * @throws SseResponseException         if a response was fatal (a status other than 2xx,
     *                                      5xx, 408 and 429, or a 2xx that is not an event
     *                                      stream)
     * @throws java.net.ProtocolException   if the stream crossed a limit
     * @throws java.io.InterruptedIOException if interrupted while waiting; the interrupt status
     *                                      is set again
     * @throws IOException                  the last failure, once the retry policy gave up
     * @throws IllegalStateException        if a subscriber or listener consumes this source
     */
    public Optional<ServerSentEvent> read() throws IOException {
        consumer.claim(ConsumerClaim.Kind.BLOCKING);
        return Optional.ofNullable((ServerSentEvent) buffer.take(false));
    }

    /**
     * Reads the next event or comment, blocking like {@link #read()}.
     *
     * @return the event or comment, or empty at the end
     * @throws IOException as {@link #read()} does
     */
    public Optional<SseItem> readItem() throws IOException {
        consumer.claim(ConsumerClaim.Kind.BLOCKING);
        return Optional.ofNullable(buffer.take(true));
    }

    /**
     * The events of every connection, read blocking like {@link #read()}; an {@link IOException}
     * is thrown wrapped in an {@link java.io.UncheckedIOException}.
     *
     * @return an iterator over the events
     */
    @Override
    public Iterator<ServerSentEvent> iterator() {
        return BlockingViews.iterator(this::read);
    }

    /**
     * The events as a sequential {@link Stream}, read blocking; closing it closes the source.
     *
     * @return the events
     */
    public Stream<ServerSentEvent> stream() {
        return BlockingViews.stream(this::read, this::close);
    }

    /**
     * Publishes the events of every connection to one subscriber with exact demand, as
     * {@link EventStream#subscribe} does: nothing lost or repeated while reconnecting.
     * Cancelling closes the source.
     *
     * @param subscriber the subscriber; a second one receives {@code onError(IllegalStateException)}
     */
    @Override
    public void subscribe(Flow.Subscriber<? super ServerSentEvent> subscriber) {
        subscribe(ServerSentEvent.class, Objects.requireNonNull(subscriber, "subscriber"));
    }

    /**
     * The events and comments of every connection, as a publisher for one subscriber.
     *
     * @return a publisher of this source's items; subscribing to it consumes this source
     */
    public Flow.Publisher<SseItem> itemPublisher() {
        return subscriber -> subscribe(SseItem.class, Objects.requireNonNull(subscriber, "subscriber"));
    }

    private <T> void subscribe(Class<T> type, Flow.Subscriber<? super T> subscriber) {
        try {
            consumer.claim(ConsumerClaim.Kind.FLOW);
        } catch (IllegalStateException e) {
            FlowDelivery.reject(subscriber, e);
            return;
        }
        FlowDelivery.subscribe(buffer, type, subscriber);
    }

    /**
     * Delivers the source to {@code listener}: each opening, events and comments, each reconnect,
     * and one terminal call; see {@link EventSourceListener} for the threading contract.
     *
     * @param listener the listener
     * @throws IllegalStateException if something else already consumes this source
     */
    public void listen(EventSourceListener listener) {
        Objects.requireNonNull(listener, "listener");
        consumer.claim(ConsumerClaim.Kind.LISTENER);
        ListenerDelivery.start(buffer, listener);
    }

    // ---- observing ----

    /**
     * The state: connecting (or waiting to reconnect), open, or closed.
     *
     * @return the ready state
     */
    public ReadyState readyState() {
        return state;
    }

    /**
     * The last event ID as received: where the next connection resumes, sent as
     * {@code Last-Event-ID} (or, if it cannot be a header value, the last one that can). Updated
     * when a connection ends; {@link EventStream#lastEventId()}-like tracking of what the
     * consumer took is in each event's {@link ServerSentEvent#lastEventId()}.
     *
     * @return the last event ID, {@code ""} if none
     */
    public String lastEventId() {
        return lastEventId;
    }

    /**
     * Connection attempts made so far, the first included.
     *
     * @return the number of attempts
     */
    public int attempts() {
        return attempts;
    }

    /**
     * Events received over all connections.
     *
     * @return the number of events
     */
    public long events() {
        return events.get();
    }

    /**
     * Body bytes received over all connections, as they arrived (compressed, if they were).
     *
     * @return the number of bytes
     */
    public long bytes() {
        return bytes.get();
    }

    /**
     * Reconnects scheduled so far.
     *
     * @return the number of reconnects
     */
    public long reconnects() {
        return reconnects.get();
    }

    @Override
    public String toString() {
        return "EventSource[" + state + ", " + currentUri + ", attempts=" + attempts + ", events=" + events
                + ", lastEventId=" + lastEventId + ", consumer=" + consumer + ", " + buffer + "]";
    }

    /**
     * Closes the source: stops a pending reconnect, aborts a connection attempt, closes the
     * connection. Idempotent; callable from any thread, also from inside a callback.
     */
    @Override
    public void close() {
        stop();
        buffer.close();
    }

    /** The default scheduler: the system clock and one daemon thread for every source. */
    private static final class SystemScheduler implements Scheduler {
        static final SystemScheduler INSTANCE = new SystemScheduler();

        private final ScheduledThreadPoolExecutor executor;

        private SystemScheduler() {
            executor = new ScheduledThreadPoolExecutor(1, task -> {
                Thread thread = new Thread(task, "sse4j-scheduler");
                thread.setDaemon(true);
                return thread;
            });
            executor.setRemoveOnCancelPolicy(true);
        }

        @Override
        public Instant now() {
            return Instant.now();
        }

        @Override
        public Future<?> schedule(Runnable task, Duration delay) {
            return executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }
}
