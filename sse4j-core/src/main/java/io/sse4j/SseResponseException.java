package io.sse4j;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The server answered, but not with an event stream: the status was not 2xx, it was 204 No
 * Content, or the {@code Content-Type} was not {@code text/event-stream}.
 *
 * <p>It carries what a caller needs to tell why: the status, the headers, the URI and the start of
 * the response body (servers often explain the refusal there, e.g. a JSON error from an API). Its
 * message reads like {@code expected 200 text/event-stream, got 404 text/html from http://…}.
 *
 * <h2>Where it is raised</h2>
 * The status and {@code Content-Type} are known when the headers arrive, so a refused response
 * never reaches the loop that reads events:
 * <ul>
 *   <li>{@link EventStream#connect EventStream.connect} throws it, so one {@code catch} around
 *       the try-with-resources that opens and reads the stream handles it;</li>
 *   <li>the future of {@link EventStream#connectAsync EventStream.connectAsync} fails with it, and
 *       a listener given there receives it in {@code onError} (without {@code onOpen}).</li>
 * </ul>
 * Either way it comes at once: the start of the body is read for at most
 * {@link SseOptions#errorBodyWait()} (500 ms by default) and {@value #MAX_BODY_BYTES} bytes,
 * and the connection is then released.
 *
 * <p>Only the plain JDK idiom, {@code client.send(request, SseBodyHandlers.ofEvents())}, hands
 * over a stream whatever the response, as the JDK's body handlers do: check
 * {@link EventStream#isEventStream()} (or the status) first and read a body that is not an event
 * stream with {@link EventStream#readBody()}; reading events from it raises this exception from
 * {@link EventStream#read()}, in {@code onError}, or wrapped in
 * {@link java.io.UncheckedIOException} from an iterator.
 */
public final class SseResponseException extends IOException {

    private static final long serialVersionUID = 1L;

    /** At most this many bytes of the response body are kept: {@value}. */
    public static final int MAX_BODY_BYTES = 4096;

    private final int statusCode;
    /** The headers, kept in a serializable form: {@link HttpHeaders} is not serializable. */
    private final TreeMap<String, List<String>> headers;
    private final String body;
    private final URI uri;

    /**
     * A refused response.
     *
     * @param statusCode the status
     * @param headers    the headers
     * @param body       the start of the body, {@code ""} if none
     * @param uri        the URI the response came from, or {@code null} if unknown
     */
    public SseResponseException(int statusCode, HttpHeaders headers, String body, URI uri) {
        super((String) null);
        this.statusCode = statusCode;
        this.headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Objects.requireNonNull(headers, "headers").map()
                .forEach((name, values) -> this.headers.put(name, new ArrayList<>(values)));
        this.body = Objects.requireNonNull(body, "body");
        this.uri = uri;
    }

    /**
     * The response status code.
     *
     * @return the status code
     */
    public int statusCode() {
        return statusCode;
    }

    /**
     * The response headers.
     *
     * @return the headers
     */
    public HttpHeaders headers() {
        return HttpHeaders.of(headers, (name, value) -> true);
    }

    /**
     * The response's {@code Content-Type}, if it had one.
     *
     * @return the content type as sent
     */
    public Optional<String> contentType() {
        return headers().firstValue("Content-Type");
    }

    /**
     * The start of the response body, decoded as UTF-8: at most {@value #MAX_BODY_BYTES} bytes.
     *
     * @return the body text, {@code ""} if there was none
     */
    public String body() {
        return body;
    }

    /**
     * The URI of the response. Known when the stream was opened with {@link EventStream#connect}
     * or {@code connectAsync}; a caller of {@code HttpClient.send} with {@link SseBodyHandlers} has
     * it from the {@code HttpResponse}.
     *
     * @return the URI, or empty if unknown
     */
    public Optional<URI> uri() {
        return Optional.ofNullable(uri);
    }

    private static String redactedLocation(String location) {
        try {
            return SseOptions.defaults().redact(java.net.URI.create(location.strip()));
        } catch (IllegalArgumentException e) {
            return location;
        }
    }

    @Override
    public String getMessage() {
        StringBuilder sb = new StringBuilder("expected 200 text/event-stream, got ").append(statusCode);
        sb.append(' ').append(contentType().orElse("without Content-Type"));
        if (uri != null) {
            sb.append(" from ").append(SseOptions.defaults().redact(uri));
        }
        if (statusCode >= 300 && statusCode < 400) {
            Optional<String> location = headers().firstValue("Location");
            sb.append(location.map(l -> ": a redirect to " + redactedLocation(l) + " that was not followed")
                    .orElse(": a redirect without a Location"));
            if (location.isPresent()) {
                sb.append(" (the client does not follow redirects: build it with EventStream.newClientBuilder() or"
                        + " followRedirects(Redirect.NORMAL); from https to http only Redirect.ALWAYS follows,"
                        + " and at most 10 hops are)");
            }
            return sb.toString();
        }
        if (!body.isBlank()) {
            String shown = body.length() > 200 ? body.substring(0, 200) + "…" : body;
            sb.append(": ").append(shown.strip().replace('\n', ' ').replace('\r', ' '));
        }
        return sb.toString();
    }
}
