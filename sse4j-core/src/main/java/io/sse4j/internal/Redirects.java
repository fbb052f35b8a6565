package io.sse4j.internal;

import io.sse4j.SseOptions;
import io.sse4j.SseTransport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.function.Predicate;

/**
 * Redirects for the built-in transport, followed by sse4j rather than by the JDK, with the rules
 * of curl and Fetch: as the client's policy says ({@link HttpClient.Redirect#NORMAL} refuses
 * https to http, {@link HttpClient.Redirect#ALWAYS} allows it, {@code NEVER} follows none), at
 * most {@value #MAX_HOPS} hops, a 303 (and a 301 or 302 after a POST) as a GET without a body,
 * and credentials ({@code Authorization}, {@code Cookie}, {@code Proxy-Authorization} and the
 * headers the options mark sensitive) dropped when a hop leaves the origin (scheme, host, port).
 * A redirect that is not followed reaches the reader as the response it is.
 *
 * <p>The JDK's client, when it follows redirects, copies every header to the next hop, whatever
 * its origin. So a JDK client set to follow is replaced, for sending, by one with the same
 * settings that does not, made once per client. A client of another class (a wrapper) is sent
 * through as it is: it follows redirects itself, or not.
 */
public final class Redirects {

    /** The most redirects followed for one request. */
    static final int MAX_HOPS = 10;

    private static final System.Logger LOG = System.getLogger("io.sse4j.SseTransport");
    private static final Map<HttpClient, HttpClient> NOT_FOLLOWING = Collections.synchronizedMap(new WeakHashMap<>());

    private final HttpClient sender;
    private final HttpClient.Redirect policy;
    private final Predicate<String> sensitive;

    private Redirects(HttpClient sender, HttpClient.Redirect policy, Predicate<String> sensitive) {
        this.sender = sender;
        this.policy = policy;
        this.sensitive = sensitive;
    }

    static Redirects of(HttpClient client, Predicate<String> sensitive) {
        HttpClient.Redirect policy = client.followRedirects();
        if (policy == HttpClient.Redirect.NEVER || !client.getClass().getName().startsWith("jdk.internal.net.http.")) {
            return new Redirects(client, HttpClient.Redirect.NEVER, sensitive);
        }
        return new Redirects(NOT_FOLLOWING.computeIfAbsent(client, Redirects::notFollowing), policy, sensitive);
    }

    /** A client with {@code client}'s settings that follows no redirect. */
    private static HttpClient notFollowing(HttpClient client) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(client.version())
                .sslContext(client.sslContext())
                .sslParameters(client.sslParameters());
        client.cookieHandler().ifPresent(builder::cookieHandler);
        client.connectTimeout().ifPresent(builder::connectTimeout);
        client.proxy().ifPresent(builder::proxy);
        client.authenticator().ifPresent(builder::authenticator);
        client.executor().ifPresent(builder::executor);
        return builder.build();
    }

    /** Sends {@code request}, following its redirects; {@code receiver} hears the last response only. */
    SseTransport.Exchange follow(HttpRequest request, SseTransport.Receiver receiver) {
        Chain chain = new Chain(request, receiver);
        chain.send(request);
        return chain;
    }

    /** The request for the next hop of a redirect {@code response} to {@code request}, if it is followed. */
    Optional<HttpRequest> next(HttpRequest request, HttpResponse.ResponseInfo response, URI from) {
        int status = response.statusCode();
        if (policy == HttpClient.Redirect.NEVER
                || !(status == 301 || status == 302 || status == 303 || status == 307 || status == 308)) {
            return Optional.empty();
        }
        Optional<String> location = response.headers().firstValue("Location");
        if (location.isEmpty()) {
            return Optional.empty();
        }
        URI target;
        try {
            target = from.resolve(location.get().strip());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || target.getHost() == null) {
            return Optional.empty();
        }
        if (policy == HttpClient.Redirect.NORMAL && "https".equalsIgnoreCase(from.getScheme()) && scheme.equals("http")) {
            return Optional.empty(); // A downgrade: only Redirect.ALWAYS follows it.
        }
        boolean crossOrigin = !Failures.hostAndPort(from).equalsIgnoreCase(Failures.hostAndPort(target))
                || !scheme.equalsIgnoreCase(from.getScheme());
        String method = request.method();
        boolean toGet = (status == 303 && !method.equals("HEAD")) || ((status == 301 || status == 302) && method.equals("POST"));
        HttpRequest.Builder next = HttpRequest.newBuilder(request, (name, value) ->
                !(crossOrigin && sensitive.test(name)) && !(toGet && name.equalsIgnoreCase("Content-Type")));
        next.uri(target);
        if (toGet) {
            next.GET();
        }
        return Optional.of(next.build());
    }

    /**
     * One request and its redirects: each hop an exchange of its own; the receiver hears the
     * last hop only. The hops' calls are sequential (a hop starts when the one before has
     * answered), so the fields below are touched by one thread at a time.
     */
    private final class Chain implements SseTransport.Exchange, SseTransport.Receiver {
        private final HttpRequest first;
        private final SseTransport.Receiver receiver;
        private volatile SseTransport.Exchange hop;
        private volatile boolean aborted;
        private HttpRequest current;
        private int hops;

        Chain(HttpRequest first, SseTransport.Receiver receiver) {
            this.first = first;
            this.receiver = receiver;
        }

        void send(HttpRequest request) {
            current = request;
            JdkExchange next = JdkExchange.of(request, this);
            hop = next; // Before sending: the response may come back on another thread at once.
            if (aborted) {
                return; // Closed meanwhile: nothing more is sent.
            }
            next.sendOn(sender);
        }

        @Override
        public void onResponse(HttpResponse.ResponseInfo response, URI uri) {
            Optional<HttpRequest> next = hops < MAX_HOPS ? next(current, response, uri) : Optional.empty();
            if (next.isPresent() && !aborted) {
                hops++;
                HttpRequest request = next.get();
                LOG.log(System.Logger.Level.DEBUG, () -> "redirect " + response.statusCode() + " from "
                        + SseOptions.defaults().redact(uri) + " to " + request.method() + " "
                        + SseOptions.defaults().redact(request.uri()));
                hop.abort(); // Its body is not wanted; it hears nothing more.
                send(request);
                return;
            }
            receiver.onResponse(response, uri);
        }

        @Override
        public void onBody(List<ByteBuffer> chunk) {
            receiver.onBody(chunk);
        }

        @Override
        public void onComplete() {
            receiver.onComplete();
        }

        @Override
        public void onError(Throwable error) {
            receiver.onError(error);
        }

        @Override
        public void request() {
            hop.request();
        }

        @Override
        public void abort() {
            aborted = true;
            SseTransport.Exchange h = hop;
            if (h != null) {
                h.abort();
            }
        }

        @Override
        public boolean idempotent() {
            return SseTransport.isIdempotent(first.method());
        }
    }
}
