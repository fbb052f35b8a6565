package io.sse4j;

import java.io.IOException;

/**
 * Turns an event's data into a value: the seam through which any JSON (or other) library plugs
 * into sse4j without core depending on it. The optional {@code sse4j-jackson} module provides one
 * for Jackson.
 *
 * <pre>{@code
 * DataMapper<Chunk> chunks = data -> gson.fromJson(data, Chunk.class);
 * Chunk chunk = event.dataAs(chunks);
 * }</pre>
 *
 * @param <T> the type of value produced
 */
@FunctionalInterface
public interface DataMapper<T> {

    /**
     * Maps one event's data.
     *
     * @param data the event's data
     * @return the value
     * @throws IOException if the data is not valid for the type
     */
    T map(String data) throws IOException;
}
