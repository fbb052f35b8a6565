package io.sse4j.internal;

import io.sse4j.BrokenStreamException;
import io.sse4j.SseOptions;
import io.sse4j.SseParser;
import io.sse4j.SseResponseException;
import io.sse4j.SseTransport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads one exchange's response, as the {@link SseTransport.Receiver} of any transport: checks
 * whether it is an event stream, undoes its {@code Content-Encoding}, feeds the bytes to the
 * parser and hands the parsed items to an {@link EventBuffer}, one chunk at a time and only while
 * the buffer has room. A response that is not an event stream is not parsed: its body waits in a
 * {@link BodyCollector} until it is read whole or its start is wanted for an
 * {@link SseResponseException}.
 *
 * <p>It reports to its {@link Owner} and never past it: the head once, progress per chunk, and
 * one end. The transport's calls are sequential; the parser and the items parsed from one chunk
 * are touched only there.
 */
public final class ResponseReader implements SseTransport.Receiver, EventBuffer.Source {

    /** Who reads through this reader: one stream, or one attempt of a reconnecting source. */
    public interface Owner {
        /** The head arrived: {@link #readable()} says whether events follow. Called before any bytes. */
        void head(ResponseReader reader);

        /** A chunk of {@code bytes} bytes arrived, holding {@code events} new events. */
        default void received(long bytes, long events) {
        }

        /** The next chunk was asked for: from now on, time without bytes is the server's silence. */
        default void asked() {
        }

        /**
         * An event stream's body ended: cleanly when {@code failure} is null. {@code rest} holds the
         * last items parsed, for the owner to hand to the buffer.
         */
        void ended(ResponseReader reader, ItemQueue rest, Throwable failure);

        /** The exchange failed before a response arrived. */
        void failed(Throwable error);
    }

    private final SseOptions options;
    private final EventBuffer buffer;
    private final String startId;
    private final Owner owner;
    private final AtomicBoolean done = new AtomicBoolean();
    /** What the parser produced from the current chunk; handed to the buffer after it. */
    private final ItemQueue parsed = new ItemQueue();
    private long eventsReported;

    // Set once by onResponse, before anything reads them.
    private volatile HttpResponse.ResponseInfo response;
    private volatile URI uri;
    private volatile boolean eventStream;
    private SseParser parser;
    private List<ContentDecoder> decoders = List.of();
    private volatile IOException undecodable;
    private BodyCollector body;
    private CompletableFuture<SseResponseException> refusal;

    // The exchange, bound once open returns; requests and aborts before then wait for it.
    private SseTransport.Exchange exchange;
    private boolean requestPending;
    private boolean abortPending;
    /** The bound exchange reads on the caller's thread (see {@link EventBuffer.Source#readsOnCaller}). */
    private volatile boolean callerReads;

    /**
     * @param buffer      where events go
     * @param lastEventId where the stream's last event ID starts (§9.2.6 keeps it across connections)
     * @param requested   the URI requested, until the response tells its own; may be null
     */
    public ResponseReader(SseOptions options, EventBuffer buffer, String lastEventId, URI requested, Owner owner) {
        this.options = options;
        this.buffer = buffer;
        this.startId = lastEventId;
        this.uri = requested;
        this.owner = owner;
    }

    /** Binds the exchange this reader hears, once the transport has returned it. */
    public void bind(SseTransport.Exchange bound) {
        boolean request;
        boolean abort;
        callerReads = bound.readsOnCaller();
        synchronized (this) {
            exchange = bound;
            request = requestPending;
            abort = abortPending;
        }
        if (abort) {
            bound.abort();
        } else if (request) {
            bound.request();
        }
    }

    /** §9.2.3: an event stream is a 2xx (other than 204 No Content) of type text/event-stream. */
    public static boolean isEventStream(HttpResponse.ResponseInfo response) {
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

    /** The response head; null until it has arrived. */
    public HttpResponse.ResponseInfo response() {
        return response;
    }

    /** The URI the response came from, as far as known; may be null. */
    public URI uri() {
        return uri;
    }

    public boolean eventStream() {
        return eventStream;
    }

    /** Whether events follow: an event stream whose encoding can be undone. */
    public boolean readable() {
        return eventStream && undecodable == null;
    }

    /** Why this event stream cannot be read (an unknown Content-Encoding), or null. */
    public IOException undecodable() {
        return eventStream ? undecodable : null;
    }

    // ---- the transport's side ----

    @Override
    public void onResponse(HttpResponse.ResponseInfo info, URI from) {
        if (done.get()) {
            return; // Aborted before the head arrived.
        }
        if (from != null) {
            uri = from;
        }
        eventStream = isEventStream(info);
        try {
            decoders = ContentDecoder.forHeaders(info.headers());
        } catch (IOException e) {
            undecodable = e;
        }
        if (eventStream) {
            parser = SseParser.of(parsed, options.limits(), startId);
        } else {
            body = new BodyCollector(decoders, undecodable);
            body.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                    ResponseReader.this.request();
                }

                @Override
                public void cancel() {
                    abortExchange();
                }
            });
        }
        response = info;
        owner.head(this);
    }

    @Override
    public void onBody(List<ByteBuffer> chunk) {
        if (!eventStream) {
            body.onNext(chunk);
            return;
        }
        if (done.get()) {
            return;
        }
        Throwable failure = null;
        long bytes = 0;
        try {
            for (ByteBuffer b : chunk) {
                bytes += b.remaining();
                feed(0, b);
            }
        } catch (IOException | RuntimeException | Error e) {
            // A limit crossed, corrupt compressed data, or an Error such as OutOfMemoryError: the
            // events parsed before it are delivered first, then this, as itself.
            failure = e;
        }
        long events = parsed.eventsAdded();
        owner.received(bytes, events - eventsReported);
        eventsReported = events;
        if (failure == null) {
            buffer.offer(parsed);
        } else {
            abortExchange();
            end(parsed, failure);
        }
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
        if (response == null) {
            if (done.compareAndSet(false, true)) {
                owner.failed(error);
            }
            return;
        }
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
        end(parsed, reported);
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
        end(parsed, failure);
    }

    /** The one way an event stream's body ends: hands over the last items and reports, once. */
    private void end(ItemQueue rest, Throwable failure) {
        if (!done.compareAndSet(false, true)) {
            return;
        }
        decoders.forEach(ContentDecoder::end);
        owner.ended(this, rest, failure);
    }

    /**
     * Ends this exchange from outside (an idle timeout, the owner closing): aborts it and reports
     * {@code failure} as the end. The items of a chunk being parsed at that moment on another
     * thread still reach the buffer. Before a response: reported as a failure to connect.
     */
    public void abort(Throwable failure) {
        abortExchange();
        if (response == null) {
            if (done.compareAndSet(false, true)) {
                owner.failed(failure);
            }
        } else if (eventStream) {
            // Not the transport's thread: the items it may be parsing right now are its own to hand over.
            end(new ItemQueue(), failure);
        } else {
            body.cancel();
        }
    }

    private void abortExchange() {
        SseTransport.Exchange x = boundOrPending(true);
        if (x != null) {
            x.abort();
        }
    }

    /**
     * The bound exchange; or null, noting that an abort (or a request) is wanted as soon as
     * {@link #bind} brings it.
     */
    private synchronized SseTransport.Exchange boundOrPending(boolean abort) {
        if (exchange == null) {
            if (abort) {
                abortPending = true;
            } else {
                requestPending = true;
            }
        }
        return exchange;
    }

    /** The stream's last event ID as parsed so far: where the next connection resumes. */
    public String parsedLastEventId() {
        return parser == null ? startId : parser.lastEventId();
    }

    /** The reconnection time the stream set with {@code retry:}, as parsed so far. */
    public Optional<Duration> parsedReconnectionTime() {
        return parser == null ? Optional.empty() : parser.reconnectionTime();
    }

    /** The last event ID parsed that can be sent as a header, {@code ""} if none. */
    public String parsedSendableId() {
        return parsed.lastSendableId();
    }

    // ---- the buffer's side ----

    @Override
    public void request() {
        owner.asked();
        SseTransport.Exchange x = boundOrPending(false);
        if (x != null) {
            x.request();
        }
    }

    @Override
    public boolean readsOnCaller() {
        return callerReads;
    }

    @Override
    public void readHere() {
        owner.asked();
        SseTransport.Exchange x = boundOrPending(false);
        if (x != null) {
            x.readHere();
        }
    }

    @Override
    public void cancel() {
        abortExchange();
    }

    // ---- a response that is not an event stream ----

    /**
     * The error for a response that is not an event stream, with the start of its body: ready
     * once the body ended, {@link SseResponseException#MAX_BODY_BYTES} arrived, or
     * {@link SseOptions#errorBodyWait()} ran out. The first call starts reading the body.
     */
    public synchronized CompletableFuture<SseResponseException> refusal() {
        if (refusal == null) {
            refusal = body.collect(SseResponseException.MAX_BODY_BYTES, false, options.errorBodyWait())
                    .thenApply(collected -> {
                        String text = new String(collected.bytes, 0, collected.length, StandardCharsets.UTF_8);
                        SseResponseException refused = new SseResponseException(response.statusCode(),
                                response.headers(), text, uri);
                        if (collected.failure != null) {
                            refused.addSuppressed(collected.failure); // Reading the body failed too.
                        }
                        return refused;
                    });
        }
        return refusal;
    }

    /** Reads the whole body of a response that is not an event stream, decoded as its charset says. */
    public CompletableFuture<String> body() {
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
        HttpResponse.ResponseInfo r = response;
        return (r == null ? "no response yet" : "status=" + r.statusCode() + (eventStream ? "" : ", not an event stream"))
                + ", " + buffer;
    }
}
