package io.sse4j.cli;

import io.sse4j.ServerSentEvent;
import io.sse4j.SseLimits;
import io.sse4j.SseParser;
import java.net.ProtocolException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What {@code sse4j URL} watches on each response of its {@code EventSource}, through a
 * {@link Tap}: whether any response came at all, the bytes to {@code --record}, and the
 * {@code retry:} fields, which the source applies but does not hand on.
 *
 * <p>For the retries, each event-stream body also goes through an {@link SseParser} of its own,
 * which counts the events it dispatches and notes a retry before the event it precedes. The
 * source parses the same bytes in the same order, so the n-th event its listener receives after
 * {@code onOpen(info)} is the n-th event counted here for that {@code info}: the JDK hands the
 * source's body handler and {@code onOpen} the same {@link HttpResponse.ResponseInfo}. A body
 * with a {@code Content-Encoding} is not watched for retries (the bytes here are compressed).
 */
final class StreamTaps {

    private final Recording recording;
    private final boolean watchRetries;
    private final SseLimits limits;
    private final AtomicBoolean responded = new AtomicBoolean();
    private final Map<HttpResponse.ResponseInfo, Connection> opened = new IdentityHashMap<>();

    /**
     * @param recording    where to record event-stream bodies, or null
     * @param watchRetries whether to note {@code retry:} fields for the output
     */
    StreamTaps(Recording recording, boolean watchRetries, SseLimits limits) {
        this.recording = recording;
        this.watchRetries = watchRetries;
        this.limits = limits;
    }

    /** The tap for a response: for {@link Tap}'s constructor. */
    Optional<Tap.Body> tap(HttpResponse.ResponseInfo info) {
        responded.set(true);
        if (!isEventStream(info) || (recording == null && !watchRetries)) {
            return Optional.empty();
        }
        boolean encoded = info.headers().firstValue("Content-Encoding")
                .filter(coding -> !coding.isBlank() && !coding.strip().equalsIgnoreCase("identity")).isPresent();
        Connection connection = new Connection(recording == null ? null : recording.start(encoded),
                watchRetries && !encoded ? limits : null);
        synchronized (opened) {
            opened.put(info, connection);
        }
        return Optional.of(connection);
    }

    /** Whether any response has arrived, whatever it was. */
    boolean responded() {
        return responded.get();
    }

    /**
     * The connection whose response is {@code info}, as {@code onOpen} receives it; forgotten
     * here, so call once.
     */
    Connection opened(HttpResponse.ResponseInfo info) {
        synchronized (opened) {
            Connection connection = opened.remove(info);
            return connection == null ? Connection.NONE : connection;
        }
    }

    /** The status and type an {@code EventSource} reads as an event stream. */
    static boolean isEventStream(HttpResponse.ResponseInfo info) {
        int status = info.statusCode();
        if (status < 200 || status > 299 || status == 204) {
            return false;
        }
        return info.headers().firstValue("Content-Type")
                .map(type -> type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT))
                .filter("text/event-stream"::equals).isPresent();
    }

    /** One event-stream response: its part of the recording, and the retries before its events. */
    static final class Connection implements Tap.Body, SseParser.Handler {
        static final Connection NONE = new Connection(null, null);

        private final Recording.Part part;
        private final SseParser parser;
        /** Event index within this connection → the retry set just before it, in milliseconds. */
        private final Map<Long, Long> retries = new ConcurrentHashMap<>();
        private long dispatched;
        private long retry = -1;

        private Connection(Recording.Part part, SseLimits limits) {
            this.part = part;
            this.parser = limits == null ? null : SseParser.of(this, limits);
        }

        /** The retry the stream set after the event before the {@code index}-th (from 0) and before it. */
        OptionalLong retryBefore(long index) {
            Long millis = retries.remove(index);
            return millis == null ? OptionalLong.empty() : OptionalLong.of(millis);
        }

        @Override
        public synchronized void received(ByteBuffer bytes) {
            if (part != null) {
                part.received(bytes);
            }
            if (parser != null) {
                try {
                    parser.feed(bytes.duplicate());
                } catch (ProtocolException | IllegalStateException e) {
                    // The source's own parser fails on the same bytes and reports it.
                }
            }
        }

        @Override
        public synchronized void ended() {
            if (part != null) {
                part.ended();
            }
        }

        @Override
        public void onEvent(ServerSentEvent event) {
            if (retry >= 0) {
                retries.put(dispatched, retry);
                retry = -1;
            }
            dispatched++;
        }

        @Override
        public void onRetry(Duration reconnectionTime) {
            retry = reconnectionTime.toMillis();
        }
    }
}
