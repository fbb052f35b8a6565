package io.sse4j.bench.e2e;

/** Every library {@link Okhttp4E2eBenchmark} measures receives every event, as in the main jar's test. */
class Okhttp4E2eBenchmarkTest extends AbstractE2eBenchmarkTest {

    Okhttp4E2eBenchmarkTest() {
        super(Okhttp4E2eBenchmark.class);
    }
}
