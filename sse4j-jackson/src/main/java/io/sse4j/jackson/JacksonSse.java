package io.sse4j.jackson;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.sse4j.DataMapper;
import io.sse4j.EventStream;
import io.sse4j.ServerSentEvent;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.stream.Stream;

/**
 * Reads Server-Sent Event data as JSON into your types, with Jackson.
 *
 * <pre>{@code
 * JacksonSse json = JacksonSse.of(new ObjectMapper());
 * try (EventStream events = EventStream.connect(client, request)) {
 *     json.stream(events, Chunk.class).forEach(chunk -> System.out.print(chunk.text()));
 * }
 * }</pre>
 *
 * <p>When an event's data is not valid JSON for the type, the error names the event (type, last
 * event ID, start of the data) and has Jackson's exception as its cause: an
 * {@link UncheckedIOException} from {@link #read}, {@link #stream} and {@link DataMapper}-based
 * calls, or the same exception as {@code onError} of a {@link #publisher} subscriber.
 */
public final class JacksonSse {

    private final ObjectMapper mapper;

    private JacksonSse(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Uses the given, configured mapper.
     *
     * @param mapper the mapper
     * @return the entry point
     */
    public static JacksonSse of(ObjectMapper mapper) {
        return new JacksonSse(Objects.requireNonNull(mapper, "mapper"));
    }

    /**
     * A {@link DataMapper} reading data as {@code type}, for {@link ServerSentEvent#dataAs}.
     *
     * @param type the target class
     * @param <T>  the value type
     * @return the data mapper
     */
    public <T> DataMapper<T> dataMapper(Class<T> type) {
        return dataMapper(mapper.getTypeFactory().constructType(Objects.requireNonNull(type, "type")));
    }

    /**
     * A {@link DataMapper} reading data as a generic type, e.g. {@code new TypeReference<List<Chunk>>() {}}.
     *
     * @param type the target type
     * @param <T>  the value type
     * @return the data mapper
     */
    public <T> DataMapper<T> dataMapper(TypeReference<T> type) {
        return dataMapper(mapper.getTypeFactory().constructType(Objects.requireNonNull(type, "type")));
    }

    private <T> DataMapper<T> dataMapper(JavaType type) {
        ObjectReader reader = mapper.readerFor(type);
        return data -> {
            T value = reader.readValue(data);
            if (value == null) {
                // JSON null: sse4j hands out no nulls, and a Flow.Subscriber must never get one.
                throw JsonMappingException.from(reader.getFactory().createParser(data),
                        "JSON null is not a value of " + type);
            }
            return value;
        };
    }

    /**
     * Reads one event's data.
     *
     * @param event the event
     * @param type  the target class
     * @param <T>   the value type
     * @return the value
     * @throws UncheckedIOException if the data is not valid JSON for the type
     */
    public <T> T read(ServerSentEvent event, Class<T> type) {
        return Objects.requireNonNull(event, "event").dataAs(dataMapper(type));
    }

    /**
     * The stream's remaining events as values, read blocking; closing the returned stream closes
     * the event stream.
     *
     * @param events the open event stream
     * @param type   the target class
     * @param <T>    the value type
     * @return the values
     */
    public <T> Stream<T> stream(EventStream events, Class<T> type) {
        DataMapper<T> data = dataMapper(type);
        return Objects.requireNonNull(events, "events").stream().map(event -> event.dataAs(data));
    }

    /**
     * The events of {@code events} as values, with the same demand: each {@code request(n)} asks
     * for n events. Data that does not map cancels the upstream subscription and ends the
     * subscriber with {@code onError}.
     *
     * @param events a publisher of events, e.g. an {@link EventStream}
     * @param type   the target class
     * @param <T>    the value type
     * @return a publisher of values
     */
    public <T> Flow.Publisher<T> publisher(Flow.Publisher<ServerSentEvent> events, Class<T> type) {
        Objects.requireNonNull(events, "events");
        DataMapper<T> data = dataMapper(type);
        return subscriber -> events.subscribe(new MappingSubscriber<>(Objects.requireNonNull(subscriber, "subscriber"), data));
    }

    /** Maps each event on its way to the downstream subscriber; demand passes through one for one. */
    private static final class MappingSubscriber<T> implements Flow.Subscriber<ServerSentEvent> {
        private final Flow.Subscriber<? super T> downstream;
        private final DataMapper<T> data;
        private Flow.Subscription upstream;
        private boolean done;

        MappingSubscriber(Flow.Subscriber<? super T> downstream, DataMapper<T> data) {
            this.downstream = downstream;
            this.data = data;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            upstream = subscription;
            downstream.onSubscribe(subscription);
        }

        @Override
        public void onNext(ServerSentEvent event) {
            if (done) {
                return;
            }
            T value;
            try {
                value = event.dataAs(data);
            } catch (UncheckedIOException e) {
                done = true;
                upstream.cancel();
                downstream.onError(e);
                return;
            }
            downstream.onNext(value);
        }

        @Override
        public void onError(Throwable throwable) {
            if (!done) {
                done = true;
                downstream.onError(throwable);
            }
        }

        @Override
        public void onComplete() {
            if (!done) {
                done = true;
                downstream.onComplete();
            }
        }
    }
}
