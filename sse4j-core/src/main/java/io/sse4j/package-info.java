/**
 * Server-Sent Events as specified by the WHATWG HTML Standard, section 9.2.
 *
 * <h2>Nulls</h2>
 * No method in this package accepts or returns {@code null}. Absent values are {@code ""} where
 * the specification uses the empty string (an event's last event ID) and {@link java.util.Optional}
 * elsewhere. Passing {@code null} throws {@link NullPointerException} naming the parameter.
 *
 * <h2>Threads</h2>
 * {@link io.sse4j.ServerSentEvent}, {@link io.sse4j.SseComment}, {@link io.sse4j.SseLimits} and
 * {@link io.sse4j.SseOptions} are immutable and safe to share.
 * {@link io.sse4j.EventStream} and {@link io.sse4j.EventSource} may be closed and observed from any
 * thread; {@link io.sse4j.RetryPolicy} implementations must be thread-safe.
 * {@link io.sse4j.SseParser}, {@link io.sse4j.SseReader} and {@link io.sse4j.SseEncoder} hold
 * per-stream state and are not thread-safe: use each from one thread at a time.
 *
 * <h2>Encoding</h2>
 * Event streams are always UTF-8 (§9.2.5); any charset parameter in {@code Content-Type} is
 * ignored, as browsers do.
 */
package io.sse4j;
