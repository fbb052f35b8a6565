package io.sse4j.bench.parse;

import io.sse4j.bench.ParserHarness;

/** The libraries on this classpath, by the name used as the benchmark's {@code library} parameter. */
final class Harnesses {

    static final String SSE4J = "sse4j";
    static final String OKHTTP_SSE = "okhttp-sse";
    static final String SPRING_WEBFLUX = "spring-webflux";

    private Harnesses() {
    }

    static ParserHarness of(String library) {
        return switch (library) {
            case SSE4J -> new Sse4jHarness();
            case OKHTTP_SSE -> new OkHttpSseHarness();
            case SPRING_WEBFLUX -> new SpringHarness();
            default -> throw new IllegalArgumentException("no harness for library " + library);
        };
    }
}
