package io.sse4j.tests.guide;

import io.sse4j.EventSource;
import io.sse4j.okhttp.OkHttpSse;
import java.time.Duration;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * The example {@code okhttp} of docs/guide.md. Its imports are this file's: the guide shows them, and the
 * compiler holds them to be what the example needs.
 */
public final class OkHttpExample extends GuideExample {

    public void okhttp(String url) {
        // okhttp:begin
        OkHttpClient okHttp = new OkHttpClient.Builder().readTimeout(Duration.ofMinutes(1)).build();
        Request okRequest = new Request.Builder().url("https://example.com/events").build();
        // okhttp:hide
        okRequest = new Request.Builder().url(url).build();
        // okhttp:show
        try (EventSource source = OkHttpSse.newEventSourceBuilder(okHttp, okRequest).build()) {
            source.stream().limit(10).forEach(event -> handle(event));
        }
        // okhttp:end
    }
}
