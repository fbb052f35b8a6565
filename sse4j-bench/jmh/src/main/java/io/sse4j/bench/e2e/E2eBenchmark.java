package io.sse4j.bench.e2e;

import org.openjdk.jmh.annotations.Param;

/**
 * {@link AbstractE2eBenchmark End-to-end throughput} of sse4j, each way of consuming it, sse4j-okhttp's three
 * styles and okhttp-sse 5; and, with no SSE library, the JDK client delivering events to a body subscriber,
 * through a blocking queue, or an {@code InputStream} ({@link JdkOnlyHarness}). {@link ServerBaselineBenchmark} and
 * {@link JdkClientBaselineBenchmark} are its ceilings.
 */
public class E2eBenchmark extends AbstractE2eBenchmark {

    @Param({MainLibraries.SSE4J_BLOCKING, MainLibraries.SSE4J_FLOW_UNBOUNDED, MainLibraries.SSE4J_FLOW_ONE,
            MainLibraries.SSE4J_LISTENER, MainLibraries.OKHTTP_SSE,
            MainLibraries.SSE4J_OKHTTP_BLOCKING, MainLibraries.SSE4J_OKHTTP_FLOW, MainLibraries.SSE4J_OKHTTP_LISTENER,
            MainLibraries.SSE4J_BLOCKING_DIRECT, MainLibraries.SSE4J_LISTENER_DIRECT, MainLibraries.SSE4J_LISTENER_FIXED2,
            MainLibraries.JDK_ONLY_SUBSCRIBER, MainLibraries.JDK_ONLY_QUEUE, MainLibraries.JDK_ONLY_INPUTSTREAM})
    public String library;

    @Override
    protected String library() {
        return library;
    }
}
