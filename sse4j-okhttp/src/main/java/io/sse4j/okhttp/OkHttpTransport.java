package io.sse4j.okhttp;

import io.sse4j.SseTransport;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * The {@link SseTransport} over OkHttp: each attempt's {@link Request}, with the headers sse4j
 * asks for that it does not set itself, as one enqueued {@link okhttp3.Call} on the caller's
 * client, so its interceptors, timeouts, dispatcher, pool, proxy, DNS and certificate pinning all
 * apply. Redirects are OkHttp's, as the client says.
 */
final class OkHttpTransport implements SseTransport {

    private final OkHttpClient client;
    private final Function<Attempt, Request> requests;

    OkHttpTransport(OkHttpClient client, Function<Attempt, Request> requests) {
        this.client = client;
        this.requests = requests;
    }

    @Override
    public Exchange open(Attempt attempt, Map<String, String> headers, Receiver receiver) {
        Request request = withHeaders(Objects.requireNonNull(requests.apply(attempt), "the request hook returned null"),
                headers);
        OkHttpExchange exchange = new OkHttpExchange(client.newCall(request), receiver,
                client.dispatcher().executorService(), SseTransport.isIdempotent(request.method()));
        exchange.enqueue();
        return exchange;
    }

    /** {@code request} with each of {@code headers} that it does not set itself. */
    static Request withHeaders(Request request, Map<String, String> headers) {
        Request.Builder builder = null;
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (request.header(header.getKey()) == null) {
                if (builder == null) {
                    builder = request.newBuilder();
                }
                builder.header(header.getKey(), header.getValue());
            }
        }
        return builder == null ? request : builder.build();
    }

    @Override
    public String toString() {
        return "OkHttpTransport[" + client + "]";
    }
}
