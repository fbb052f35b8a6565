package io.sse4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamResultsTableTest {

    private static final String HEADER = "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\",\"Unit\","
            + "\"Param: executor\",\"Param: library\",\"Param: server\",\"Param: workload\"";

    @Test
    void joinsThroughputAndLatencyPerLibraryAndListsServersAndScale() {
        StreamResultsTable.Results results = new StreamResultsTable.Results();
        results.readCsv(List.of(HEADER,
                "\"io.sse4j.bench.e2e.E2eBenchmark.stream\",\"thrpt\",1,10,50.0,5.0,\"ops/s\",,sse4j-blocking,,llm",
                "\"io.sse4j.bench.e2e.ServerBaselineBenchmark.read\",\"thrpt\",1,10,300.0,30.0,\"ops/s\",,,stream-server,llm",
                "\"io.sse4j.bench.e2e.JdkClientBaselineBenchmark.read\",\"thrpt\",1,10,80.0,8.0,\"ops/s\",direct,,,llm"));
        results.readLines(List.of(
                "noise",
                "RESULT latency library=sse4j-blocking events=100 warmup=10 period_us=1000 p50_us=50.0 p90_us=90.0"
                        + " p99_us=990.0 p999_us=12345.0 max_us=20000.0 mean_us=60.0 load=0.1/0.2/0.3 load_end=0.2/0.2/0.3",
                "RESULT scale library=okhttp-sse streams=100 open=100 failed=0 lost=0 open_s=0.5 heap_base_mib=4.0"
                        + " heap_mib=6.0 heap_per_stream_kib=18.00 rss_per_stream_kib=140.0 threads_base=9 threads=109"
                        + " threads_peak=110 max_heap_mib=1024 load=0.5/0.4/0.3 load_end=0.5/0.4/0.3 error=none"));
        String table = results.format();
        assertTrue(table.contains("| sse4j-blocking | 5,000,000 | 269.4 | 10.0% | 50 µs | 90 µs | 990 µs | 12.3 ms | 20.0 ms | 0.1 |"), table);
        assertTrue(table.contains("| `RawHttpReader` from stream-server | 30,000,000 | 1,616.7 | 10.0% |"), table);
        assertTrue(table.contains("| JDK `HttpClient`, counting only, direct executor | 8,000,000 | 431.1 | 10.0% |"), table);
        assertTrue(table.contains("| okhttp-sse | 100 | 100 | 18.00 KiB | 140.0 KiB | 9 → 109 (110) | 0.5 s | 0.5/0.4/0.3 | none |"), table);
    }

    @Test
    void latencyRoundsAreSummarisedByTheirMedianWithTheRangeOfP99() {
        StreamResultsTable.Results results = new StreamResultsTable.Results();
        results.readLines(List.of(
                latencyLine(40, 300, "1.5/1/1"),
                latencyLine(60, 2000, "0.5/1/1"),
                latencyLine(50, 500, "2.5/1/1")));
        String table = results.format();
        assertTrue(table.contains("| x | n/a | n/a | n/a | 50 µs | 50 µs | 500 µs (300 µs – 2,000 µs) | 50 µs | 50 µs | 1.5, 0.5, 2.5 |"), table);
        assertTrue(table.contains("median over the rounds"), table);
    }

    private static String latencyLine(int p50, int p99, String load) {
        return "RESULT latency library=x events=10 warmup=1 period_us=1000 p50_us=" + p50 + " p90_us=50 p99_us=" + p99
                + " p999_us=50 max_us=50 mean_us=50 load=" + load + " load_end=" + load;
    }

    @Test
    void parserResultsAreNotEndToEndResults() {
        StreamResultsTable.Results results = new StreamResultsTable.Results();
        results.readCsv(List.of(
                "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\",\"Unit\",\"Param: chunkSize\",\"Param: library\",\"Param: workload\"",
                "\"io.sse4j.bench.parse.ParseBenchmark.parse\",\"thrpt\",1,3,300.0,30.0,\"ops/s\",8192,sse4j,llm"));
        assertTrue(results.libraries.isEmpty());
    }

    @Test
    void resultLinesAreKeyValuePairs() {
        Map<String, String> fields = StreamResultsTable.parseResultLine("RESULT scale library=x streams=3 error=none");
        assertEquals(Map.of("kind", "scale", "library", "x", "streams", "3", "error", "none"), fields);
        assertNull(StreamResultsTable.parseResultLine("# Run complete"));
    }
}
