/**
 * sse4j over OkHttp: {@link io.sse4j.okhttp.OkHttpSse} opens sse4j's {@link io.sse4j.EventStream}
 * and builds its {@link io.sse4j.EventSource} on a caller's {@link okhttp3.OkHttpClient} and
 * {@link okhttp3.Request}, through the transport seam {@link io.sse4j.SseTransport}. Everything
 * after the bytes (the parser, limits, errors, backpressure, reconnects) is sse4j-core's.
 *
 * <h2>Nulls</h2>
 * No method in this package accepts or returns {@code null}; passing one throws
 * {@link NullPointerException} naming the parameter.
 *
 * <h2>Threads</h2>
 * {@link io.sse4j.okhttp.OkHttpSse} has only static methods, and the transports it makes are
 * immutable and safe to share. The body of a response is read with OkHttp's blocking I/O on the
 * client's dispatcher threads: first on the thread that runs the call's callback, which also runs
 * a listener's callbacks, and, after the reader paused because the consumer fell behind, on a
 * thread of {@link okhttp3.Dispatcher#executorService()}. Closing a stream from any thread cancels
 * its {@link okhttp3.Call}, which ends a blocked read at once.
 */
package io.sse4j.okhttp;
