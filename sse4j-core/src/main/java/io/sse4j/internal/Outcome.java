package io.sse4j.internal;

import io.sse4j.SseResponseException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;

/**
 * How one connection attempt ended: the one result a {@link ConnectionAttempt} reports. Each
 * carries the attempt's {@link Progress}, so that the loop updates where it resumes in one place.
 */
public sealed interface Outcome {

    /** Where the attempt left the stream. */
    Progress progress();

    /**
     * What an attempt learnt of the stream.
     *
     * @param ids              where the next connection resumes
     * @param reconnectionTime the last {@code retry:} the attempt parsed, if any
     * @param delivered        whether it received at least one event
     * @param idempotent       whether the request may be sent again from the start
     */
    record Progress(LastEventIds ids, Optional<Duration> reconnectionTime, boolean delivered, boolean idempotent) {
    }

    /** The event stream ended cleanly: the server closed it (§9.2.3 reconnects). */
    record Ended(Progress progress) implements Outcome {
    }

    /** The event stream broke mid-stream. */
    record Broke(Progress progress, Throwable cause) implements Outcome {
    }

    /** The event stream went quiet for the idle timeout and was aborted. */
    record Idle(Progress progress, HttpTimeoutException cause) implements Outcome {
    }

    /** No response arrived: the connection could not be made or the exchange failed before the head. */
    record Unreachable(Progress progress, Throwable cause) implements Outcome {
    }

    /** The response was not an event stream (and not 204). */
    record Refused(Progress progress, SseResponseException refusal, Optional<Duration> retryAfter) implements Outcome {
        /** 5xx, 408 and 429 are worth another try; every other refusal is final. */
        public boolean retryable() {
            int status = refusal.statusCode();
            return status >= 500 || status == 408 || status == 429;
        }
    }

    /** HTTP 204 No Content: the spec's "stop reconnecting". */
    record NoContent(Progress progress) implements Outcome {
    }

    /**
     * Nothing to retry: a limit crossed, an undecodable body, an {@link Error}, or a transport or
     * request hook that threw.
     */
    record Fatal(Progress progress, Throwable cause) implements Outcome {
    }
}
