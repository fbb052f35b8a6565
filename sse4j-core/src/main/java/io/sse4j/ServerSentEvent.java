package io.sse4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * One dispatched server-sent event: its type, its data and the last event ID in force when it
 * was dispatched (WHATWG HTML §9.2.6, "dispatch the event").
 *
 * <p>Instances are immutable and never hold {@code null}. Two events are equal when their type,
 * data and last event ID are equal.
 */
public final class ServerSentEvent implements SseItem {

    /** The event type used when a stream names none: {@value}. */
    public static final String DEFAULT_TYPE = "message";

    /** {@code toString()} shows at most this many characters of the data: {@value}. */
    private static final int TO_STRING_DATA_LIMIT = 80;

    private final String type;
    private final String data;
    private final String lastEventId;

    ServerSentEvent(String type, String data, String lastEventId) {
        this.type = type;
        this.data = data;
        this.lastEventId = lastEventId;
    }

    /**
     * An event of type {@value #DEFAULT_TYPE} with the given data and no last event ID.
     *
     * @param data the data; may contain line feeds
     * @return the event
     */
    public static ServerSentEvent of(String data) {
        return of(DEFAULT_TYPE, data, "");
    }

    /**
     * An event with the given type and data and no last event ID.
     *
     * @param type the event type; {@code ""} means {@value #DEFAULT_TYPE}, as in the spec
     * @param data the data; may contain line feeds
     * @return the event
     */
    public static ServerSentEvent of(String type, String data) {
        return of(type, data, "");
    }

    /**
     * An event with the given type, data and last event ID.
     *
     * @param type        the event type; {@code ""} means {@value #DEFAULT_TYPE}, as in the spec
     * @param data        the data; may contain line feeds
     * @param lastEventId the last event ID, {@code ""} for none
     * @return the event
     */
    public static ServerSentEvent of(String type, String data, String lastEventId) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(lastEventId, "lastEventId");
        return new ServerSentEvent(type.isEmpty() ? DEFAULT_TYPE : type, data, lastEventId);
    }

    /**
     * The event type: the value of the last {@code event} field of the event's block, or
     * {@value #DEFAULT_TYPE} if there was none or it was empty. Never empty.
     *
     * @return the event type
     */
    public String type() {
        return type;
    }

    /**
     * The data: the values of the block's {@code data} fields joined with line feeds (U+000A).
     *
     * @return the data, possibly empty
     */
    public String data() {
        return data;
    }

    /**
     * The stream's last event ID when this event was dispatched: the value of the most recent
     * valid {@code id} field up to and including this event's block, which persists across events.
     *
     * @return the last event ID, {@code ""} if none was set
     */
    public String lastEventId() {
        return lastEventId;
    }

    /**
     * The data mapped to a value, e.g. parsed as JSON with the library of your choice
     * ({@code sse4j-jackson} provides mappers for Jackson).
     *
     * @param mapper maps the data
     * @param <T>    the value type
     * @return the value
     * @throws UncheckedIOException if the mapper fails; the message names this event (type, last
     *                              event ID and the start of the data) and the cause says why
     */
    public <T> T dataAs(DataMapper<T> mapper) {
        Objects.requireNonNull(mapper, "mapper");
        try {
            return mapper.map(data);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot map the data of " + this + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ServerSentEvent)) {
            return false;
        }
        ServerSentEvent that = (ServerSentEvent) o;
        return type.equals(that.type) && data.equals(that.data) && lastEventId.equals(that.lastEventId);
    }

    @Override
    public int hashCode() {
        return (type.hashCode() * 31 + data.hashCode()) * 31 + lastEventId.hashCode();
    }

    /**
     * A description for logs: type, last event ID and the data, shortened to
     * {@value #TO_STRING_DATA_LIMIT} characters with its full length when longer.
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ServerSentEvent[type=").append(type);
        if (!lastEventId.isEmpty()) {
            sb.append(", lastEventId=").append(lastEventId);
        }
        sb.append(", data=");
        if (data.length() <= TO_STRING_DATA_LIMIT) {
            sb.append(data);
        } else {
            sb.append(data, 0, TO_STRING_DATA_LIMIT).append("…(").append(data.length()).append(" chars)");
        }
        return sb.append(']').toString();
    }
}
