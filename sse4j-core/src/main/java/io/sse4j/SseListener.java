package io.sse4j;

/**
 * Callbacks for one event stream, for those who prefer being called to pulling or subscribing.
 * Attach one with {@link EventStream#listen(SseListener)} or
 * {@link EventStream#connectAsync(java.net.http.HttpClient, java.net.http.HttpRequest, SseOptions, SseListener)}.
 *
 * <h2>Threading contract</h2>
 * <ul>
 *   <li>Calls are sequential, never concurrent, and each happens-before the next.</li>
 *   <li>They may run on any of these threads: one of the {@code HttpClient}'s executor, the
 *       thread that calls {@code listen}, the thread that calls {@link EventStream#close()} (which
 *       may deliver {@code onClosed} itself), or, with {@code connectAsync}, the thread that
 *       completes the connection. So do not call {@code close()} while holding a lock that a
 *       callback takes. A callback that blocks holds back reading from the socket: the stream
 *       applies backpressure rather than buffering without bound.</li>
 *   <li>{@link #onOpen} comes first, once, if the response is an event stream and the stream was
 *       not closed before the listener was attached. Then
 *       {@link #onEvent} and {@link #onComment} in stream order.</li>
 *   <li>Exactly one terminal call is the last: {@link #onClosed} when the stream ended or was
 *       closed by the client, or {@link #onError} when it failed (also when the response was not
 *       an event stream, without {@code onOpen}).</li>
 *   <li>If {@code onOpen}, {@code onEvent} or {@code onComment} throws, the stream is closed and
 *       {@code onError} receives that exception. What {@code onClosed} or {@code onError} throws
 *       is logged through {@link System.Logger} and otherwise ignored.</li>
 * </ul>
 */
@FunctionalInterface
public interface SseListener {

    /**
     * The response is an event stream and events will follow.
     *
     * @param stream the stream: its response, last event ID, and {@code close()} to stop early
     */
    default void onOpen(EventStream stream) {
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
     * A {@code retry:} field set the reconnection time (§9.2.6), in stream order: before the
     * event that follows it.
     *
     * @param reconnectionTime the new reconnection time
     */
    default void onRetry(java.time.Duration reconnectionTime) {
    }

    /** Terminal: the stream ended normally, or was closed by the client. */
    default void onClosed() {
    }

    /**
     * Terminal: the stream failed: a {@link BrokenStreamException} when the connection broke
     * mid-stream, an {@link SseResponseException} when the response was not an event stream (then
     * without {@code onOpen}), a {@link java.net.ProtocolException} when the stream crossed a limit,
     * the JDK's {@link java.io.IOException} when sending failed, and an {@link Error} as itself.
     *
     * @param error what went wrong, never {@code null}
     */
    default void onError(Throwable error) {
    }
}
