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

/**
 * Every combination {@link ParseBenchmark} measures delivers exactly the workload's events, by
 * count and by content, so the libraries are compared on the same work. The combinations are read
 * from the benchmark's own {@code @Param} values, so a library or workload added there is checked
 * here without further edits.
 */
class ParseBenchmarkTest {

    static Stream<Arguments> combinations() throws NoSuchFieldException {
        List<Arguments> all = new ArrayList<>();
        for (String library : params("library")) {
            for (String workload : params("workload")) {
                for (String chunkSize : params("chunkSize")) {
                    all.add(Arguments.of(library, workload, Integer.parseInt(chunkSize)));
                }
            }
        }
        return all.stream();
    }

    private static String[] params(String field) throws NoSuchFieldException {
        return ParseBenchmark.class.getField(field).getAnnotation(Param.class).value();
    }

    @ParameterizedTest(name = "{0} parses {1} in chunks of {2}")
    @MethodSource("combinations")
    void harnessDeliversEveryEventOfTheWorkload(String library, String workload, int chunkSize) throws Exception {
        Workloads.of(workload).verify(Harnesses.of(library), chunkSize);
    }

    @Test
    void theClasspathHasOkHttp5() throws ReflectiveOperationException {
        // Fails if Maven ever resolves another OkHttp major onto this classpath.
        String version = (String) Class.forName("okhttp3.OkHttp").getField("VERSION").get(null);
        assertEquals("5", version.substring(0, version.indexOf('.')), version);
    }

    @Test
    void everyWorkloadIsMeasured() throws NoSuchFieldException {
        assertEquals(Workloads.names(), List.of(params("workload")));
    }
}
