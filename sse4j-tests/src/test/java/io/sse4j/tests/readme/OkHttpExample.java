package io.sse4j.tests.readme;

import io.sse4j.EventSource;
import io.sse4j.okhttp.OkHttpSse;
import java.time.Duration;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * The example {@code okhttp} of README.md. Its imports are this file's: the README shows them, and the
 * compiler holds them to be what the example needs.
 */
public final class OkHttpExample {

    public static void okhttp(String url, java.io.PrintStream System_out) {
        // okhttp:begin
        OkHttpClient client = new OkHttpClient.Builder().readTimeout(Duration.ZERO).build();
        Request request = new Request.Builder().url("http://localhost:8080/events").build();
        // okhttp:hide
        request = new Request.Builder().url(url).build();
        // okhttp:show
        try (EventSource source = OkHttpSse.newEventSourceBuilder(client, request).build()) {
            source.stream().limit(3).forEach(event -> System_out.println(event.data()));
        }
        // okhttp:end
    }
}
