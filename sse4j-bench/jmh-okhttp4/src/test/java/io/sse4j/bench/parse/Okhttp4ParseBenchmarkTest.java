package io.sse4j.bench.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Every combination {@link Okhttp4ParseBenchmark} measures delivers exactly the workload's events; OkHttp 4 here. */
class Okhttp4ParseBenchmarkTest extends AbstractParseBenchmarkTest {

    Okhttp4ParseBenchmarkTest() {
        super(Okhttp4ParseBenchmark.class);
    }

    @Test
    void theClasspathHasOkHttp4() throws ReflectiveOperationException {
        // Fails if Maven ever resolves another OkHttp major onto this classpath.
        String version = (String) Class.forName("okhttp3.OkHttp").getField("VERSION").get(null);
        assertEquals("4", version.substring(0, version.indexOf('.')), version);
    }
}
