/**
 * A scriptable HTTP/1.1 event-stream server for tests: {@link io.sse4j.testkit.MockSseServer}
 * answers requests with {@link io.sse4j.testkit.MockResponse}s and records them as
 * {@link io.sse4j.testkit.RecordedRequest}s. {@link io.sse4j.testkit.ResumableScenario} is a
 * ready-made dispatcher for testing clients that resume with {@code Last-Event-ID}: numbered
 * events, connections dropped at random byte offsets, 503s and stalls on demand. No test framework
 * is needed; waits take a {@link java.time.Duration} timeout and fail with
 * {@link java.util.concurrent.TimeoutException}.
 *
 * <h2>Nulls</h2>
 * No method in this package accepts or returns {@code null}. Absent values are {@code ""} where
 * the event stream specification uses the empty string ({@link
 * io.sse4j.testkit.RecordedRequest#lastEventId()}) and empty collections or
 * {@link java.util.Optional} elsewhere. Passing {@code null} throws {@link NullPointerException}
 * naming the parameter.
 *
 * <h2>Threads</h2>
 * {@link io.sse4j.testkit.MockResponse} and {@link io.sse4j.testkit.RecordedRequest} are immutable
 * and safe to share. {@link io.sse4j.testkit.MockResponse.Builder} and
 * {@link io.sse4j.testkit.ResumableScenario.Builder} are not thread-safe.
 * {@link io.sse4j.testkit.MockSseServer} and {@link io.sse4j.testkit.ResumableScenario} are
 * thread-safe. The server serves each connection with two daemon threads of its own, named
 * {@code mock-sse-server-<port>-…}, which {@link io.sse4j.testkit.MockSseServer#close()} ends. A response's script, including its
 * dispatcher call and any latch it counts down, runs on the connection's writer thread; the only
 * sleeping it does is the pauses the script asks for, and those end early when the connection
 * closes.
 */
package io.sse4j.testkit;
