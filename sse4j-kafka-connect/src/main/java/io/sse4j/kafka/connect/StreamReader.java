package io.sse4j.kafka.connect;

import io.sse4j.EventSource;
import io.sse4j.ServerSentEvent;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Flow;

/**
 * Reads one stream for a task: subscribes to its {@link EventSource} with a fixed credit of
 * events, hands each event to the task's {@link Inbox}, and asks for more only as the task takes
 * them ({@link #taken}). So a stream has at most {@code credit} events waiting in the task, the
 * source pauses reading the socket when its own small buffer is full, and Connect's pace reaches
 * the server through TCP.
 */
final class StreamReader implements Flow.Subscriber<ServerSentEvent> {

    private final StreamSpec spec;
    private final Inbox inbox;
    private final int credit;
    private final Clock clock;
    private volatile Flow.Subscription subscription;
    private volatile EventSource source;
    private volatile boolean closing;
    private final String startId;
    /** The last event ID of the last event taken by poll, {@code ""} before any. */
    private String lastTakenId;
    private boolean ended;

    StreamReader(StreamSpec spec, Inbox inbox, int credit, Clock clock, String startId) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.inbox = inbox;
        this.credit = credit;
        this.clock = clock;
        this.lastTakenId = startId;
        this.startId = startId;
    }

    /** Starts reading from {@code source}, which this reader closes in {@link #close()}. */
    void start(EventSource source) {
        this.source = source;
        source.subscribe(this);
    }

    StreamSpec spec() {
        return spec;
    }

    /** Poll's view: the ID of the last event taken. Only the polling thread calls this and the next two. */
    String lastTakenId() {
        return lastTakenId;
    }

    void lastTakenId(String id) {
        lastTakenId = id;
    }

    /** Poll took the end of this stream. */
    void markEnded() {
        ended = true;
    }

    boolean ended() {
        return ended;
    }

    /** Poll took {@code count} events: the stream may send that many more. Call without locks held. */
    void taken(int count) {
        Flow.Subscription s = subscription;
        if (count > 0 && s != null) {
            s.request(count);
        }
    }

    /** Whether {@link #close()} was called: the stream's end is the task's doing. Any thread. */
    boolean closing() {
        return closing;
    }

    /**
     * The ID the next connection resumes after, as the event source has it ({@code ""} for
     * none): for the log. Any thread.
     */
    String resumeId() {
        EventSource s = source;
        return s == null ? startId : s.lastEventId();
    }

    void close() {
        closing = true;
        EventSource s = source;
        if (s != null) {
            s.close();
        }
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(credit);
    }

    @Override
    public void onNext(ServerSentEvent event) {
        inbox.add(new Inbox.Received(this, event, clock.millis()));
    }

    @Override
    public void onError(Throwable failure) {
        inbox.add(new Inbox.Ended(this, failure));
    }

    @Override
    public void onComplete() {
        inbox.add(new Inbox.Ended(this, null));
    }

    @Override
    public String toString() {
        EventSource s = source;
        return "StreamReader[" + spec.describe() + ", " + (s == null ? "not started" : s) + "]";
    }
}
