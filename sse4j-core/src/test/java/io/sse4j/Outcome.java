package io.sse4j;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything a parser reported for one input: the handler callbacks in order, the
 * {@link java.net.ProtocolException} message if feeding failed, the result of {@link SseParser#finish()}
 * (false after a failure) and the parser's state at the end.
 *
 * @param callbacks        {@link ServerSentEvent}, {@link Comment} and {@link Retry} values in order
 * @param failure          the message of the {@code ProtocolException} that ended feeding, if any
 * @param endedCleanly     what {@code finish()} returned; false if feeding failed
 * @param lastEventId      {@link SseParser#lastEventId()} at the end
 * @param reconnectionTime {@link SseParser#reconnectionTime()} at the end
 */
public record Outcome(List<Object> callbacks, Optional<String> failure, boolean endedCleanly, String lastEventId,
               Optional<Duration> reconnectionTime) {

    /** An {@link SseParser.Handler#onComment} call. */
    record Comment(String text) {
        @Override
        public String toString() {
            return "comment(" + Bytes.show(text) + ")";
        }
    }

    /** An {@link SseParser.Handler#onRetry} call. */
    record Retry(Duration time) {
        @Override
        public String toString() {
            return "retry(" + time.toMillis() + ")";
        }
    }

    public Outcome {
        callbacks = List.copyOf(callbacks);
    }

    /**
     * The outcome of a stream that ends cleanly after these callbacks: its last event ID is that
     * of the last event (or {@code ""}) and its reconnection time that of the last retry.
     */
    public static Outcome of(Object... callbacks) {
        String lastEventId = "";
        Optional<Duration> reconnectionTime = Optional.empty();
        for (Object callback : callbacks) {
            if (callback instanceof ServerSentEvent) {
                lastEventId = ((ServerSentEvent) callback).lastEventId();
            } else if (callback instanceof Retry) {
                reconnectionTime = Optional.of(((Retry) callback).time());
            } else if (!(callback instanceof Comment)) {
                throw new IllegalArgumentException("not a callback: " + callback);
            }
        }
        return new Outcome(List.of(callbacks), Optional.empty(), true, lastEventId, reconnectionTime);
    }

    /** No callbacks, clean end, no last event ID. */
    public static Outcome nothing() {
        return of();
    }

    Outcome withLastEventId(String id) {
        return new Outcome(callbacks, failure, endedCleanly, id, reconnectionTime);
    }

    /** The stream ended inside a line or an unfinished block, so {@code finish()} returns false. */
    Outcome endingUncleanly() {
        return new Outcome(callbacks, failure, false, lastEventId, reconnectionTime);
    }

    Outcome failingWith(String protocolExceptionMessage) {
        return new Outcome(callbacks, Optional.of(protocolExceptionMessage), false, lastEventId, reconnectionTime);
    }

    /** The events among the callbacks. */
    List<ServerSentEvent> events() {
        List<ServerSentEvent> events = new ArrayList<>();
        for (Object callback : callbacks) {
            if (callback instanceof ServerSentEvent) {
                events.add((ServerSentEvent) callback);
            }
        }
        return events;
    }

    public static ServerSentEvent event(String data) {
        return ServerSentEvent.of(data);
    }

    public static ServerSentEvent event(String type, String data) {
        return ServerSentEvent.of(type, data);
    }

    public static ServerSentEvent event(String type, String data, String lastEventId) {
        return ServerSentEvent.of(type, data, lastEventId);
    }

    static Comment comment(String text) {
        return new Comment(text);
    }

    static Retry retry(long millis) {
        return new Retry(Duration.ofMillis(millis));
    }

    /** A handler that records every callback. */
    static final class Recorder implements SseParser.Handler {
        final List<Object> callbacks = new ArrayList<>();

        @Override
        public void onEvent(ServerSentEvent event) {
            callbacks.add(event);
        }

        @Override
        public void onComment(String comment) {
            callbacks.add(new Comment(comment));
        }

        @Override
        public void onRetry(Duration reconnectionTime) {
            callbacks.add(new Retry(reconnectionTime));
        }
    }

    /** Shows strings with CR, LF, NUL and non-ASCII characters escaped, so failures are readable. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("Outcome[");
        for (Object callback : callbacks) {
            if (callback instanceof ServerSentEvent) {
                ServerSentEvent e = (ServerSentEvent) callback;
                out.append("event(").append(Bytes.show(e.type())).append(", ").append(Bytes.show(e.data()))
                        .append(", id=").append(Bytes.show(e.lastEventId())).append(')');
            } else {
                out.append(callback);
            }
            out.append(", ");
        }
        failure.ifPresent(message -> out.append("failure=").append(message).append(", "));
        return out.append("endedCleanly=").append(endedCleanly)
                .append(", lastEventId=").append(Bytes.show(lastEventId))
                .append(", reconnectionTime=").append(reconnectionTime.map(Duration::toMillis).orElse(null))
                .append(']').toString();
    }
}
