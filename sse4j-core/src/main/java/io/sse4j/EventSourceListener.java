package io.sse4j;

import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Callbacks for an {@link EventSource}: the events of all its connections as one sequence, with
 * each connection's opening and each reconnect in between.
 *
 * <h2>Threading contract</h2>
 * The contract of {@link SseListener} holds: calls are sequential, never concurrent, each
 * happens-before the next; they run on the HTTP client's executor, the source's scheduler, or the
 * thread that calls {@code listen} or {@link EventSource#close()}; a callback that blocks holds
 * back reading from the socket. Exactly one terminal call, {@link #onClosed} or {@link #onError},
 * is the last. If {@code onOpen}, {@code onEvent}, {@code onComment} or {@code onRetrying} throws,
 * the source is closed and {@code onError} receives that exception.
 */
@FunctionalInterface
public interface EventSourceListener {

    /**
     * A connection opened: its events follow. Called once per connection.
     *
     * @param response the response's status, headers and version
     */
    default void onOpen(HttpResponse.ResponseInfo response) {
    }

    /**
     * An event was dispatched.
     *
     * @param event the event
     */
    void onEvent(ServerSentEvent event);

    /**
     * A comment line arrived; servers send them as heartbeats.
     *
     * @param comment the text after the colon, without one leading space
     */
    default void onComment(String comment) {
    }

    /**
     * A connection ended or could not be made, and the next attempt is scheduled: the source is
     * {@link EventSource.ReadyState#CONNECTING CONNECTING}. Events already delivered stay
     * delivered; the next connection resumes after them with {@code Last-Event-ID}. A listener
     * that falls behind during an outage hears of the latest retry only: consecutive ones that
     * it has not yet taken collapse into one.
     *
     * @param cause   why: a {@link BrokenStreamException}, an {@link java.io.IOException} from
     *                connecting, an {@link SseResponseException} for a 5xx, 408 or 429, an
     *                {@link java.net.http.HttpTimeoutException} for an idle timeout, or an
     *                {@link java.io.EOFException} when the server ended the stream cleanly
     * @param delay   how long until the next attempt
     * @param attempt the number of failures in a row, from 1
     */
    default void onRetrying(Throwable cause, Duration delay, int attempt) {
    }

    /**
     * A {@code retry:} field set the reconnection time (§9.2.6), in stream order: before the
     * event that follows it.
     *
     * @param reconnectionTime the new reconnection time
     */
    default void onRetry(Duration reconnectionTime) {
    }

    /** Terminal: the server said to stop (204 No Content), or the source was closed by the client. */
    default void onClosed() {
    }

    /**
     * Terminal: the source failed for good: a fatal response ({@link SseResponseException} for a
     * status other than 2xx, 5xx, 408 and 429, or a wrong {@code Content-Type}), the retry policy
     * gave up (the last cause), a limit was crossed, or the request hook, the retry policy or a
     * callback threw.
     *
     * @param error what went wrong, never {@code null}
     */
    default void onError(Throwable error) {
    }
}
