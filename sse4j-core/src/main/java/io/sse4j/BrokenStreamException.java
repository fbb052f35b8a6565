package io.sse4j;

import java.io.IOException;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * The connection of an open event stream broke mid-stream: the server went away, a proxy cut the
 * connection, or the network failed after the response headers had arrived. The transport's own
 * exception (such as the JDK's {@code IOException: chunked transfer encoding, state:
 * READING_LENGTH}) is the {@linkplain #getCause() cause}.
 *
 * <p>It says what a caller needs to decide whether and where to resume: from which URI, after how
 * many events, and the {@linkplain #lastEventId() last event ID} to send as {@code Last-Event-ID}.
 * Every event that arrived before the break was delivered first. Its message reads like
 * {@code connection broke mid-stream from http://…/events after 12 events (last event ID "12"):
 * chunked transfer encoding, state: READING_LENGTH}.
 */
public final class BrokenStreamException extends IOException {

    private static final long serialVersionUID = 1L;

    private final URI uri;
    private final long eventCount;
    private final String lastEventId;

    /**
     * A broken stream.
     *
     * @param uri         the stream's URI, or {@code null} if unknown
     * @param eventCount  events received before it broke
     * @param lastEventId the last event ID as parsed
     * @param cause       the transport's exception
     */
    public BrokenStreamException(URI uri, long eventCount, String lastEventId, Throwable cause) {
        super(message(uri, eventCount, lastEventId, cause), cause);
        this.uri = uri;
        this.eventCount = eventCount;
        this.lastEventId = Objects.requireNonNull(lastEventId, "lastEventId");
    }

    private static String message(URI uri, long eventCount, String lastEventId, Throwable cause) {
        StringBuilder sb = new StringBuilder("connection broke mid-stream");
        if (uri != null) {
            sb.append(" from ").append(SseOptions.defaults().redact(uri));
        }
        sb.append(" after ").append(eventCount).append(eventCount == 1 ? " event" : " events");
        sb.append(lastEventId.isEmpty() ? " (no last event ID)" : " (last event ID \"" + lastEventId + "\")");
        if (cause != null && cause.getMessage() != null) {
            sb.append(": ").append(cause.getMessage());
        }
        return sb.toString();
    }

    /**
     * The URI of the stream, when known (it is unless the stream came from
     * {@link SseBodyHandlers}, whose caller has it from the {@code HttpResponse}).
     *
     * @return the URI, or empty if unknown
     */
    public Optional<URI> uri() {
        return Optional.ofNullable(uri);
    }

    /**
     * How many events the stream had received when it broke; all were delivered before this
     * exception.
     *
     * @return the number of events received
     */
    public long eventCount() {
        return eventCount;
    }

    /**
     * The stream's last event ID when it broke: what to send as {@code Last-Event-ID} to resume.
     *
     * @return the last event ID, {@code ""} if none was set
     */
    public String lastEventId() {
        return lastEventId;
    }
}
