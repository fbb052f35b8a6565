package io.sse4j.bench.e2e;

import org.openjdk.jmh.annotations.Param;

/**
 * {@link AbstractE2eBenchmark End-to-end throughput} of the peers that need OkHttp 4 on their
 * classpath; the same benchmark, with the same settings and server, as {@code E2eBenchmark} in the
 * main benchmarks jar.
 */
public class Okhttp4E2eBenchmark extends AbstractE2eBenchmark {

    @Param({Okhttp4Libraries.LAUNCHDARKLY_BLOCKING, Okhttp4Libraries.LAUNCHDARKLY_BACKGROUND})
    public String library;

    @Override
    protected String library() {
        return library;
    }
}
