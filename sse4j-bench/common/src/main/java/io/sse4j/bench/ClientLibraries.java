package io.sse4j.bench;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The client libraries on one benchmark classpath, by the name used in results. Each benchmark jar
 * registers one implementation in {@code META-INF/services}, and the command-line runs of the
 * latency and scale benchmarks find them there, so one main class serves every jar.
 */
public interface ClientLibraries {

    /**
     * Harnesses for streaming a whole stream over HTTP, by library name.
     *
     * @return the factories
     */
    Map<String, Supplier<StreamHarness>> streaming();

    /**
     * Harnesses for holding many idle streams, by library name.
     *
     * @return the factories
     */
    Map<String, Supplier<ScaleHarness>> scale();

    /**
     * The streaming harnesses of every {@code ClientLibraries} on the classpath.
     *
     * @return the factories, sorted by name
     */
    static Map<String, Supplier<StreamHarness>> allStreaming() {
        Map<String, Supplier<StreamHarness>> all = new TreeMap<>();
        ServiceLoader.load(ClientLibraries.class).forEach(libraries -> all.putAll(libraries.streaming()));
        return all;
    }

    /**
     * The scale harnesses of every {@code ClientLibraries} on the classpath.
     *
     * @return the factories, sorted by name
     */
    static Map<String, Supplier<ScaleHarness>> allScale() {
        Map<String, Supplier<ScaleHarness>> all = new TreeMap<>();
        ServiceLoader.load(ClientLibraries.class).forEach(libraries -> all.putAll(libraries.scale()));
        return all;
    }
}
