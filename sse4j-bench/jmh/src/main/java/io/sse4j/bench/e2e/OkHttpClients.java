package io.sse4j.bench.e2e;

import java.util.concurrent.TimeUnit;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/** The OkHttp 5 client the okhttp-sse harnesses use. */
public final class OkHttpClients {

    private OkHttpClients() {
    }

    /**
     * OkHttp's defaults, except two that any event-stream user must change: no read timeout (the
     * default 10 s would end a quiet stream), and a dispatcher that runs as many calls at once as
     * there are streams (by default only 5 per host run and the rest wait in a queue, and an
     * okhttp-sse stream holds its call, and a dispatcher thread, for as long as it is open).
     *
     * @param maxStreams how many streams may be open at once
     * @return the client
     */
    public static OkHttpClient newClient(int maxStreams) {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(Math.max(64, maxStreams));
        dispatcher.setMaxRequestsPerHost(Math.max(5, maxStreams));
        return new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .readTimeout(0, TimeUnit.MILLISECONDS)
                .build();
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
