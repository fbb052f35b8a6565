package io.sse4j.bench.parse;

import io.sse4j.bench.ParserHarness;
import org.openjdk.jmh.annotations.Param;

/** {@link AbstractParseBenchmark Parser throughput} of sse4j, okhttp-sse 5 and Spring WebFlux. */
public class ParseBenchmark extends AbstractParseBenchmark {

    @Param({Harnesses.SSE4J, Harnesses.OKHTTP_SSE, Harnesses.SPRING_WEBFLUX})
    public String library;

    @Override
    protected ParserHarness harness() {
        return Harnesses.of(library);
    }
}
