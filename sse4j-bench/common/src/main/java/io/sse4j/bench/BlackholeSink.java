package io.sse4j.bench;

import org.openjdk.jmh.infra.Blackhole;

/** Feeds every string of every event to a JMH {@link Blackhole}, so none of it is dead code. */
public final class BlackholeSink implements EventSink {

    private final Blackhole blackhole;

    /**
     * A sink that consumes into the given blackhole.
     *
     * @param blackhole the benchmark's blackhole
     */
    public BlackholeSink(Blackhole blackhole) {
        this.blackhole = blackhole;
    }

    @Override
    public void event(String type, String data, String id) {
        blackhole.consume(type);
        blackhole.consume(data);
        blackhole.consume(id);
    }
}
