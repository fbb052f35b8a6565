package io.sse4j.tests.guide;

import io.sse4j.EventSource;
import io.sse4j.SseTransport;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * The example {@code tap} of docs/guide.md. Its imports are this file's: the guide shows them, and the
 * compiler holds them to be what the example needs.
 */
public final class TapExample extends GuideExample {

    public long tap(java.net.http.HttpClient client, java.net.http.HttpRequest request) {
        // tap:begin
        LongAdder received = new LongAdder();
        SseTransport counted = SseTransport.tap(SseTransport.of(client, request), (response, uri) ->
                Optional.of(new SseTransport.BodyTap() {
                    @Override
                    public void received(ByteBuffer bytes) {
                        received.add(bytes.remaining());
                    }

                    @Override
                    public void ended() {
                    }
                }));
        try (EventSource source = EventSource.newBuilder(counted).build()) {
            source.stream().limit(10).forEach(event -> handle(event));
        }
        // tap:end
        return received.sum();
    }
}
