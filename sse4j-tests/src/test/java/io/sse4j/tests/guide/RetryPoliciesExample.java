package io.sse4j.tests.guide;

import io.sse4j.RetryPolicy;
import io.sse4j.SseResponseException;
import java.time.Duration;
import java.util.Optional;

/**
 * The example {@code retryPolicies} of docs/guide.md. Its imports are this file's: the guide shows them, and the
 * compiler holds them to be what the example needs.
 */
public final class RetryPoliciesExample extends GuideExample {

    public void retryPolicies() {
        // retryPolicies:begin
        RetryPolicy likeABrowser = RetryPolicy.reconnectionTime();
        RetryPolicy patient = RetryPolicy.exponentialBackoff(Duration.ofMinutes(5));
        RetryPolicy bounded = RetryPolicy.exponentialBackoff().withMaxAttempts(10).withMaxElapsed(Duration.ofMinutes(2));

        RetryPolicy backoff = RetryPolicy.exponentialBackoff();
        RetryPolicy networkErrorsOnly = context -> context.cause() instanceof SseResponseException
                ? Optional.empty()           // give up on 5xx, 408 and 429
                : backoff.delay(context);
        // retryPolicies:end
    }
}
