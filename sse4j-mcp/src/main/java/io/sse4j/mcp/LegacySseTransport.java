package io.sse4j.mcp;

import io.modelcontextprotocol.client.transport.customizer.McpAsyncHttpClientRequestCustomizer;
import io.modelcontextprotocol.client.transport.customizer.McpSyncHttpClientRequestCustomizer;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.HttpHeaders;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpTransportException;
import io.modelcontextprotocol.spec.McpTransportSessionClosedException;
import io.modelcontextprotocol.spec.ProtocolVersions;
import io.sse4j.EventSource;
import io.sse4j.EventSourceListener;
import io.sse4j.EventStream;
import io.sse4j.RetryPolicy;
import io.sse4j.ServerSentEvent;
import io.sse4j.SseBodyHandlers;
import io.sse4j.SseOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The HTTP+SSE transport of MCP protocol 2024-11-05, for servers that predate streamable HTTP,
 * built on sse4j. A drop-in for the SDK's {@code HttpClientSseClientTransport}:
 *
 * <pre>{@code
 * McpSyncClient client = McpClient.sync(LegacySseTransport.builder("http://localhost:8080").build()).build();
 * }</pre>
 *
 * <p>{@code connect} opens a {@code GET} of the SSE endpoint ({@value #DEFAULT_SSE_ENDPOINT} by
 * default) and completes when the server's {@code endpoint} event names the URI to {@code POST}
 * messages to; the server's messages arrive as {@code message} events on that stream (events
 * without {@code event:} count as {@code message}, as the SSE specification says; other types and
 * comments are passed over). The message endpoint must have the SSE endpoint's origin (scheme,
 * host and port): a stream cannot send the client's messages elsewhere.
 *
 * <p>The protocol has no resumption: the server's session lives as long as that one stream. So
 * the stream is not reopened when it ends; its end, or failure, is reported to the SDK's
 * exception handler, and later messages fail. Thread-safe; {@link #closeGracefully()} closes the
 * stream.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2024-11-05/basic/transports#http-with-sse">MCP
 *      HTTP with SSE</a>
 */
public final class LegacySseTransport implements McpClientTransport {

    private static final System.Logger LOG = System.getLogger(LegacySseTransport.class.getName());

    /** The SSE endpoint path used unless {@link Builder#sseEndpoint(String)} sets another: {@value}. */
    public static final String DEFAULT_SSE_ENDPOINT = "/sse";

    private final URI sseUri;
    private final HttpSettings http;
    private final Inbound inbound;
    private final CompletableFuture<URI> messageEndpoint = new CompletableFuture<>();
    private final AtomicReference<EventSource> stream = new AtomicReference<>();
    private volatile boolean closed;

    private LegacySseTransport(Builder builder) {
        this.sseUri = builder.baseUri.resolve(builder.sseEndpoint);
        HttpClient client = builder.client != null ? builder.client
                : builder.clientBuilder.connectTimeout(builder.connectTimeout).build();
        this.http = new HttpSettings(client, builder.requestBuilder, builder.customizer, builder.requestTimeout,
                builder.options, RetryPolicy.never(), builder.idleTimeout, builder.scheduler);
        this.inbound = new Inbound(builder.jsonMapper != null ? builder.jsonMapper : McpJsonDefaults.getMapper());
    }

    /**
     * A builder for a server at {@code baseUri}; the SSE endpoint, {@value #DEFAULT_SSE_ENDPOINT}
     * by default, is resolved against it.
     *
     * @param baseUri the server's base URI, e.g. {@code http://localhost:8080}
     * @return a new builder
     * @throws IllegalArgumentException if {@code baseUri} is not a URI
     */
    public static Builder builder(String baseUri) {
        return new Builder(URI.create(Objects.requireNonNull(baseUri, "baseUri")));
    }

    /** Protocol 2024-11-05, the only one this transport speaks. */
    @Override
    public List<String> protocolVersions() {
        return List.of(ProtocolVersions.MCP_2024_11_05);
    }

    @Override
    public Mono<Void> connect(Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler) {
        Objects.requireNonNull(handler, "handler");
        return Mono.deferContextual(ctx -> {
            inbound.handler(handler);
            McpTransportContext context = ctx.getOrDefault(McpTransportContext.KEY, McpTransportContext.EMPTY);
            EventSource source = http.eventSource(attempt -> http.customizeNow(http.newRequest(sseUri)
                            .setHeader(HttpHeaders.ACCEPT, "text/event-stream")
                            .setHeader(HttpHeaders.CACHE_CONTROL, "no-cache").GET(), "GET", sseUri, context))
                    .reopenAfterCleanEnd(false).build();
            if (!stream.compareAndSet(null, source)) {
                source.close();
                return Mono.error(new IllegalStateException("already connected"));
            }
            source.listen(new Listener());
            if (closed) {
                source.close();
            }
            return Mono.fromFuture(messageEndpoint.copy()).then();
        });
    }

    /** Reads the SSE stream: first the {@code endpoint} event, then messages. */
    private final class Listener implements EventSourceListener {

        @Override
        public void onEvent(ServerSentEvent event) {
            switch (event.type()) {
                case "endpoint" -> endpoint(event.data().strip());
                case "message" -> inbound.parse(event.data()).ifPresent(inbound::deliver);
                default -> LOG.log(System.Logger.Level.DEBUG, () -> "event of type " + event.type() + " passed over");
            }
        }

        @Override
        public void onClosed() {
            ended(new McpTransportException("the server ended the SSE stream of " + sseUri));
        }

        @Override
        public void onError(Throwable error) {
            ended(error);
        }

        private void ended(Throwable why) {
            if (closed) {
                return;
            }
            if (!messageEndpoint.completeExceptionally(why)) {
                inbound.report(why);
            }
        }
    }

    private void endpoint(String data) {
        URI uri;
        try {
            uri = sseUri.resolve(data);
        } catch (IllegalArgumentException e) {
            inbound.report(new McpTransportException("endpoint event is not a URI: " + Inbound.abbreviate(data), e));
            return;
        }
        if (!sameOrigin(uri, sseUri)) {
            McpTransportException refused = new McpTransportException("endpoint " + uri
                    + " is not of the SSE endpoint's origin " + sseUri);
            if (!messageEndpoint.completeExceptionally(refused)) {
                inbound.report(refused);
            }
            return;
        }
        if (!messageEndpoint.complete(uri)) {
            LOG.log(System.Logger.Level.DEBUG, () -> "second endpoint event passed over: " + uri);
        }
    }

    private static boolean sameOrigin(URI a, URI b) {
        return Objects.equals(a.getScheme(), b.getScheme()) && Objects.equals(a.getHost(), b.getHost())
                && effectivePort(a) == effectivePort(b);
    }

    private static int effectivePort(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    @Override
    public Mono<Void> sendMessage(JSONRPCMessage message) {
        Objects.requireNonNull(message, "message");
        return Mono.deferContextual(ctx -> {
            if (closed) {
                return Mono.error(new McpTransportSessionClosedException());
            }
            McpTransportContext context = ctx.getOrDefault(McpTransportContext.KEY, McpTransportContext.EMPTY);
            String json;
            try {
                json = inbound.mapper().writeValueAsString(message);
            } catch (java.io.IOException e) {
                return Mono.error(new McpTransportException("cannot serialise " + message, e));
            }
            return Mono.fromFuture(messageEndpoint.copy()).flatMap(uri -> {
                HttpRequest.Builder builder = http.newRequest(uri)
                        .setHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
                        .POST(HttpRequest.BodyPublishers.ofString(json));
                return http.customize(builder, "POST", uri, json, context)
                        .flatMap(customized -> Mono.fromFuture(() -> http.client().sendAsync(customized.build(),
                                SseBodyHandlers.ofEvents(http.options()))))
                        .onErrorMap(CompletionException.class, e -> e.getCause() != null ? e.getCause() : e)
                        .flatMap(response -> {
                            EventStream body = response.body();
                            if (response.statusCode() / 100 == 2) {
                                body.close(); // the answer comes on the SSE stream
                                return Mono.<Void>empty();
                            }
                            return Mono.fromCallable(body::readBody).subscribeOn(Schedulers.boundedElastic())
                                    .doFinally(s -> body.close()).onErrorReturn("")
                                    .flatMap(text -> Mono.<Void>error(new McpTransportException("POST " + uri + ": "
                                            + response.statusCode() + (text.isEmpty() ? "" : ": " + Inbound.abbreviate(text.strip())))));
                        });
            });
        });
    }

    @Override
    public void setExceptionHandler(Consumer<Throwable> handler) {
        inbound.exceptionHandler(Objects.requireNonNull(handler, "handler"));
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
        return inbound.mapper().convertValue(data, typeRef);
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(() -> {
            closed = true;
            messageEndpoint.completeExceptionally(new McpTransportSessionClosedException());
            EventSource source = stream.get();
            if (source != null) {
                source.close();
            }
        });
    }

    @Override
    public String toString() {
        return "LegacySseTransport[" + sseUri + (closed ? ", closed" : "") + "]";
    }

    /**
     * Builds a {@link LegacySseTransport}: the SDK's option names where they exist
     * ({@code sseEndpoint}, {@code clientBuilder}, {@code customizeClient}, {@code requestBuilder},
     * {@code jsonMapper}, {@code httpRequestCustomizer}, {@code asyncHttpRequestCustomizer},
     * {@code connectTimeout}), and sse4j's: {@code client}, {@code requestTimeout},
     * {@code options}, {@code idleTimeout}, {@code scheduler}. Not thread-safe.
     */
    public static final class Builder {

        private final URI baseUri;
        private String sseEndpoint = DEFAULT_SSE_ENDPOINT;
        private HttpClient client;
        private HttpClient.Builder clientBuilder = EventStream.newClientBuilder();
        private Duration connectTimeout = Duration.ofSeconds(10);
        private HttpRequest.Builder requestBuilder = HttpRequest.newBuilder();
        private McpJsonMapper jsonMapper;
        private McpAsyncHttpClientRequestCustomizer customizer = McpAsyncHttpClientRequestCustomizer.NOOP;
        private Duration requestTimeout = Duration.ZERO;
        private SseOptions options = SseOptions.defaults();
        private Duration idleTimeout = Duration.ZERO;
        private EventSource.Scheduler scheduler = EventSource.Scheduler.system();

        private Builder(URI baseUri) {
            this.baseUri = baseUri;
        }

        /**
         * The SSE endpoint path, resolved against the base URI; default {@value #DEFAULT_SSE_ENDPOINT}.
         *
         * @param sseEndpoint a path such as {@code /sse}
         * @return this builder
         */
        public Builder sseEndpoint(String sseEndpoint) {
            Objects.requireNonNull(sseEndpoint, "sseEndpoint");
            if (sseEndpoint.isBlank()) {
                throw new IllegalArgumentException("sseEndpoint is blank");
            }
            this.sseEndpoint = sseEndpoint;
            return this;
        }

        /**
         * A client to use as it is; {@link #clientBuilder}, {@link #customizeClient} and
         * {@link #connectTimeout} then do nothing. By default the transport builds its own from
         * {@link EventStream#newClientBuilder()}.
         *
         * @param client the client
         * @return this builder
         */
        public Builder client(HttpClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /**
         * The builder of the client the transport makes; default {@link EventStream#newClientBuilder()}.
         *
         * @param clientBuilder the client builder
         * @return this builder
         */
        public Builder clientBuilder(HttpClient.Builder clientBuilder) {
            this.clientBuilder = Objects.requireNonNull(clientBuilder, "clientBuilder");
            return this;
        }

        /**
         * Adjusts the builder of the client the transport makes.
         *
         * @param customizer called now with the client builder
         * @return this builder
         */
        public Builder customizeClient(Consumer<HttpClient.Builder> customizer) {
            Objects.requireNonNull(customizer, "customizer").accept(clientBuilder);
            return this;
        }

        /**
         * The connect timeout of the client the transport makes; default 10 seconds.
         *
         * @param connectTimeout a positive duration
         * @return this builder
         */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = StreamableHttpTransport.Builder.positive(connectTimeout, "connectTimeout");
            return this;
        }

        /**
         * The template of every request, copied for each; default an empty builder.
         *
         * @param requestBuilder the template
         * @return this builder
         */
        public Builder requestBuilder(HttpRequest.Builder requestBuilder) {
            this.requestBuilder = Objects.requireNonNull(requestBuilder, "requestBuilder");
            return this;
        }

        /**
         * How long to wait for each response's headers; default zero: no limit.
         *
         * @param requestTimeout zero for none, else positive
         * @return this builder
         */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = StreamableHttpTransport.Builder.notNegative(requestTimeout, "requestTimeout");
            return this;
        }

        /**
         * The JSON mapper; default {@code McpJsonDefaults.getMapper()}.
         *
         * @param jsonMapper the mapper
         * @return this builder
         */
        public Builder jsonMapper(McpJsonMapper jsonMapper) {
            this.jsonMapper = Objects.requireNonNull(jsonMapper, "jsonMapper");
            return this;
        }

        /**
         * Customizes each request before it is sent, as in the SDK; replaces an asynchronous one.
         *
         * @param customizer the customizer
         * @return this builder
         */
        public Builder httpRequestCustomizer(McpSyncHttpClientRequestCustomizer customizer) {
            this.customizer = McpAsyncHttpClientRequestCustomizer.fromSync(Objects.requireNonNull(customizer, "customizer"));
            return this;
        }

        /**
         * The asynchronous form of {@link #httpRequestCustomizer}; for the {@code GET} it is
         * waited for, at most 30 seconds. Replaces a synchronous one.
         *
         * @param customizer the customizer
         * @return this builder
         */
        public Builder asyncHttpRequestCustomizer(McpAsyncHttpClientRequestCustomizer customizer) {
            this.customizer = Objects.requireNonNull(customizer, "customizer");
            return this;
        }

        /**
         * sse4j's limits for the stream and error bodies; default {@link SseOptions#defaults()}.
         *
         * @param options the options
         * @return this builder
         */
        public Builder options(SseOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * How long the SSE stream may receive nothing, not even a comment, before it is taken for
         * dead and reported to the SDK's exception handler; default zero: none.
         *
         * @param idleTimeout zero for none, else positive
         * @return this builder
         */
        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = StreamableHttpTransport.Builder.notNegative(idleTimeout, "idleTimeout");
            return this;
        }

        /**
         * The clock and timer for the idle timeout; default {@link EventSource.Scheduler#system()}.
         *
         * @param scheduler the scheduler
         * @return this builder
         */
        public Builder scheduler(EventSource.Scheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /**
         * A new transport; it connects when the SDK calls {@code connect}.
         *
         * @return the transport
         */
        public LegacySseTransport build() {
            return new LegacySseTransport(this);
        }
    }
}
