package io.sse4j.internal;

import io.sse4j.SseOptions;
import io.sse4j.SseTransport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One exchange read as one stream, without reconnecting: the owner of its {@link ResponseReader}
 * and of the {@link EventBuffer} it fills. Its body ending ends the buffer. {@link #opened()}
 * tells whether there is an event stream to read: it fails with the refusal (not an event
 * stream), the reason it cannot be decoded, or the failure to connect.
 */
public final class SingleExchange implements ResponseReader.Owner {

    private final EventBuffer buffer = new EventBuffer();
    private final ResponseReader reader;
    private final CompletableFuture<ResponseReader> head = new CompletableFuture<>();

    private SingleExchange(SseOptions options, URI requested) {
        this.reader = new ResponseReader(Objects.requireNonNull(options, "options"), buffer, "", requested, this);
    }

    /** Opens one exchange on {@code transport}: the first attempt, with an event stream's headers. */
    public static SingleExchange open(SseTransport transport, SseOptions options) {
        SingleExchange exchange = new SingleExchange(options, null);
        SseTransport.Exchange opened;
        try {
            opened = Objects.requireNonNull(transport.open(SseTransport.Attempt.first(), RequestHeaders.of(""),
                    exchange.reader), "the transport returned no exchange");
        } catch (RuntimeException | Error e) {
            exchange.reader.abort(e);
            throw e;
        }
        exchange.reader.bind(opened);
        return exchange;
    }

    /**
     * The exchange of a response that the JDK hands to a caller's own {@code send}; see
     * {@link #jdkBodySubscriber}.
     */
    public static SingleExchange ofResponse(SseOptions options) {
        return new SingleExchange(options, null);
    }

    /** The JDK's body subscriber for a response read through {@link #ofResponse}: reports its head at once. */
    public HttpResponse.BodySubscriber<Void> jdkBodySubscriber(HttpResponse.ResponseInfo info) {
        return JdkTransport.bodySubscriber(info, reader);
    }

    public EventBuffer buffer() {
        return buffer;
    }

    public ResponseReader reader() {
        return reader;
    }

    /** Completes once the head has arrived, whatever it says; fails if none arrives. */
    public CompletableFuture<ResponseReader> head() {
        return head;
    }

    /**
     * Completes once the response is known to be a readable event stream. Otherwise fails with
     * why, and closes the buffer: the refusal with the start of the body (within the options'
     * error-body wait), the encoding that cannot be undone, or the failure to connect.
     */
    public CompletableFuture<Void> opened() {
        return head.thenCompose(r -> {
            if (r.readable()) {
                return CompletableFuture.<Void>completedFuture(null);
            }
            CompletableFuture<Void> failed = new CompletableFuture<>();
            IOException undecodable = r.undecodable();
            if (undecodable != null) {
                abort();
                failed.completeExceptionally(undecodable);
                return failed;
            }
            r.refusal().whenComplete((refused, error) -> {
                abort();
                failed.completeExceptionally(refused != null ? refused : error);
            });
            return failed;
        });
    }

    /**
     * A future of {@code stream} for an asynchronous caller: completes once the response is a
     * readable event stream, after {@code beforeHandOver} ran, or fails as {@link #opened()} does.
     * A caller that cancels, completes or times out the future first gets nothing left streaming:
     * the exchange is aborted (also once it opens after all), and {@code abandoned} hears why.
     */
    public <T> CompletableFuture<T> handOver(T stream, Runnable beforeHandOver, Consumer<Throwable> abandoned) {
        CompletableFuture<T> result = new CompletableFuture<>();
        AtomicBoolean handedOver = new AtomicBoolean();
        opened().whenComplete((opened, failure) -> {
            if (failure != null) {
                result.completeExceptionally(unwrap(failure));
                return;
            }
            beforeHandOver.run();
            handedOver.set(true);
            if (!result.complete(stream)) {
                abort(); // The caller gave up first.
            }
        });
        result.whenComplete((s, error) -> {
            if (!handedOver.get()) {
                abort();
                abandoned.accept(error != null ? unwrap(error)
                        : new CancellationException("the future was completed before the stream opened"));
            }
        });
        return result;
    }

    private static Throwable unwrap(Throwable error) {
        return (error instanceof CompletionException || error instanceof ExecutionException) && error.getCause() != null
                ? error.getCause() : error;
    }

    /** Closes the buffer and aborts the exchange, also before its head has arrived. Idempotent. */
    public void abort() {
        buffer.close();
        reader.abort(new IOException("the event stream was closed"));
    }

    // ---- the reader's reports ----

    @Override
    public void head(ResponseReader r) {
        if (r.readable()) {
            // Queued before any of its events: a listener's onOpen comes first.
            buffer.add(new Item.Opened(r.response()));
            buffer.attach(r);
        } else if (r.eventStream()) {
            r.abort(r.undecodable()); // Ends the buffer with why it cannot be read.
        } else {
            // Nothing to parse; closing the stream still releases the connection.
            buffer.attach(new EventBuffer.Source() {
                @Override
                public void request() {
                }

                @Override
                public void cancel() {
                    r.abort(null);
                }
            });
        }
        head.complete(r);
    }

    @Override
    public void ended(ResponseReader r, ItemQueue rest, Throwable failure) {
        buffer.end(rest, failure);
    }

    @Override
    public void failed(Throwable error) {
        head.completeExceptionally(error);
        buffer.end(error);
    }
}
