package io.sse4j.bench.scale;

import io.sse4j.EventStream;
import io.sse4j.SseListener;
import io.sse4j.SseOptions;
import io.sse4j.bench.ScaleHarness;
import io.sse4j.bench.e2e.OkHttpClients;
import io.sse4j.okhttp.OkHttpSse;
import java.io.EOFException;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * sse4j-okhttp with a listener: every stream from {@code OkHttpSse.connectAsync} on one
 * {@link OkHttpClient}, set up as for okhttp-sse ({@link OkHttpClients#newClient}). An idle stream
 * holds the dispatcher thread that reads it, blocked in the socket. Open means {@code onOpen}.
 */
public final class Sse4jOkHttpScaleHarness implements ScaleHarness {

    /** More than the largest scale run, so the dispatcher never queues a stream. */
    private static final int MAX_STREAMS = 20_000;

    private final OkHttpClient client = OkHttpClients.newClient(MAX_STREAMS);

    @Override
    public AutoCloseable open(URI uri, Callbacks callbacks) {
        boolean[] closing = {false};
        CompletableFuture<EventStream> stream = OkHttpSse.connectAsync(client,
                new Request.Builder().url(uri.toString()).build(), SseOptions.defaults(), new SseListener() {
                    @Override
                    public void onOpen(EventStream opened) {
                        callbacks.opened();
                    }

                    @Override
                    public void onEvent(io.sse4j.ServerSentEvent event) {
                        // Idle streams: the server sends none.
                    }

                    @Override
                    public void onClosed() {
                        if (!closing[0]) {
                            callbacks.failed(new EOFException("the server ended the stream"));
                        }
                    }

                    @Override
                    public void onError(Throwable error) {
                        if (!closing[0]) {
                            callbacks.failed(error);
                        }
                    }
                });
        return () -> {
            closing[0] = true;
            stream.thenAccept(EventStream::close);
        };
    }

    @Override
    public void close() {
        OkHttpClients.shutdown(client);
    }
}
