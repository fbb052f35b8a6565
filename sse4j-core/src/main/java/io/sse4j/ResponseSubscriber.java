package io.sse4j;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * One HTTP response, as the JDK's body subscriber: checks whether it is an event stream, undoes
 * its {@code Content-Encoding}, feeds the bytes to the parser and hands the parsed items to the
 * stream's {@link EventBuffer}, one buffer list at a time and only while the buffer has room. A
 * response that is not an event stream is not parsed: its body waits in a {@link BodyCollector}
 * until it is read whole or its start is wanted for an {@link SseResponseException}.
 *
 * <p>The JDK calls {@code onSubscribe}, {@code onNext}, {@code onError} and {@code onComplete}
 * in sequence; the parser and the items parsed from one buffer list are touched only there.
 */
final class ResponseSubscriber implements HttpResponse.BodySubscriber<EventStream>, EventBuffer.Source {

    /**
     * Who owns the response when it is one connection of several ({@link EventSource}): told of
     * the bytes as they arrive and of the end, instead of the end ending the buffer.
     */
    interface Owner {
        /** A buffer list of {@code bytes} bytes arrived, holding {@code events} new events. */
        void received(long bytes, long events);

        /**
         * The body ended: cleanly when {@code failure} is null. {@code rest} holds the last items
         * parsed, for the owner to hand to the buffer before whatever it does next.
         */
        void ended(ResponseSubscriber connection, ItemQueue rest, Throwable failure);
    }

    private final HttpResponse.ResponseInfo response;
    private final SseOptions options;
    private final boolean eventStream;
    private final EventBuffer buffer;
    private final EventStream stream;
    /** Null for a response read on its own, as an {@link EventStream}. */
    private final Owner owner;
    private long eventsReported;
    /** Null when the response is not an event stream. */
    private final SseParser parser;
    /** What the parser produced from the current buffer list; handed to the buffer after it. */
    private final ItemQueue parsed = new ItemQueue();
    private final List<ContentDecoder> decoders;
    /** Why the body cannot be decoded (an unknown Content-Encoding), or null. */
    private final IOException undecodable;
    /** Null when the response is an event stream. */
    private final BodyCollector body;
    private volatile Flow.Subscription upstream;
    private volatile URI uri;
    private CompletableFuture<SseResponseException> refusal;
    /** The body ended, failed or was abandoned: set once, by whoever gets there first. */
    private final java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();

    ResponseSubscriber(HttpResponse.ResponseInfo response, SseOptions options) {
        this(response, options, null);
    }

    /**
     * @param requested the URI requested, until {@link #bindUri} tells the response's (they differ
     *                  after a redirect); null if unknown
     */
    ResponseSubscriber(HttpResponse.ResponseInfo response, SseOptions options, URI requested) {
        this(response, options, requested, new EventBuffer(), "", null);
    }

    /**
     * One connection of an {@link EventSource}: parses into {@code buffer}, which outlives it,
     * from {@code lastEventId} on, and tells {@code owner} of its progress and end.
     */
    ResponseSubscriber(HttpResponse.ResponseInfo response, SseOptions options, URI requested, EventBuffer buffer,
            String lastEventId, Owner owner) {
        this.buffer = buffer;
        this.owner = owner;
        this.uri = requested;
        this.response = response;
        this.options = options;
        this.eventStream = isEventStream(response);
        List<ContentDecoder> found;
        IOException why = null;
        try {
            found = ContentDecoder.forHeaders(response.headers());
        } catch (IOException e) {
            found = List.of();
            why = e;
        }
        this.decoders = found;
        this.undecodable = why;
        this.parser = eventStream ? SseParser.of(parsed, options.limits(), lastEventId) : null;
        this.body = eventStream ? null : new BodyCollector(decoders, undecodable);
        this.stream = new EventStream(this, buffer);
    }

    /** §9.2.3: an event stream is a 2xx (other than 204 No Content) of type text/event-stream. */
    static boolean isEventStream(HttpResponse.ResponseInfo response) {
        int status = response.statusCode();
        if (status < 200 || status > 299 || status == 204) {
            return false;
        }
        Optional<String> type = response.headers().firstValue("Content-Type");
        return type.isPresent() && mediaType(type.get()).equals("text/event-stream");
    }

    private static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    HttpResponse.ResponseInfo response() {
        return response;
    }

    boolean eventStream() {
        return eventStream;
    }

    EventStream stream() {
        return stream;
    }

    void bindUri(URI requestedOrFinal) {
        this.uri = requestedOrFinal;
    }

    /** Why this event stream cannot be read (an unknown Content-Encoding), or null. */
    IOException undecodable() {
        return eventStream ? undecodable : null;
    }

    // ---- the JDK's side ----

    @Override
    public CompletionStage<EventStream> getBody() {
        return CompletableFuture.completedFuture(stream);
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        if (upstream != null) {
            subscription.cancel(); // Rule 2.5: one subscription at a time.
            return;
        }
        upstream = subscription;
        if (!eventStream) {
            body.onSubscribe(subscription);
            buffer.attach(new EventBuffer.Source() {
                @Override
                public void request() {
                }

                @Override
                public void cancel() {
                    body.cancel();
                }
            });
        } else if (undecodable != null) {
            subscription.cancel();
            end(undecodable);
        } else {
            buffer.attach(this);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (!eventStream) {
            body.onNext(buffers);
            return;
        }
        if (done.get()) {
            return;
        }
        Throwable failure = null;
        long bytes = 0;
        try {
            for (ByteBuffer b : buffers) {
                bytes += b.remaining();
                feed(0, b);
            }
        } catch (IOException | RuntimeException | Error e) {
            // A limit crossed, corrupt compressed data, or an Error such as OutOfMemoryError: the
            // events parsed before it are delivered first, then this, as itself.
            failure = e;
        }
        if (owner != null) {
            long events = parsed.eventsAdded();
            owner.received(bytes, events - eventsReported);
            eventsReported = events;
        }
        if (failure == null) {
            buffer.offer(parsed);
        } else {
            upstream.cancel();
            end(failure);
        }
    }

    /** The one way the body ends, on the JDK's thread: hands over the last items and reports, once. */
    private void end(Throwable failure) {
        end(parsed, failure);
    }

    private void end(ItemQueue rest, Throwable failure) {
        if (!done.compareAndSet(false, true)) {
            return;
        }
        endDecoders();
        if (owner == null) {
            buffer.end(rest, failure);
        } else {
            owner.ended(this, rest, failure);
        }
    }

    /**
     * Ends this connection from outside (an idle timeout, the owner closing): stops reading and
     * reports {@code failure} as the end. The items of a buffer list being parsed at that moment
     * on another thread still reach the buffer.
     */
    void abort(Throwable failure) {
        Flow.Subscription s = upstream;
        if (s != null) {
            s.cancel();
        }
        if (eventStream) {
            // Not the JDK's thread: the items it may be parsing right now are its own to hand over.
            end(new ItemQueue(), failure);
        } else {
            body.cancel();
        }
    }

    /** The stream's last event ID as parsed so far: where the next connection resumes. */
    String parsedLastEventId() {
        return parser == null ? "" : parser.lastEventId();
    }

    /** The reconnection time the stream set with {@code retry:}, as parsed so far. */
    Optional<java.time.Duration> parsedReconnectionTime() {
        return parser == null ? Optional.empty() : parser.reconnectionTime();
    }

    /** The last event ID parsed that can be sent as a header, {@code ""} if none. */
    String parsedSendableId() {
        return parsed.lastSendableId();
    }

    /** Events parsed from this response. */
    long eventsReceived() {
        return parsed.eventsAdded();
    }

    private void feed(int decoder, ByteBuffer bytes) throws IOException {
        if (decoder == decoders.size()) {
            parser.feed(bytes);
        } else {
            decoders.get(decoder).decode(bytes, (b, off, len) -> feed(decoder + 1, ByteBuffer.wrap(b, off, len)));
        }
    }

    @Override
    public void onError(Throwable error) {
        if (!eventStream) {
            body.onError(error);
            return;
        }
        if (done.get()) {
            return;
        }
        Throwable reported = error instanceof IOException && !(error instanceof BrokenStreamException)
                ? new BrokenStreamException(uri, parsed.eventsAdded(), parser.lastEventId(), error)
                : error;
        end(reported);
    }

    @Override
    public void onComplete() {
        if (!eventStream) {
            body.onComplete();
            return;
        }
        if (done.get()) {
            return;
        }
        IOException failure = null;
        try {
            for (ContentDecoder decoder : decoders) {
                decoder.finish();
            }
        } catch (IOException e) {
            failure = e;
        }
        parser.finish();
        end(failure);
    }

    private void endDecoders() {
        decoders.forEach(ContentDecoder::end);
    }

    // ---- the buffer's side ----

    @Override
    public void request() {
        upstream.request(1);
    }

    @Override
    public void cancel() {
        upstream.cancel();
    }

    // ---- a response that is not an event stream ----

    /**
     * The error for a response that is not an event stream, with the start of its body: ready
     * once the body ended, {@link SseResponseException#MAX_BODY_BYTES} arrived, or
     * {@link SseOptions#errorBodyWait()} ran out. The first call starts reading the body.
     */
    synchronized CompletableFuture<SseResponseException> refusal() {
        if (refusal == null) {
            refusal = body.collect(SseResponseException.MAX_BODY_BYTES, false, options.errorBodyWait())
                    .thenApply(collected -> {
                        String text = new String(collected.bytes, 0, collected.length, StandardCharsets.UTF_8);
                        SseResponseException refused =
                                new SseResponseException(response.statusCode(), response.headers(), text, uri);
                        if (collected.failure != null) {
                            refused.addSuppressed(collected.failure); // Reading the body failed too.
                        }
                        return refused;
                    });
        }
        return refusal;
    }

    /** Reads the whole body of a response that is not an event stream, decoded as its charset says. */
    CompletableFuture<String> body() {
        if (eventStream) {
            throw new IllegalStateException("the response is an event stream: read its events, not its body");
        }
        Charset charset = charset();
        return body.collect(options.maxBodySize(), true, null)
                .thenApply(collected -> new String(collected.bytes, 0, collected.length, charset));
    }

    /** The charset named by {@code Content-Type}, or UTF-8. */
    private Charset charset() {
        String type = response.headers().firstValue("Content-Type").orElse("");
        for (String parameter : type.split(";")) {
            String p = parameter.strip();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                String name = p.substring(8).strip();
                if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
                    name = name.substring(1, name.length() - 1);
                }
                try {
                    return Charset.forName(name);
                } catch (IllegalArgumentException e) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    @Override
    public String toString() {
        return "status=" + response.statusCode() + (eventStream ? "" : ", not an event stream") + ", " + buffer;
    }
}
