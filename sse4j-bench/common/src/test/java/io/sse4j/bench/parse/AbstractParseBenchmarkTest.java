package io.sse4j.bench.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sse4j.bench.ParserHarness;
import io.sse4j.bench.Workloads;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openjdk.jmh.annotations.Param;

/**
 * Every combination a parse benchmark measures delivers exactly the workload's events, by count
 * and by content, so the libraries are compared on the same work. The combinations are read from
 * the benchmark's own {@code @Param} values, so a library or workload added there is checked here
 * without further edits, and each harness is made by the benchmark's own
 * {@link AbstractParseBenchmark#harness()}. Each benchmark jar's test extends this with its
 * benchmark class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractParseBenchmarkTest {

    private final Class<? extends AbstractParseBenchmark> benchmark;

    AbstractParseBenchmarkTest(Class<? extends AbstractParseBenchmark> benchmark) {
        this.benchmark = benchmark;
    }

    Stream<Arguments> combinations() throws NoSuchFieldException {
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

    private String[] params(String field) throws NoSuchFieldException {
        return benchmark.getField(field).getAnnotation(Param.class).value();
    }

    /** The harness the benchmark makes when its {@code library} parameter is {@code library}. */
    private ParserHarness harness(String library) throws ReflectiveOperationException {
        AbstractParseBenchmark instance = benchmark.getConstructor().newInstance();
        benchmark.getField("library").set(instance, library);
        return instance.harness();
    }

    @ParameterizedTest(name = "{0} parses {1} in chunks of {2}")
    @MethodSource("combinations")
    void harnessDeliversEveryEventOfTheWorkload(String library, String workload, int chunkSize) throws Exception {
        Workloads.of(workload).verify(harness(library), chunkSize);
    }

    @Test
    void everyWorkloadIsMeasured() throws NoSuchFieldException {
        assertEquals(Workloads.names(), List.of(params("workload")));
    }
}
