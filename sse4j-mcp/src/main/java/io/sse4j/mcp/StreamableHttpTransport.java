package io.sse4j.mcp;

import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.transport.customizer.McpAsyncHttpClientRequestCustomizer;
import io.modelcontextprotocol.client.transport.customizer.McpSyncHttpClientRequestCustomizer;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.HttpHeaders;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpTransportException;
import io.modelcontextprotocol.spec.McpTransportSessionClosedException;
import io.modelcontextprotocol.spec.McpTransportSessionNotFoundException;
import io.modelcontextprotocol.spec.ProtocolVersions;
import io.sse4j.EventSource;
import io.sse4j.EventStream;
import io.sse4j.RetryPolicy;
import io.sse4j.SseBodyHandlers;
import io.sse4j.SseOptions;
import io.sse4j.SseResponseException;
import java.io.Closeable;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The MCP streamable HTTP transport (protocol 2025-03-26 and later) for the official MCP Java SDK,
 * built on sse4j. A drop-in for the SDK's {@code HttpClientStreamableHttpTransport}:
 *
 * <pre>{@code
 * McpSyncClient client = McpClient.sync(StreamableHttpTransport.builder("http://localhost:8080").build())
 *         .build();
 * }</pre>
 *
 * <h2>What it does on the wire</h2>
 * <ul>
 *   <li>Each message is {@code POST}ed to the endpoint with
 *       {@code Accept: application/json, text/event-stream}. The reply is read as what it is: one
 *       JSON message, an event stream of messages (server requests and notifications, then the
 *       response), or {@code 202 Accepted} without a body. Events are read by sse4j's parser, as
 *       the WHATWG specification says: data split only at CR and LF (never at U+2028, U+2029 or
 *       U+0085), multi-line {@code data:}, events without {@code event:} as {@code message},
 *       other event types and comments passed over, {@code retry:} honoured.</li>
 *   <li>The {@code Mcp-Session-Id} the server assigns in reply to {@code initialize} is sent with
 *       every later request, with the {@code MCP-Protocol-Version} the SDK negotiated.</li>
 *   <li>Once {@code notifications/initialized} is accepted, a {@code GET} opens the stream for
 *       messages the server sends on its own, as an {@link EventSource}: when it breaks or the
 *       server closes it, it is reopened after the server's {@code retry:} time with
 *       {@code Last-Event-ID}. A server that answers {@code 405} offers no such stream, and none
 *       is kept.</li>
 *   <li>A {@code POST}'s event stream that ends before the response to its request has arrived
 *       (broken, or closed by the server after a priming event, SEP-1699) is resumed with a
 *       {@code GET} carrying {@code Last-Event-ID}, once the server's {@code retry:} time has
 *       passed (3 seconds if it sent none), and read until the response arrives. Without an event
 *       ID it cannot be resumed: the request then fails with a JSON-RPC error at once, rather
 *       than waiting for the SDK's request timeout.</li>
 *   <li>{@link #closeGracefully()} closes every stream and sends {@code DELETE} with the session
 *       ID.</li>
 *   <li>A {@code 404} (or {@code 400}) to a request that carried a session ID is reported as the
 *       SDK's {@code McpTransportSessionNotFoundException}, and the session is forgotten, so
 *       that the SDK can initialize a new one.</li>
 * </ul>
 *
 * <p>Thread-safe. It holds the streams it opened until {@link #closeGracefully()} (or
 * {@link #close()}); the {@link HttpClient} is closed by nobody, as the JDK's clients are not
 * closeable before Java 21.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#streamable-http">MCP
 *      streamable HTTP</a>
 */
public final class StreamableHttpTransport implements McpClientTransport {

    private static final System.Logger LOG = System.getLogger(StreamableHttpTransport.class.getName());

    /** The endpoint path used unless {@link Builder#endpoint(String)} sets another: {@value}. */
    public static final String DEFAULT_ENDPOINT = "/mcp";

    private static final String ACCEPT_BOTH = "application/json, text/event-stream";

    private final URI uri;
    private final HttpSettings http;
    private final Inbound inbound;
    private final List<String> protocolVersions;
    private final String latestProtocolVersion;
    private final boolean openConnectionOnStartup;

    /** "" until the server assigns one. */
    private volatile String sessionId = "";
    /** What the SDK negotiated, once it says; the latest supported version until then. */
    private volatile String protocolVersion;
    private volatile McpTransportContext listeningContext = McpTransportContext.EMPTY;
    private volatile boolean closed;
    private final AtomicReference<EventSource> listening = new AtomicReference<>();
    /** Every stream this transport opened and has not seen end: closed by closeGracefully. */
    private final Set<Closeable> open = ConcurrentHashMap.newKeySet();

    private StreamableHttpTransport(Builder builder) {
        this.uri = builder.baseUri.resolve(builder.endpoint);
        HttpClient client = builder.client != null ? builder.client
                : builder.clientBuilder.connectTimeout(builder.connectTimeout).build();
        this.http = new HttpSettings(client, builder.requestBuilder, builder.customizer, builder.requestTimeout,
                builder.options, builder.retryPolicy, builder.idleTimeout, builder.scheduler);
        this.inbound = new Inbound(builder.jsonMapper != null ? builder.jsonMapper : McpJsonDefaults.getMapper());
        this.protocolVersions = List.copyOf(builder.protocolVersions);
        this.latestProtocolVersion = protocolVersions.stream().max(Comparator.naturalOrder()).orElseThrow();
        this.protocolVersion = latestProtocolVersion;
        this.openConnectionOnStartup = builder.openConnectionOnStartup;
    }

    /**
     * A builder for a server at {@code baseUri}; the endpoint, {@value #DEFAULT_ENDPOINT} by
     * default, is resolved against it.
     *
     * @param baseUri the server's base URI, e.g. {@code http://localhost:8080}
     * @return a new builder
     * @throws IllegalArgumentException if {@code baseUri} is not a URI
     */
    public static Builder builder(String baseUri) {
        return new Builder(URI.create(Objects.requireNonNull(baseUri, "baseUri")));
    }

    /** The URI every message is sent to: the base URI with the endpoint resolved against it. */
    URI uri() {
        return uri;
    }

    /** The session ID the server assigned, or "" before it did (or after it was forgotten). */
    String sessionId() {
        return sessionId;
    }

    @Override
    public List<String> protocolVersions() {
        return protocolVersions;
    }

    @Override
    public Mono<Void> connect(Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler) {
        Objects.requireNonNull(handler, "handler");
        return Mono.fromRunnable(() -> {
            inbound.handler(handler);
            if (openConnectionOnStartup) {
                openListeningStream();
            }
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
    public Mono<Void> sendMessage(JSONRPCMessage message) {
        Objects.requireNonNull(message, "message");
        return Mono.deferContextual(ctx -> {
            if (closed) {
                return Mono.error(new McpTransportSessionClosedException());
            }
            if (ctx.hasKey(McpAsyncClient.NEGOTIATED_PROTOCOL_VERSION)) {
                protocolVersion = ctx.get(McpAsyncClient.NEGOTIATED_PROTOCOL_VERSION);
            }
            McpTransportContext context = ctx.getOrDefault(McpTransportContext.KEY, McpTransportContext.EMPTY);
            String json;
            try {
                json = inbound.mapper().writeValueAsString(message);
            } catch (java.io.IOException e) {
                return Mono.error(new McpTransportException("cannot serialise " + message, e));
            }
            String sentWithSession = sessionId;
            HttpRequest.Builder builder = withSession(http.newRequest(uri), sentWithSession)
                    .setHeader(HttpHeaders.ACCEPT, ACCEPT_BOTH)
                    .setHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
                    .setHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                    .POST(HttpRequest.BodyPublishers.ofString(json));
            return http.customize(builder, "POST", uri, json, context)
                    .flatMap(customized -> Mono.fromFuture(() -> http.client().sendAsync(customized.build(),
                            SseBodyHandlers.ofEvents(http.options()))))
                    .onErrorMap(CompletionException.class, e -> e.getCause() != null ? e.getCause() : e)
                    .flatMap(response -> reply(message, response, sentWithSession, context));
        });
    }

    /** What a POST's response means; completes once it is clear the message was accepted. */
    private Mono<Void> reply(JSONRPCMessage sent, HttpResponse<EventStream> response, String sentWithSession,
            McpTransportContext context) {
        EventStream body = response.body();
        response.headers().firstValue(HttpHeaders.MCP_SESSION_ID).filter(id -> !id.isBlank())
                .ifPresent(id -> sessionId = id);
        int status = response.statusCode();
        if (status / 100 != 2) {
            return readBody(body).onErrorReturn("").flatMap(text -> Mono.error(refused(status, text, sentWithSession)));
        }
        if (sent instanceof McpSchema.JSONRPCNotification notification
                && McpSchema.METHOD_NOTIFICATION_INITIALIZED.equals(notification.method())) {
            listeningContext = context;
            openListeningStream();
        }
        if (body.isEventStream()) {
            Object requestId = sent instanceof McpSchema.JSONRPCRequest request ? request.id() : null;
            ResponseStream stream = new ResponseStream(this, requestId, body);
            open.add(body);
            body.listen(stream);
            return Mono.empty();
        }
        if (status == 202 || !(sent instanceof McpSchema.JSONRPCRequest)) {
            body.close(); // a notification or a response: nothing to read (202 is the rule)
            return Mono.empty();
        }
        return readBody(body).flatMap(text -> {
            inbound.parse(text).ifPresent(inbound::deliver);
            return Mono.<Void>empty();
        });
    }

    private static Mono<String> readBody(EventStream body) {
        return Mono.fromCallable(body::readBody).subscribeOn(Schedulers.boundedElastic()).doFinally(s -> body.close());
    }

    private RuntimeException refused(int status, String body, String sentWithSession) {
        if ((status == 404 || status == 400) && !sentWithSession.isEmpty()) {
            forgetSession(sentWithSession);
            return new McpTransportSessionNotFoundException("session " + sentWithSession + " not found: " + status
                    + " from " + uri);
        }
        return new McpTransportException("POST " + uri + ": " + status
                + (body.isEmpty() ? "" : ": " + Inbound.abbreviate(body.strip())));
    }

    /** The server no longer knows the session: stop its GET stream and start from nothing. */
    private void forgetSession(String id) {
        if (sessionId.equals(id)) {
            sessionId = "";
            EventSource source = listening.getAndSet(null);
            if (source != null) {
                source.close();
            }
        }
    }

    private HttpRequest.Builder withSession(HttpRequest.Builder builder, String session) {
        builder.setHeader(HttpHeaders.PROTOCOL_VERSION, protocolVersion);
        if (!session.isEmpty()) {
            builder.setHeader(HttpHeaders.MCP_SESSION_ID, session);
        }
        return builder;
    }

    /** A GET of the endpoint for an event stream; {@code Last-Event-ID} is the EventSource's to add. */
    private HttpRequest getRequest(McpTransportContext context) {
        HttpRequest.Builder builder = withSession(http.newRequest(uri), sessionId)
                .setHeader(HttpHeaders.ACCEPT, "text/event-stream")
                .setHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                .GET();
        return http.customizeNow(builder, "GET", uri, context);
    }

    private void openListeningStream() {
        if (closed) {
            return;
        }
        McpTransportContext context = listeningContext;
        EventSource source = http.eventSource(attempt -> getRequest(context)).build();
        EventSource previous = listening.getAndSet(source);
        if (previous != null) {
            previous.close();
        }
        open.add(source);
        source.listen(new ListeningStream(this, source));
        if (closed) {
            source.close();
        }
    }

    /**
     * Resumes a POST's stream that ended before the response to {@code requestId}: a GET with
     * {@code Last-Event-ID: lastEventId}, after {@code delay}, read until the response arrives.
     */
    void resume(Object requestId, String lastEventId, Duration delay) {
        LOG.log(System.Logger.Level.DEBUG, () -> "resuming the stream of request " + requestId + " from event "
                + lastEventId + " in " + delay.toMillis() + " ms");
        McpTransportContext context = listeningContext;
        http.scheduler().schedule(() -> {
            if (closed) {
                return;
            }
            EventSource source = http.eventSource(attempt -> getRequest(context))
                    .lastEventId(lastEventId).retryFirstConnection(true).build();
            open.add(source);
            source.listen(new ResumedStream(this, source, requestId));
            if (closed) {
                source.close();
            }
        }, delay);
    }

    Inbound inbound() {
        return inbound;
    }

    boolean isClosed() {
        return closed;
    }

    /** A stream ended: it no longer needs closing. */
    void ended(Closeable stream) {
        open.remove(stream);
    }

    /** Fails the request at once: its stream ended without its response and cannot be resumed. */
    void failRequest(Object requestId, String why) {
        inbound.deliver(new McpSchema.JSONRPCResponse(McpSchema.JSONRPC_VERSION, requestId, null,
                new McpSchema.JSONRPCResponse.JSONRPCError(McpSchema.ErrorCodes.INTERNAL_ERROR, why, null)));
    }

    /** The GET stream failed for good; a 405 only means the server offers none. */
    void listeningFailed(EventSource source, Throwable error) {
        listening.compareAndSet(source, null);
        if (error instanceof SseResponseException refused) {
            if (refused.statusCode() == 405) {
                LOG.log(System.Logger.Level.DEBUG, "the server offers no GET stream (405)");
                return;
            }
            if (refused.statusCode() == 404 && !sessionId.isEmpty()) {
                String id = sessionId;
                forgetSession(id);
                inbound.report(new McpTransportSessionNotFoundException("session " + id + " not found: 404 from " + uri));
                return;
            }
        }
        if (!closed) {
            inbound.report(error);
        }
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.defer(() -> {
            closed = true;
            List<Closeable> streams = new ArrayList<>(open);
            open.clear();
            for (Closeable stream : streams) {
                try {
                    stream.close();
                } catch (java.io.IOException | RuntimeException e) {
                    LOG.log(System.Logger.Level.DEBUG, "closing a stream", e);
                }
            }
            String id = sessionId;
            if (id.isEmpty()) {
                return Mono.empty();
            }
            HttpRequest.Builder builder = withSession(http.newRequest(uri), id).DELETE();
            return http.customize(builder, "DELETE", uri, null, listeningContext)
                    .flatMap(customized -> Mono.fromFuture(() -> http.client().sendAsync(customized.build(),
                            HttpResponse.BodyHandlers.discarding())))
                    .doOnNext(response -> LOG.log(System.Logger.Level.DEBUG, () -> "DELETE " + uri + ": "
                            + response.statusCode())) // 405: the server keeps sessions until they expire
                    .onErrorResume(e -> {
                        LOG.log(System.Logger.Level.DEBUG, "DELETE " + uri + " failed", e);
                        return Mono.empty();
                    })
                    .then();
        });
    }

    @Override
    public String toString() {
        return "StreamableHttpTransport[" + uri + (sessionId.isEmpty() ? "" : ", session " + sessionId)
                + (closed ? ", closed" : "") + "]";
    }

    /**
     * Builds a {@link StreamableHttpTransport}. The SDK's option names where they exist
     * ({@code endpoint}, {@code clientBuilder}, {@code customizeClient}, {@code requestBuilder},
     * {@code jsonMapper}, {@code httpRequestCustomizer}, {@code asyncHttpRequestCustomizer},
     * {@code connectTimeout}, {@code supportedProtocolVersions}, {@code openConnectionOnStartup}),
     * and sse4j's: {@code client}, {@code requestTimeout}, {@code options}, {@code retryPolicy},
     * {@code idleTimeout}, {@code scheduler}. Not thread-safe; {@link #build()} may be called more
     * than once.
     */
    public static final class Builder {

        private final URI baseUri;
        private String endpoint = DEFAULT_ENDPOINT;
        private HttpClient client;
        private HttpClient.Builder clientBuilder = EventStream.newClientBuilder();
        private Duration connectTimeout = Duration.ofSeconds(10);
        private HttpRequest.Builder requestBuilder = HttpRequest.newBuilder();
        private McpJsonMapper jsonMapper;
        private McpAsyncHttpClientRequestCustomizer customizer = McpAsyncHttpClientRequestCustomizer.NOOP;
        private Duration requestTimeout = Duration.ZERO;
        private List<String> protocolVersions = List.of(ProtocolVersions.MCP_2024_11_05,
                ProtocolVersions.MCP_2025_03_26, ProtocolVersions.MCP_2025_06_18, ProtocolVersions.MCP_2025_11_25);
        private boolean openConnectionOnStartup;
        private SseOptions options = SseOptions.defaults();
        private RetryPolicy retryPolicy = RetryPolicy.reconnectionTime();
        private Duration idleTimeout = Duration.ZERO;
        private EventSource.Scheduler scheduler = EventSource.Scheduler.system();

        private Builder(URI baseUri) {
            this.baseUri = baseUri;
        }

        /**
         * The endpoint path, resolved against the base URI; default {@value #DEFAULT_ENDPOINT}.
         *
         * @param endpoint a path such as {@code /mcp}
         * @return this builder
         */
        public Builder endpoint(String endpoint) {
            Objects.requireNonNull(endpoint, "endpoint");
            if (endpoint.isBlank()) {
                throw new IllegalArgumentException("endpoint is blank");
            }
            this.endpoint = endpoint;
            return this;
        }

        /**
         * A client to use as it is, shared with other code: {@link #clientBuilder},
         * {@link #customizeClient} and {@link #connectTimeout} then do nothing. By default the
         * transport builds its own from {@link EventStream#newClientBuilder()} (HTTP/1.1,
         * redirects followed except https to http, a 10 second connect timeout).
         *
         * @param client the client for every request
         * @return this builder
         */
        public Builder client(HttpClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /**
         * The builder of the client the transport makes, as in the SDK; default
         * {@link EventStream#newClientBuilder()}.
         *
         * @param clientBuilder the client builder
         * @return this builder
         */
        public Builder clientBuilder(HttpClient.Builder clientBuilder) {
            this.clientBuilder = Objects.requireNonNull(clientBuilder, "clientBuilder");
            return this;
        }

        /**
         * Adjusts the builder of the client the transport makes, as in the SDK.
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
            this.connectTimeout = positive(connectTimeout, "connectTimeout");
            return this;
        }

        /**
         * The template of every request, e.g. with headers every request carries
         * ({@code HttpRequest.newBuilder().header("Authorization", "Bearer …")}); copied for each
         * request, and not to be changed after {@link #build()}. Default: an empty builder.
         *
         * @param requestBuilder the template
         * @return this builder
         */
        public Builder requestBuilder(HttpRequest.Builder requestBuilder) {
            this.requestBuilder = Objects.requireNonNull(requestBuilder, "requestBuilder");
            return this;
        }

        /**
         * How long to wait for each response's headers ({@link HttpRequest.Builder#timeout}):
         * a {@code POST} whose reply has not begun by then fails with the JDK's
         * {@code HttpTimeoutException}. Default zero: no limit (the SDK's request timeout still
         * applies). Set it above the time your slowest tool takes to answer with plain JSON.
         *
         * @param requestTimeout zero for none, else positive
         * @return this builder
         */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = notNegative(requestTimeout, "requestTimeout");
            return this;
        }

        /**
         * The JSON mapper; default {@code McpJsonDefaults.getMapper()}, which finds the SDK's
         * JSON module (e.g. {@code mcp-json-jackson2}) on the class path.
         *
         * @param jsonMapper the mapper
         * @return this builder
         */
        public Builder jsonMapper(McpJsonMapper jsonMapper) {
            this.jsonMapper = Objects.requireNonNull(jsonMapper, "jsonMapper");
            return this;
        }

        /**
         * Customizes each request before it is sent (method {@code POST}, {@code GET} or
         * {@code DELETE}, the URI, the JSON body of a {@code POST}, else {@code null}), as in the
         * SDK: e.g. to add a fresh access token. It also runs for each reconnect of a
         * {@code GET} stream, on the {@link EventSource.Scheduler}'s thread: keep it quick.
         * Replaces an asynchronous customizer.
         *
         * @param customizer the customizer
         * @return this builder
         */
        public Builder httpRequestCustomizer(McpSyncHttpClientRequestCustomizer customizer) {
            this.customizer = McpAsyncHttpClientRequestCustomizer.fromSync(Objects.requireNonNull(customizer, "customizer"));
            return this;
        }

        /**
         * The asynchronous form of {@link #httpRequestCustomizer}. The request of each
         * {@code GET} stream attempt must exist when the attempt starts, so there it is waited
         * for, at most 30 seconds. Replaces a synchronous customizer.
         *
         * @param customizer the customizer
         * @return this builder
         */
        public Builder asyncHttpRequestCustomizer(McpAsyncHttpClientRequestCustomizer customizer) {
            this.customizer = Objects.requireNonNull(customizer, "customizer");
            return this;
        }

        /**
         * The protocol versions offered in negotiation, as in the SDK; the latest is sent in
         * {@code MCP-Protocol-Version} until the SDK has negotiated one. Default, as in the SDK:
         * 2024-11-05, 2025-03-26, 2025-06-18 and 2025-11-25. (A server that speaks only the
         * 2024-11-05 HTTP+SSE transport needs {@link LegacySseTransport}.)
         *
         * @param versions at least one version
         * @return this builder
         */
        public Builder supportedProtocolVersions(List<String> versions) {
            List<String> copy = List.copyOf(Objects.requireNonNull(versions, "versions"));
            if (copy.isEmpty()) {
                throw new IllegalArgumentException("no protocol version");
            }
            this.protocolVersions = copy;
            return this;
        }

        /**
         * Whether {@code connect} opens the {@code GET} stream at once, before
         * {@code initialize}, as in the SDK; default false: it opens once
         * {@code notifications/initialized} has been accepted, as the specification describes.
         *
         * @param open true to open at connect
         * @return this builder
         */
        public Builder openConnectionOnStartup(boolean open) {
            this.openConnectionOnStartup = open;
            return this;
        }

        /**
         * sse4j's limits for each stream and plain body (line, event and body sizes, see
         * {@link SseOptions}); default {@link SseOptions#defaults()}: 16 MiB each.
         *
         * @param options the options
         * @return this builder
         */
        public Builder options(SseOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * How long to wait before each reconnect of a {@code GET} stream, and when to give up;
         * default {@link RetryPolicy#reconnectionTime()}: exactly the server's {@code retry:}
         * time (3 s until it sends one), at least 100 ms and at most 30 s, never giving up, as
         * MCP servers that close streams on purpose expect. The first resumption of a
         * {@code POST}'s stream always waits exactly the {@code retry:} time.
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * How long a {@code GET} stream may receive nothing, not even a comment, before it is
         * replaced by a new connection that resumes with {@code Last-Event-ID}; default zero:
         * none. Set it above the server's keep-alive interval.
         *
         * @param idleTimeout zero for none, else positive
         * @return this builder
         */
        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = notNegative(idleTimeout, "idleTimeout");
            return this;
        }

        /**
         * The clock and timer for reconnect delays and the idle timeout; default
         * {@link EventSource.Scheduler#system()}. Tests pass one they drive.
         *
         * @param scheduler the scheduler
         * @return this builder
         */
        public Builder scheduler(EventSource.Scheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /**
         * A new transport with these settings. It sends nothing until the SDK calls
         * {@code connect} and {@code sendMessage}.
         *
         * @return the transport
         */
        public StreamableHttpTransport build() {
            return new StreamableHttpTransport(this);
        }

        static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + d);
            }
            return d;
        }

        static Duration notNegative(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative: " + d);
            }
            return d;
        }
    }
}
