/**
 * Jackson for sse4j: {@link io.sse4j.jackson.JacksonSse} maps event data to your types, one event,
 * a {@link java.util.stream.Stream} or a {@link java.util.concurrent.Flow.Publisher} at a time.
 *
 * <p>No method accepts or returns {@code null}. {@code JacksonSse} is immutable and thread-safe
 * when its {@code ObjectMapper} is (the usual case once configured).
 */
package io.sse4j.jackson;
