package io.sse4j.kafka.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sse4j.RetryPolicy;
import java.io.EOFException;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Logging a stream's reconnect decisions never changes them; the lines themselves are checked in a real worker. */
class LoggedRetryPolicyTest {

    private static final StreamSpec SPEC = new StreamSpec("feed", URI.create("http://127.0.0.1:9/feed"), "GET", "",
            List.of(), List.of(), "");

    private static RetryPolicy.Context failure(Throwable cause) {
        return new RetryPolicy.Context(3, Duration.ofSeconds(3), Optional.empty(), cause, Duration.ofMillis(1500));
    }

    @Test
    void theConfiguredPolicyDecides() {
        StreamReader reader = new StreamReader(SPEC, new Inbox(), 1, Clock.systemUTC(), "7");
        TaskLog log = TaskLog.capture(LoggedRetryPolicyTest.class);
        RetryPolicy waits = new LoggedRetryPolicy(context -> Optional.of(Duration.ofMillis(250)), reader, log);
        RetryPolicy givesUp = new LoggedRetryPolicy(RetryPolicy.never(), reader, log);
        for (Throwable cause : List.of(new IOException("connection refused"), new EOFException())) {
            assertEquals(Optional.of(Duration.ofMillis(250)), waits.delay(failure(cause)));
            assertEquals(Optional.empty(), givesUp.delay(failure(cause)));
        }
        reader.close();
        assertEquals(Optional.of(Duration.ofMillis(250)), waits.delay(failure(new IOException("closed"))));
    }
}
