package io.sse4j.bench.e2e;

import io.sse4j.bench.ClientLibraries;
import io.sse4j.bench.ScaleHarness;
import io.sse4j.bench.StreamHarness;
import io.sse4j.bench.scale.JdkBaselineScaleHarness;
import io.sse4j.bench.scale.OkHttpSseScaleHarness;
import io.sse4j.bench.scale.Sse4jOkHttpScaleHarness;
import io.sse4j.bench.scale.Sse4jScaleHarness;
import java.util.Map;
import java.util.function.Supplier;

/** The client libraries of the main benchmark jar: sse4j and okhttp-sse 5. */
public final class MainLibraries implements ClientLibraries {

    /** sse4j, {@code EventStream.connect} and a for-each loop. */
    public static final String SSE4J_BLOCKING = "sse4j-blocking";
    /** {@link #SSE4J_BLOCKING} on an {@code HttpClient} with {@code executor(Runnable::run)}. */
    public static final String SSE4J_BLOCKING_DIRECT = "sse4j-blocking-direct";
    /** sse4j as a {@code Flow.Publisher}, {@code request(Long.MAX_VALUE)}. */
    public static final String SSE4J_FLOW_UNBOUNDED = "sse4j-flow-unbounded";
    /** sse4j as a {@code Flow.Publisher}, {@code request(1)} per event. */
    public static final String SSE4J_FLOW_ONE = "sse4j-flow-one";
    /** sse4j, {@code EventStream.connectAsync} with an {@code SseListener}. */
    public static final String SSE4J_LISTENER = "sse4j-listener";
    /** {@link #SSE4J_LISTENER} on an {@code HttpClient} with {@code executor(Runnable::run)}. */
    public static final String SSE4J_LISTENER_DIRECT = "sse4j-listener-direct";
    /** {@link #SSE4J_LISTENER} on an {@code HttpClient} whose executor is a fixed pool of 2 threads. */
    public static final String SSE4J_LISTENER_FIXED2 = "sse4j-listener-fixed2";
    /** sse4j as a {@code Flow.Publisher} for the scale benchmark, {@code request(Long.MAX_VALUE)}. */
    public static final String SSE4J_FLOW = "sse4j-flow";
    /** No SSE library, for the scale benchmark: the JDK client holding the streams with a subscriber that drops the bytes. */
    public static final String JDK_HTTPCLIENT_ONLY = "jdk-httpclient-only";
    /** No SSE library, end to end: the JDK client, a body subscriber and {@link DataLines}, default executor. */
    public static final String JDK_ONLY_SUBSCRIBER = "jdk-only-subscriber";
    /**
     * No SSE library, end to end: {@link #JDK_ONLY_SUBSCRIBER}, handing each buffer list's events
     * through a blocking queue to the caller's thread: the floor of a blocking reader.
     */
    public static final String JDK_ONLY_QUEUE = "jdk-only-queue";
    /** No SSE library, end to end: the JDK client, {@code BodyHandlers.ofInputStream()} read on the caller's thread, {@link DataLines}. */
    public static final String JDK_ONLY_INPUTSTREAM = "jdk-only-inputstream";
    /** sse4j-okhttp, {@code OkHttpSse.connect} and a for-each loop, on the okhttp-sse harness's client. */
    public static final String SSE4J_OKHTTP_BLOCKING = "sse4j-okhttp-blocking";
    /** sse4j-okhttp as a {@code Flow.Publisher}, {@code request(Long.MAX_VALUE)}. */
    public static final String SSE4J_OKHTTP_FLOW = "sse4j-okhttp-flow";
    /** sse4j-okhttp, {@code OkHttpSse.connectAsync} with an {@code SseListener}. */
    public static final String SSE4J_OKHTTP_LISTENER = "sse4j-okhttp-listener";
    /** okhttp-sse 5, {@code EventSources} and an {@code EventSourceListener}. */
    public static final String OKHTTP_SSE = "okhttp-sse";

    @Override
    public Map<String, Supplier<StreamHarness>> streaming() {
        return Map.ofEntries(
                Map.entry(SSE4J_BLOCKING, () -> new Sse4jBlockingHarness(false)),
                Map.entry(SSE4J_BLOCKING_DIRECT, () -> new Sse4jBlockingHarness(true)),
                Map.entry(SSE4J_FLOW_UNBOUNDED, () -> new Sse4jFlowHarness(false)),
                Map.entry(SSE4J_FLOW_ONE, () -> new Sse4jFlowHarness(true)),
                Map.entry(SSE4J_LISTENER, () -> new Sse4jListenerHarness(false)),
                Map.entry(SSE4J_LISTENER_DIRECT, () -> new Sse4jListenerHarness(true)),
                Map.entry(SSE4J_LISTENER_FIXED2, () -> new Sse4jListenerHarness(2)),
                Map.entry(JDK_ONLY_SUBSCRIBER, () -> new JdkOnlyHarness(JdkOnlyHarness.Mode.SUBSCRIBER)),
                Map.entry(JDK_ONLY_QUEUE, () -> new JdkOnlyHarness(JdkOnlyHarness.Mode.QUEUE)),
                Map.entry(JDK_ONLY_INPUTSTREAM, () -> new JdkOnlyHarness(JdkOnlyHarness.Mode.INPUT_STREAM)),
                Map.entry(SSE4J_OKHTTP_BLOCKING, () -> new Sse4jOkHttpHarness(Sse4jOkHttpHarness.Style.BLOCKING)),
                Map.entry(SSE4J_OKHTTP_FLOW, () -> new Sse4jOkHttpHarness(Sse4jOkHttpHarness.Style.FLOW)),
                Map.entry(SSE4J_OKHTTP_LISTENER, () -> new Sse4jOkHttpHarness(Sse4jOkHttpHarness.Style.LISTENER)),
                Map.entry(OKHTTP_SSE, OkHttpSseHarness::new));
    }

    @Override
    public Map<String, Supplier<ScaleHarness>> scale() {
        return Map.of(
                SSE4J_LISTENER, () -> new Sse4jScaleHarness(false, 0),
                SSE4J_LISTENER_FIXED2, () -> new Sse4jScaleHarness(false, 2),
                SSE4J_FLOW, () -> new Sse4jScaleHarness(true, 0),
                JDK_HTTPCLIENT_ONLY, JdkBaselineScaleHarness::new,
                SSE4J_OKHTTP_LISTENER, Sse4jOkHttpScaleHarness::new,
                OKHTTP_SSE, OkHttpSseScaleHarness::new);
    }
}
