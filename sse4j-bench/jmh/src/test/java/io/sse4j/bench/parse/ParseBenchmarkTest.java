package io.sse4j.bench.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Every combination {@link ParseBenchmark} measures delivers exactly the workload's events; OkHttp 5 here. */
class ParseBenchmarkTest extends AbstractParseBenchmarkTest {

    ParseBenchmarkTest() {
        super(ParseBenchmark.class);
    }

    @Test
    void theClasspathHasOkHttp5() throws ReflectiveOperationException {
        // Fails if Maven ever resolves another OkHttp major onto this classpath.
        String version = (String) Class.forName("okhttp3.OkHttp").getField("VERSION").get(null);
        assertEquals("5", version.substring(0, version.indexOf('.')), version);
    }
}
