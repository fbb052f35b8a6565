package io.sse4j.bench.e2e;

import io.sse4j.bench.ClientLibraries;
import io.sse4j.bench.ScaleHarness;
import io.sse4j.bench.StreamHarness;
import io.sse4j.bench.scale.LaunchDarklyScaleHarness;
import java.util.Map;
import java.util.function.Supplier;

/** The client libraries of the OkHttp 4 benchmark jar: LaunchDarkly okhttp-eventsource. */
public final class Okhttp4Libraries implements ClientLibraries {

    /** {@code EventSource.readMessage()} in a loop. */
    public static final String LAUNCHDARKLY_BLOCKING = "launchdarkly-blocking";
    /** {@code BackgroundEventSource} with a {@code BackgroundEventHandler}. */
    public static final String LAUNCHDARKLY_BACKGROUND = "launchdarkly-background";

    @Override
    public Map<String, Supplier<StreamHarness>> streaming() {
        return Map.of(
                LAUNCHDARKLY_BLOCKING, LaunchDarklyBlockingHarness::new,
                LAUNCHDARKLY_BACKGROUND, LaunchDarklyBackgroundHarness::new);
    }

    @Override
    public Map<String, Supplier<ScaleHarness>> scale() {
        return Map.of(LAUNCHDARKLY_BACKGROUND, LaunchDarklyScaleHarness::new);
    }
}
