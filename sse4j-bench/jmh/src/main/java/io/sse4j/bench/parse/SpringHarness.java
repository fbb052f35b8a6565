package io.sse4j.bench.parse;

import io.sse4j.bench.EventSink;
import io.sse4j.bench.ParserHarness;
import java.nio.ByteBuffer;
import java.util.Map;
import org.springframework.core.ResolvableType;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ReactiveHttpInputMessage;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.codec.ServerSentEventHttpMessageReader;
import reactor.core.publisher.Flux;

/**
 * Spring WebFlux: the codec {@code WebClient} uses for {@code text/event-stream},
 * {@link ServerSentEventHttpMessageReader}, reading {@code ServerSentEvent<String>} from a
 * {@code Flux<DataBuffer>} of one buffer per chunk. The buffers wrap slices of the array (no copy),
 * and the flux is synchronous, so all the work happens on the calling thread.
 *
 * <p>Spring also emits a {@code ServerSentEvent} for a comment-only block; only those with data are
 * events in the spec's sense, so only those are counted and reported.
 */
final class SpringHarness implements ParserHarness {

    private static final ResolvableType EVENT_OF_STRING =
            ResolvableType.forClassWithGenerics(ServerSentEvent.class, String.class);

    private final ServerSentEventHttpMessageReader reader = new ServerSentEventHttpMessageReader();
    private final DataBufferFactory buffers = DefaultDataBufferFactory.sharedInstance;
    private final HttpHeaders headers = new HttpHeaders();

    SpringHarness() {
        headers.setContentType(MediaType.TEXT_EVENT_STREAM);
    }

    @Override
    public int parse(byte[] stream, int chunkSize, EventSink sink) {
        int chunks = (stream.length + chunkSize - 1) / chunkSize;
        Flux<DataBuffer> body = Flux.range(0, chunks).map(i -> {
            int offset = i * chunkSize;
            return buffers.wrap(ByteBuffer.wrap(stream, offset, Math.min(chunkSize, stream.length - offset)));
        });
        ReactiveHttpInputMessage message = new ReactiveHttpInputMessage() {
            @Override
            public Flux<DataBuffer> getBody() {
                return body;
            }

            @Override
            public HttpHeaders getHeaders() {
                return headers;
            }
        };
        int[] events = {0};
        reader.read(EVENT_OF_STRING, message, Map.of())
                .doOnNext(item -> {
                    ServerSentEvent<?> event = (ServerSentEvent<?>) item;
                    Object data = event.data();
                    if (data != null) {
                        events[0]++;
                        sink.event(event.event(), (String) data, event.id());
                    }
                })
                .blockLast();
        return events[0];
    }
}
