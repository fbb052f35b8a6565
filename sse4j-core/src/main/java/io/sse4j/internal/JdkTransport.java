package io.sse4j.internal;

import io.sse4j.SseTransport;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The built-in {@link SseTransport}: one {@link HttpClient#sendAsync} per exchange (and per
 * redirect, which {@link Redirects} follows), its body read on demand through a
 * {@link HttpResponse.BodySubscriber} that passes each buffer list on.
 *
 * <p>The response head is reported when the JDK completes the response, which is when the final
 * URI (after the client's redirects) is known. The body's end can come first (an empty body, a
 * cut right after the head): it is held back until the head has been reported. When the JDK fails
 * the response after the head arrived, the head is reported with the request's URI and then the
 * failure, so that nothing received is lost.
 */
public final class JdkTransport implements SseTransport {

    private final Function<Attempt, HttpRequest> requests;
    private final Redirects redirects;

    /** @param sensitive which request headers are credentials, dropped when a redirect leaves the origin */
    public JdkTransport(HttpClient client, Function<Attempt, HttpRequest> requests, Predicate<String> sensitive) {
        this.requests = requests;
        this.redirects = Redirects.of(client, sensitive);
    }

    @Override
    public Exchange open(Attempt attempt, Map<String, String> headers, Receiver receiver) {
        HttpRequest request = withHeaders(Objects.requireNonNull(requests.apply(attempt), "the request hook returned null"),
                headers);
        return redirects.follow(request, receiver);
    }

    /**
     * The body subscriber to give the JDK for a response it hands to a caller's own {@code send}
     * (the {@code BodyHandler} idiom): reports the head to {@code reader} at once, with no URI.
     */
    public static HttpResponse.BodySubscriber<Void> bodySubscriber(HttpResponse.ResponseInfo info, ResponseReader reader) {
        JdkExchange exchange = JdkExchange.ofResponse(info, reader);
        reader.bind(exchange);
        return exchange;
    }

    /** {@code request} with each of {@code headers} that it does not set itself. */
    public static HttpRequest withHeaders(HttpRequest request, Map<String, String> headers) {
        HttpRequest.Builder builder = null;
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (request.headers().firstValue(header.getKey()).isEmpty()) {
                if (builder == null) {
                    builder = HttpRequest.newBuilder(request, (name, value) -> true);
                }
                builder.header(header.getKey(), header.getValue());
            }
        }
        return builder == null ? request : builder.build();
    }
}
