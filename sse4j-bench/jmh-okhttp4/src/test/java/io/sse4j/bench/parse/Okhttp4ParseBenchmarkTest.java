package io.sse4j.bench.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sse4j.bench.Workloads;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openjdk.jmh.annotations.Param;

/** Every combination {@link Okhttp4ParseBenchmark} measures delivers exactly the workload's events. */
class Okhttp4ParseBenchmarkTest {

    static Stream<Arguments> combinations() throws NoSuchFieldException {
        List<Arguments> all = new ArrayList<>();
        for (String workload : params("workload")) {
            for (String chunkSize : params("chunkSize")) {
                all.add(Arguments.of(workload, Integer.parseInt(chunkSize)));
            }
        }
        return all.stream();
    }

    private static String[] params(String field) throws NoSuchFieldException {
        return Okhttp4ParseBenchmark.class.getField(field).getAnnotation(Param.class).value();
    }

    @ParameterizedTest(name = "launchdarkly parses {0} in chunks of {1}")
    @MethodSource("combinations")
    void harnessDeliversEveryEventOfTheWorkload(String workload, int chunkSize) throws Exception {
        Workloads.of(workload).verify(new LaunchDarklyHarness(), chunkSize);
    }

    @Test
    void everyWorkloadIsMeasured() throws NoSuchFieldException {
        assertEquals(Workloads.names(), List.of(params("workload")));
    }

    @Test
    void theClasspathHasOkHttp4() throws ReflectiveOperationException {
        // Fails if Maven ever resolves another OkHttp major onto this classpath.
        String version = (String) Class.forName("okhttp3.OkHttp").getField("VERSION").get(null);
        assertEquals("4", version.substring(0, version.indexOf('.')), version);
    }
}
