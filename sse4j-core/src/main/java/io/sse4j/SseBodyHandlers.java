package io.sse4j;

import java.net.http.HttpResponse;
import java.util.Objects;
import java.util.concurrent.Flow;

/**
 * {@link HttpResponse.BodyHandler}s that read a response as Server-Sent Events, in the idiom of
 * {@link HttpResponse.BodyHandlers}:
 *
 * <pre>{@code
 * HttpResponse<EventStream> response = client.send(request, SseBodyHandlers.ofEvents());
 * try (EventStream events = response.body()) {
 *     events.stream().forEach(event -> System.out.println(event.data()));
 * }
 * }</pre>
 *
 * <p>The body is available as soon as the headers have arrived, whatever the status: as with
 * {@link EventStream#connect}, a response that is not an event stream raises
 * {@link SseResponseException} when reading starts (its {@code uri()} is then empty; the response
 * has it). These handlers do not add {@code Accept: text/event-stream} to the request: send it, or
 * use {@link EventStream#connect}. The body is always decoded as UTF-8 (§9.2.5).
 */
public final class SseBodyHandlers {

    private SseBodyHandlers() {
    }

    /**
     * Reads the body as an {@link EventStream}, with default limits.
     *
     * @return the body handler
     */
    public static HttpResponse.BodyHandler<EventStream> ofEvents() {
        return ofEvents(SseLimits.defaults());
    }

    /**
     * Reads the body as an {@link EventStream}.
     *
     * @param limits memory bounds for parsing
     * @return the body handler
     */
    public static HttpResponse.BodyHandler<EventStream> ofEvents(SseLimits limits) {
        Objects.requireNonNull(limits, "limits");
        return info -> new EventPipe(info, limits);
    }

    /**
     * Reads the body as a {@link Flow.Publisher} of events for one subscriber; see
     * {@link EventStream#subscribe}. The publisher is the connection's only handle: to release
     * the connection without reading it all, subscribe and cancel.
     *
     * @return the body handler
     */
    public static HttpResponse.BodyHandler<Flow.Publisher<ServerSentEvent>> ofPublisher() {
        return ofPublisher(SseLimits.defaults());
    }

    /**
     * Reads the body as a {@link Flow.Publisher} of events for one subscriber; see
     * {@link EventStream#subscribe}.
     *
     * @param limits memory bounds for parsing
     * @return the body handler
     */
    public static HttpResponse.BodyHandler<Flow.Publisher<ServerSentEvent>> ofPublisher(SseLimits limits) {
        Objects.requireNonNull(limits, "limits");
        return info -> HttpResponse.BodySubscribers.mapping(new EventPipe(info, limits), stream -> stream);
    }
}
