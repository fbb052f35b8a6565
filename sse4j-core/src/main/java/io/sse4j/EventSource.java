package io.sse4j;

import io.sse4j.internal.Consumers;
import io.sse4j.internal.EventBuffer;
import io.sse4j.internal.ReconnectLoop;
import io.sse4j.internal.SystemTimer;
import io.sse4j.internal.Timer;
import java.io.Closeable;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A Server-Sent Events source that reconnects, as the browser's {@code EventSource} does
 * (WHATWG HTML §9.2.3), and better: backoff with jitter, {@code Retry-After}, an idle timeout,
 * and a clear line between failures it retries and failures that end it.
 *
 * <pre>{@code
 * try (EventSource source = EventSource.newBuilder(client, request).connect()) {
 *     for (ServerSentEvent event : source) {          // across reconnects, each event once
 *         System.out.println(event.lastEventId() + ": " + event.data());
 *     }
 * }
 * }</pre>
 *
 * <h2>What it does</h2>
 * It is {@link ReadyState#CONNECTING} until a connection streams ({@link ReadyState#OPEN}), and
 * reconnects after a network error, a broken stream, an idle timeout, or a clean end, sending
 * {@code Last-Event-ID} once there is one; it waits as its {@link RetryPolicy} says (by default
 * at least the server's {@code retry:} time, 3 s until one is sent, with exponential backoff and
 * jitter, 100 ms to 30 s). 5xx, 408 and 429 are retried, honouring {@code Retry-After}; any other
 * refusal ends it with an {@link SseResponseException}, and 204 closes it cleanly (§9.2.3's "stop
 * reconnecting"). It never sends a request that is not idempotent (a {@code POST}) again from the
 * start, and a first connection that fails ends it, unless told otherwise ({@link Builder}).
 *
 * <h2>Consumers, closing, observing</h2>
 * All connections read as one sequence, with nothing lost or repeated as far as the server honours
 * {@code Last-Event-ID}: blocking ({@link #read()}, iteration, {@link #stream()}), one
 * {@link Flow.Subscriber} with exact demand, or one {@link EventSourceListener} that also hears of
 * each opening and reconnect. {@link #close()} is idempotent, works from any thread and inside a
 * callback, and stops whatever is pending at once. {@link #readyState()}, {@link #lastEventId()},
 * {@link #attempts()}, {@link #lastFailure()} and the counters read without locking.
 *
 * <h2>Transports and logging</h2>
 * A source reads through an {@link SseTransport}: the JDK's {@link HttpClient} with
 * {@link #newBuilder(HttpClient, HttpRequest)}, any other with {@link #newBuilder(SseTransport)}.
 * It logs through {@link System.Logger} {@code io.sse4j.EventSource}: each reconnect and a final
 * failure at {@code DEBUG} (the failure itself reaches the consumer, once); never event data.
 *
 * <h2>Inside</h2>
 * A facade over an internal reconnect loop with an explicit phase per {@link ReadyState} (waiting
 * and sending are CONNECTING, streaming is OPEN); docs/guide.md, "Architecture", draws it.
 */
public final class EventSource implements Closeable, Iterable<ServerSentEvent>, Flow.Publisher<ServerSentEvent> {

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
            return new Scheduler() {
                @Override
                public Instant now() {
                    return Instant.now();
                }

                @Override
                public Future<?> schedule(Runnable task, Duration delay) {
                    return SystemTimer.schedule(task, delay);
                }
            };
        }
    }

    /**
     * A new builder for a source that sends {@code request} (again on every reconnect, body
     * included) on {@code client}. See {@link EventStream#newClientBuilder()} for a client set up
     * for event streams.
     *
     * @param client  the client
     * @param request the request; {@code Accept}, {@code Cache-Control}, {@code Pragma} and
     *                {@code Last-Event-ID} are added unless it sets them
     * @return the builder
     */
    public static Builder newBuilder(HttpClient client, HttpRequest request) {
        Objects.requireNonNull(request, "request");
        return newBuilder(client, attempt -> request);
    }

    /**
     * A new builder for a source that builds the request of each connection attempt with
     * {@code requests}: to refresh an auth token, or move a cursor into the URL or body.
     *
     * @param client   the client
     * @param requests builds the request of each attempt; {@code Accept}, {@code Cache-Control},
     *                 {@code Pragma} and {@code Last-Event-ID} are added unless it sets them
     * @return the builder
     */
    public static Builder newBuilder(HttpClient client, Function<SseTransport.Attempt, HttpRequest> requests) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(requests, "requests");
        return new Builder(options -> SseTransport.of(client, requests, options));
    }

    /**
     * A new builder for a source that reads through {@code transport}: another HTTP client, or a
     * decorated one (see {@link SseTransport#tap}).
     *
     * @param transport opens each connection attempt
     * @return the builder
     */
    public static Builder newBuilder(SseTransport transport) {
        Objects.requireNonNull(transport, "transport");
        return new Builder(options -> transport);
    }

    /** Settings of an {@link EventSource}; {@link #build()} connects. Not thread-safe. */
    public static final class Builder {
        /** The transport, made with the options in the end (they say which headers are credentials). */
        private final Function<SseOptions, SseTransport> transport;
        private SseOptions options = SseOptions.defaults();
        private RetryPolicy retryPolicy = RetryPolicy.exponentialBackoff();
        private String lastEventId = "";
        private Duration idleTimeout = Duration.ZERO;
        private Scheduler scheduler = Scheduler.system();
        private boolean retryFirstConnection;
        private boolean resendNonIdempotent;
        private boolean reopenAfterCleanEnd = true;

        private Builder(Function<SseOptions, SseTransport> transport) {
            this.transport = transport;
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
         * Whether a first connection that cannot be made or is refused (a 5xx, 408 or 429
         * included) is retried as the retry policy says. Default {@code false}: it ends the source
         * at once with why, where the caller waits ({@link #connect()}, the first read, or
         * {@code onError}), as {@link EventStream#connect} does: a wrong host or port is never
         * silent. Once a connection has opened, later ones are always retried.
         *
         * @param retry whether to retry the first connection
         * @return this builder
         */
        public Builder retryFirstConnection(boolean retry) {
            this.retryFirstConnection = retry;
            return this;
        }

        /**
         * Whether a request that is not idempotent (a {@code POST}, see
         * {@link SseTransport#isIdempotent}) is sent again from the start when there is no last
         * event ID to resume from. Default {@code false}: against a streaming LLM API each resend
         * would be a new, paid completion, and against MCP a new session. With a last event ID
         * the request is sent again to resume, which is the server's promise; the browser never
         * sends anything but {@code GET}.
         *
         * @param resend whether to send such a request again from the start
         * @return this builder
         */
        public Builder resendNonIdempotent(boolean resend) {
            this.resendNonIdempotent = resend;
            return this;
        }

        /**
         * Whether a stream that the server ended cleanly is opened again from the start when there
         * is no last event ID to resume from. Default {@code true}, as the browser does (§9.2.3);
         * {@code false} ends the source cleanly instead, for finite streams that would only be
         * repeated (the {@code sse4j} command's choice).
         *
         * @param reopen whether to open an ended stream again without a last event ID
         * @return this builder
         */
        public Builder reopenAfterCleanEnd(boolean reopen) {
            this.reopenAfterCleanEnd = reopen;
            return this;
        }

        /**
         * Builds the source and starts its first connection, without waiting for it: a failure
         * reaches the first read, the subscriber or the listener.
         *
         * @return the source, which must be closed
         */
        public EventSource build() {
            EventSource source = new EventSource(this);
            source.loop.start();
            return source;
        }

        /**
         * Builds the source and waits until its first connection is an open event stream, so
         * that a failure is thrown here, where the caller can catch it (a later one comes out of
         * iteration as an {@link java.io.UncheckedIOException}: see the guide, "Catching
         * failures"). With {@link #retryFirstConnection(boolean) retryFirstConnection(true)} it waits across
         * retries; {@link EventSource#lastFailure()} and {@link EventSource#attempts()} tell
         * another thread how it goes. A source that the server stops at once (204) is returned
         * closed.
         *
         * @return the source, open, which must be closed
         * @throws SseResponseException if the response was refused (with the retry policy giving up)
         * @throws IOException          if the first connection could not be made, as the
         *                              transport reported it
         * @throws InterruptedException if interrupted while waiting; the source is then closed
         */
        public EventSource connect() throws IOException, InterruptedException {
            EventSource source = build();
            try {
                source.loop.firstOpen().get();
                return source;
            } catch (ExecutionException e) {
                source.close();
                throw EventBuffer.rethrow(e.getCause());
            } catch (InterruptedException e) {
                source.close();
                throw e;
            }
        }
    }

    private final EventBuffer buffer = new EventBuffer();
    private final Consumers consumers = new Consumers(buffer, EventSource.class);
    private final ReconnectLoop loop;

    private EventSource(Builder builder) {
        Timer timer = Timer.of(builder.scheduler::now, builder.scheduler::schedule);
        this.loop = new ReconnectLoop(new ReconnectLoop.Settings(builder.transport.apply(builder.options), builder.options,
                builder.retryPolicy, builder.idleTimeout, timer, DEFAULT_RECONNECTION_TIME, EventSource.class.getName(),
                new ReconnectLoop.Rules(builder.retryFirstConnection, builder.resendNonIdempotent,
                        builder.reopenAfterCleanEnd)),
                buffer, builder.lastEventId);
        buffer.startAt(builder.lastEventId);
        // A consumer that cancels, or a callback that throws, closes the buffer: stop connecting too.
        buffer.onClose(loop::close);
    }

    // ---- consuming ----

    /**
     * Reads the next event, blocking across reconnects until one is there, the source ends, or
     * it is closed.
     *
     * @return the event, or empty once the source is closed or the server said stop (204)
     * @throws SseResponseException       if a response was refused for good (see the class comment)
     * @throws java.net.ProtocolException if the stream crossed a limit
     * @throws java.io.InterruptedIOException if interrupted while waiting (the status set again)
     * @throws IOException                the last failure, once the retry policy gave up
     * @throws IllegalStateException      if a subscriber or listener consumes this source
     */
    public Optional<ServerSentEvent> read() throws IOException {
        return consumers.read();
    }

    /**
     * Reads the next event or comment, blocking like {@link #read()}.
     *
     * @return the event or comment, or empty at the end
     * @throws IOException as {@link #read()} does
     */
    public Optional<SseItem> readItem() throws IOException {
        return consumers.readItem();
    }

    /**
     * The events of every connection, read blocking like {@link #read()}; an {@link IOException}
     * is thrown wrapped in an {@link java.io.UncheckedIOException}.
     *
     * @return an iterator over the events
     */
    @Override
    public Iterator<ServerSentEvent> iterator() {
        return consumers.iterator();
    }

    /**
     * The events as a sequential {@link Stream}, read blocking; closing it closes the source.
     *
     * @return the events
     */
    public Stream<ServerSentEvent> stream() {
        return consumers.stream(this::close);
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
        consumers.subscribe(subscriber);
    }

    /**
     * The events and comments of every connection, as a publisher for one subscriber.
     *
     * @return a publisher of this source's items; subscribing to it consumes this source
     */
    public Flow.Publisher<SseItem> itemPublisher() {
        return consumers.itemPublisher();
    }

    /**
     * Delivers the source to {@code listener}: each opening, events and comments, each
     * {@code retry:} time, each reconnect, and one terminal call; see {@link EventSourceListener}
     * for the threading contract.
     *
     * @param listener the listener
     * @throws IllegalStateException if something else already consumes this source
     */
    public void listen(EventSourceListener listener) {
        consumers.listen(listener);
    }

    // ---- observing ----

    /**
     * The state: connecting (or waiting to reconnect), open, or closed.
     *
     * @return the ready state
     */
    public ReadyState readyState() {
        ReconnectLoop.Phase phase = loop.phase();
        return phase == ReconnectLoop.Phase.STREAMING ? ReadyState.OPEN
                : phase == ReconnectLoop.Phase.CLOSED ? ReadyState.CLOSED : ReadyState.CONNECTING;
    }

    /**
     * The last event ID as received: where the next connection resumes, sent as
     * {@code Last-Event-ID} (or, if it cannot be a header value, the last one that can). Updated
     * when a connection ends; what the consumer took is in each event's
     * {@link ServerSentEvent#lastEventId()}.
     *
     * @return the last event ID, {@code ""} if none
     */
    public String lastEventId() {
        return loop.lastEventId();
    }

    /**
     * Connection attempts made so far, the first included.
     *
     * @return the number of attempts
     */
    public int attempts() {
        return loop.attempts();
    }

    /**
     * Events received over all connections.
     *
     * @return the number of events
     */
    public long events() {
        return loop.events();
    }

    /**
     * Body bytes received over all connections, as they arrived (compressed, if they were).
     *
     * @return the number of bytes
     */
    public long bytes() {
        return loop.bytes();
    }

    /**
     * Why the last connection attempt failed, while the source retries; empty once a connection
     * has opened since, or if none failed. To watch retries without configuring logging, poll
     * this with {@link #attempts()}, or listen for
     * {@link EventSourceListener#onRetrying onRetrying}.
     *
     * @return the last failure, if the source is retrying after one
     */
    public Optional<Throwable> lastFailure() {
        return readyState() == ReadyState.OPEN ? Optional.empty() : Optional.ofNullable(loop.lastFailure());
    }

    /**
     * Drops the current connection (or the wait for the next) and connects again at once,
     * resuming with {@code Last-Event-ID}: the request hook runs again, so a rotated token or new
     * headers apply now. Events already received are kept; consumers see one sequence, with
     * {@code onRetrying} not called for it. No effect once closed; the one terminal signal still
     * comes only at the end.
     */
    public void restart() {
        loop.restart();
    }

    /**
     * Reconnects scheduled so far.
     *
     * @return the number of reconnects
     */
    public long reconnects() {
        return loop.reconnects();
    }

    @Override
    public String toString() {
        return "EventSource[" + loop + ", consumer=" + consumers + ", " + buffer + "]";
    }

    /**
     * Closes the source: stops a pending reconnect, aborts a connection attempt (also one whose
     * request is not yet sent), closes the connection. Idempotent; callable from any thread, also
     * from inside a callback.
     */
    @Override
    public void close() {
        loop.close();
        buffer.close();
    }
}
