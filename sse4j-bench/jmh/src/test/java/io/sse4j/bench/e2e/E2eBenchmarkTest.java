package io.sse4j.bench.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every library {@link E2eBenchmark} measures receives every event ({@link AbstractE2eBenchmarkTest});
 * and the baselines read every byte and count every event too.
 */
class E2eBenchmarkTest extends AbstractE2eBenchmarkTest {

    E2eBenchmarkTest() {
        super(E2eBenchmark.class);
    }

    @Test
    void theServerBaselineReadsTheWholeWorkloadFromEachServer() throws Exception {
        for (String name : params(ServerBaselineBenchmark.class, "server")) {
            ServerBaselineBenchmark benchmark = new ServerBaselineBenchmark();
            benchmark.server = name;
            benchmark.workload = params(ServerBaselineBenchmark.class, "workload")[0];
            benchmark.setUp();
            try {
                // read() itself checks the byte and event counts.
                benchmark.read();
                benchmark.read();
            } finally {
                benchmark.tearDown();
            }
        }
        assertEquals(Set.of(ServerBaselineBenchmark.STREAM_SERVER, ServerBaselineBenchmark.MOCK_SSE_SERVER),
                Set.of(params(ServerBaselineBenchmark.class, "server")));
    }

    @Test
    void theJdkClientBaselineReadsTheWholeWorkloadWithEachExecutor() throws Exception {
        for (String executor : params(JdkClientBaselineBenchmark.class, "executor")) {
            JdkClientBaselineBenchmark benchmark = new JdkClientBaselineBenchmark();
            benchmark.executor = executor;
            benchmark.workload = params(JdkClientBaselineBenchmark.class, "workload")[0];
            benchmark.setUp();
            try {
                // read() itself checks the byte and event counts.
                benchmark.read();
                benchmark.read();
            } finally {
                benchmark.tearDown();
            }
        }
    }
}
