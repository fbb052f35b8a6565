package io.sse4j.bench.parse;

import io.sse4j.bench.ParserHarness;
import org.openjdk.jmh.annotations.Param;

/**
 * {@link AbstractParseBenchmark Parser throughput} of the peers that need OkHttp 4 on their
 * classpath; the same benchmark, with the same settings, as {@code ParseBenchmark} in the main
 * benchmarks jar.
 */
public class Okhttp4ParseBenchmark extends AbstractParseBenchmark {

    /** The only library here; a parameter so results tables read the same as the main jar's. */
    @Param({"launchdarkly"})
    public String library;

    @Override
    protected ParserHarness harness() {
        if (!library.equals("launchdarkly")) {
            throw new IllegalArgumentException("no harness for library " + library);
        }
        return new LaunchDarklyHarness();
    }
}
