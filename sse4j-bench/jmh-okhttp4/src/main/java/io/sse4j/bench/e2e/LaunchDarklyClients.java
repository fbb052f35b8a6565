package io.sse4j.bench.e2e;

import com.launchdarkly.eventsource.ErrorStrategy;
import com.launchdarkly.eventsource.EventSource;
import com.launchdarkly.eventsource.HttpConnectStrategy;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;

/** How every LaunchDarkly harness configures the library. */
public final class LaunchDarklyClients {

    /** The read buffer of the parser benchmark, larger than the library's default of 1,000 bytes. */
    static final int READ_BUFFER_SIZE = 8192;

    private LaunchDarklyClients() {
    }

    /**
     * One OkHttp 4 client for all of a harness's streams ({@code HttpConnectStrategy.httpClient}),
     * as an application with many streams would share one; by default every {@code EventSource}
     * builds a client of its own. No read timeout: the library's own default is 5 seconds, which
     * would end an idle stream.
     *
     * @return the client
     */
    public static OkHttpClient newClient() {
        return new OkHttpClient.Builder()
                .readTimeout(0, TimeUnit.MILLISECONDS)
                .retryOnConnectionFailure(false)
                .build();
    }

    /**
     * An {@code EventSource} builder on the shared client that reports the end of the stream, or
     * any failure, instead of reconnecting.
     *
     * @param client the shared client
     * @param uri    the stream
     * @return the builder
     */
    public static EventSource.Builder builder(OkHttpClient client, URI uri) {
        return new EventSource.Builder(HttpConnectStrategy.http(uri).httpClient(client))
                .readBufferSize(READ_BUFFER_SIZE)
                .errorStrategy(ErrorStrategy.alwaysThrow());
    }

    /**
     * Stops the client's threads and closes its idle connections.
     *
     * @param client the client
     */
    public static void shutdown(OkHttpClient client) {
        client.dispatcher().cancelAll();
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
