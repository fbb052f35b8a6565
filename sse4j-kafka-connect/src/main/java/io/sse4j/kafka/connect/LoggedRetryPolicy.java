package io.sse4j.kafka.connect;

import io.sse4j.RetryPolicy;
import java.io.EOFException;
import java.time.Duration;
import java.util.Optional;

/**
 * A stream's retry policy that logs each decision it makes: where the event source decides to
 * reconnect, how long it waits and why, or that it gives up. The policy is the one place that
 * sees every reconnect with its cause and wait, on any thread; the task reads its streams as
 * {@code Flow} subscribers with exact demand, which hear of no reconnect.
 *
 * <ul>
 *   <li>{@code INFO}: the server ended the stream, and it reconnects (as the SSE spec has it);</li>
 *   <li>{@code WARN}: a failure (a network error, a broken stream, an idle timeout, a 5xx, 408 or
 *       429), and it reconnects after the wait;</li>
 *   <li>{@code ERROR}: the policy gives up ({@code reconnect.max.attempts},
 *       {@code reconnect.max.elapsed.ms}); the task then fails.</li>
 * </ul>
 * Nothing is logged once the stream is being closed. Event data is never logged.
 */
final class LoggedRetryPolicy implements RetryPolicy {

    private final RetryPolicy policy;
    private final StreamReader stream;
    private final TaskLog log;

    LoggedRetryPolicy(RetryPolicy policy, StreamReader stream, TaskLog log) {
        this.policy = policy;
        this.stream = stream;
        this.log = log;
    }

    @Override
    public Optional<Duration> delay(Context context) {
        Optional<Duration> delay = policy.delay(context);
        if (stream.closing()) {
            return delay;
        }
        String spec = stream.spec().describe();
        String resume = stream.resumeId().isEmpty() ? "from its start" : "after event ID \"" + stream.resumeId() + "\"";
        if (delay.isEmpty()) {
            log.error("stream {}: giving up after {} failures in a row over {} ms, the last: {}", spec,
                    context.attempt(), context.elapsed().toMillis(), context.cause().toString());
        } else if (context.cause() instanceof EOFException) {
            log.info("stream {}: the server ended the stream; reconnecting in {} ms, {}", spec,
                    delay.get().toMillis(), resume);
        } else {
            log.warn("stream {}: {}; reconnecting in {} ms (failure {} in a row{}), {}", spec, context.cause().toString(),
                    delay.get().toMillis(), context.attempt(),
                    context.retryAfter().map(d -> ", the server asked for " + d.toMillis() + " ms").orElse(""), resume);
        }
        return delay;
    }
}
