package io.sse4j;

/**
 * What a consumer that asks for comments reads from a stream: an {@link ServerSentEvent event} or
 * a {@link SseComment comment}, in stream order.
 *
 * <pre>{@code
 * Optional<SseItem> item = events.readItem();
 * if (item.isPresent() && item.get() instanceof SseComment comment) {
 *     lastHeartbeat = Instant.now();
 * }
 * }</pre>
 */
public sealed interface SseItem permits ServerSentEvent, SseComment {
}
