package io.sse4j.tests.guide;

import io.sse4j.EventStream;
import java.net.http.HttpClient;
import java.util.concurrent.Executors;

/**
 * The example {@code clients} of docs/guide.md. Its imports are this file's: the guide shows them, and the
 * compiler holds them to be what the example needs.
 */
public final class ClientsExample extends GuideExample {

    public void clients() {
        // clients:begin
        HttpClient client = EventStream.newClientBuilder().build();

        HttpClient forThousandsOfStreams = EventStream.newClientBuilder()
                .executor(Executors.newFixedThreadPool(2))
                .build();

        HttpClient multiplexedOverTls = EventStream.newClientBuilder()
                .version(HttpClient.Version.HTTP_2)
                .build();
        // clients:end
    }
}
