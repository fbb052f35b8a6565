package io.sse4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultsTableTest {

    private static final String HEADER = "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\",\"Unit\","
            + "\"Param: chunkSize\",\"Param: library\",\"Param: workload\"";

    @Test
    void throughputTimesWorkloadSizeGivesMegabytesAndEventsPerSecond() {
        List<ResultsTable.Row> rows = ResultsTable.read(List.of(HEADER,
                "\"io.sse4j.bench.parse.ParseBenchmark.parse\",\"thrpt\",1,5,10.000000,0.500000,\"ops/s\",8192,sse4j,llm"));
        assertEquals(1, rows.size());
        ResultsTable.Row row = rows.get(0);
        Workload llm = Workloads.of(Workloads.LLM);
        assertEquals(10.0 * llm.bytes().length / 1e6, row.megabytesPerSecond(), 1e-9);
        assertEquals(1_000_000.0, row.eventsPerSecond(), 1e-6);

        String table = ResultsTable.format(rows);
        assertTrue(table.contains(String.format(java.util.Locale.ROOT, "| llm | 8192 | sse4j | %,.1f | 1,000,000 | 5.0%% |",
                row.megabytesPerSecond())), table);
    }

    @Test
    void otherUnitsAreConvertedToPerSecond() {
        List<ResultsTable.Row> rows = ResultsTable.read(List.of(HEADER,
                "\"x.ParseBenchmark.parse\",\"thrpt\",1,1,0.002000,NaN,\"ops/ms\",64,spring-webflux,large"));
        assertEquals(2.0, rows.get(0).opsPerSecond(), 1e-9);
        assertTrue(ResultsTable.format(rows).contains("| n/a |"));
    }
}
