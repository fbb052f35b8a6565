package io.sse4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class JmhCsvTest {

    private static final String HEADER = "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\",\"Unit\","
            + "\"Param: library\",\"Param: workload\"";

    @Test
    void quotedCellsMayHoldCommasAndQuotes() {
        assertEquals(List.of("a,b", "c\"d", "", "e"), JmhCsv.splitCsv("\"a,b\",\"c\"\"d\",,e"));
    }

    @Test
    void cellsAreFoundByColumnNameAndEmptyOrMissingOnesAreNull() {
        List<JmhCsv.Row> rows = JmhCsv.read(List.of(HEADER, "",
                "\"x.Bench.run\",\"thrpt\",1,5,2.5,0.5,\"ops/s\",,llm", "  "));
        assertEquals(1, rows.size());
        JmhCsv.Row row = rows.get(0);
        assertEquals("x.Bench.run", row.cell("Benchmark"));
        assertEquals("llm", row.param("workload"));
        assertNull(row.param("library"));
        assertNull(row.param("chunkSize"));
        assertEquals(2.5, row.opsPerSecond(), 1e-12);
        assertEquals(0.5, row.error(), 1e-12);
        assertTrue(JmhCsv.read(List.of()).isEmpty());
    }

    @Test
    void scoresAreConvertedToOperationsPerSecond() {
        List<JmhCsv.Row> rows = JmhCsv.read(List.of(HEADER,
                "\"a\",\"thrpt\",1,5,0.002,NaN,\"ops/ns\",x,llm",
                "\"b\",\"thrpt\",1,5,120.0,6.0,\"ops/min\",x,llm",
                "\"c\",\"avgt\",1,5,3.0,0.1,\"ms/op\",x,llm"));
        assertEquals(2e6, rows.get(0).opsPerSecond(), 1e-6);
        assertTrue(Double.isNaN(rows.get(0).error()));
        assertEquals(2.0, rows.get(1).opsPerSecond(), 1e-12);
        assertEquals(0.1, rows.get(1).error(), 1e-12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, rows.get(2)::opsPerSecond);
        assertTrue(e.getMessage().contains("ms/op"), e.getMessage());
    }
}
