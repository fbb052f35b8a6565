package io.sse4j;

import io.sse4j.internal.ResponseReader;
import io.sse4j.internal.SingleExchange;
import java.net.http.HttpResponse;
import java.util.Objects;

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
 * <p>As with the JDK's own handlers, the body is handed over as soon as the headers have arrived,
 * whatever the status and type: check {@link EventStream#isEventStream()}, then read events, or read
 * a plain body (JSON, an error) whole with {@link EventStream#readBody()}. One request serves a
 * protocol that may answer either way:
 *
 * <pre>{@code
 * HttpResponse<EventStream> response = client.send(post, SseBodyHandlers.ofEvents());
 * try (EventStream body = response.body()) {
 *     if (body.isEventStream()) {
 *         body.forEach(event -> handle(event));
 *     } else {
 *         handleJson(body.readBody());
 *     }
 * }
 * }</pre>
 *
 * <p>Reading events from a response that is not an event stream raises
 * {@link SseResponseException} (its {@code uri()} is then empty; the response has it). These
 * handlers do not add {@code Accept: text/event-stream} to the request: send it, or use
 * {@link EventStream#connect}, which also refuses a response that is not an event stream before
 * handing anything over. Events are always decoded as UTF-8 (§9.2.5).
 */
public final class SseBodyHandlers {

    private SseBodyHandlers() {
    }

    /**
     * Whether a response is an event stream, as every reader here decides it (§9.2.3): a 2xx
     * other than 204 No Content, of type {@code text/event-stream} (parameters and case aside).
     *
     * @param response the response's status and headers
     * @return true if events can be read from it
     */
    public static boolean isEventStream(HttpResponse.ResponseInfo response) {
        return ResponseReader.isEventStream(Objects.requireNonNull(response, "response"));
    }

    /**
     * Reads the body as an {@link EventStream}, with {@linkplain SseOptions#defaults() default options}.
     *
     * @return the body handler
     */
    public static HttpResponse.BodyHandler<EventStream> ofEvents() {
        return ofEvents(SseOptions.defaults());
    }

    /**
     * Reads the body as an {@link EventStream}.
     *
     * @param options limits and error-body settings
     * @return the body handler
     */
    public static HttpResponse.BodyHandler<EventStream> ofEvents(SseOptions options) {
        Objects.requireNonNull(options, "options");
        return info -> {
            SingleExchange exchange = SingleExchange.ofResponse(options);
            EventStream stream = new EventStream(exchange);
            return HttpResponse.BodySubscribers.mapping(exchange.jdkBodySubscriber(info), ignored -> stream);
        };
    }
}
