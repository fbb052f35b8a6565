package io.sse4j.mcp;

import io.modelcontextprotocol.client.transport.customizer.McpAsyncHttpClientRequestCustomizer;
import io.modelcontextprotocol.common.McpTransportContext;
import io.sse4j.EventSource;
import io.sse4j.RetryPolicy;
import io.sse4j.SseOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * What both transports' builders set, and the two things they do with it: make a request from
 * the template and run the SDK's request customizer on it.
 */
record HttpSettings(HttpClient client, HttpRequest.Builder template, McpAsyncHttpClientRequestCustomizer customizer,
        Duration requestTimeout, SseOptions options, RetryPolicy retryPolicy, Duration idleTimeout,
        EventSource.Scheduler scheduler) {

    /** How long a request hook of an {@link EventSource} waits for an asynchronous customizer. */
    static final Duration CUSTOMIZER_WAIT = Duration.ofSeconds(30);

    /** A fresh builder from the template, for {@code uri}, with the request timeout if one is set. */
    HttpRequest.Builder newRequest(URI uri) {
        HttpRequest.Builder builder = template.copy().uri(uri);
        if (!requestTimeout.isZero()) {
            builder.timeout(requestTimeout);
        }
        return builder;
    }

    /** The customized builder, as the SDK's transports do it ({@code body} is null without one). */
    Mono<HttpRequest.Builder> customize(HttpRequest.Builder builder, String method, URI uri, String body,
            McpTransportContext context) {
        return Mono.from(customizer.customize(builder, method, uri, body, context)).defaultIfEmpty(builder);
    }

    /**
     * The same, blocking: for the request hook of an {@link EventSource}, which must return a
     * request. A synchronous customizer (the usual kind) returns at once.
     */
    HttpRequest customizeNow(HttpRequest.Builder builder, String method, URI uri, McpTransportContext context) {
        HttpRequest.Builder customized = customize(builder, method, uri, null, context).block(CUSTOMIZER_WAIT);
        return (customized == null ? builder : customized).build();
    }

    /** An {@link EventSource} builder with this transport's options, retry policy, idle timeout and clock. */
    EventSource.Builder eventSource(java.util.function.Function<io.sse4j.SseTransport.Attempt, HttpRequest> requests) {
        return EventSource.newBuilder(client, requests).options(options).retryPolicy(retryPolicy)
                .idleTimeout(idleTimeout).scheduler(scheduler);
    }
}
