package io.sse4j.tests;

import io.sse4j.EventSource;
import org.junit.jupiter.api.Test;

/** {@link Chaos} over the JDK's client: every event once and in order through a thousand drops. */
class EventSourceChaosTest extends LoopbackTest {

    private Chaos chaos() {
        return new Chaos(server, () -> EventSource.newBuilder(client, get("/chaos")).retryPolicy(Chaos.AT_ONCE).build());
    }

    @Test
    void blockingIteration() throws Exception {
        chaos().blockingIteration();
    }

    @Test
    void flowWithOneEventOfDemandAtATime() throws Exception {
        chaos().flowWithOneEventOfDemandAtATime();
    }

    @Test
    void listener() throws Exception {
        chaos().listener();
    }
}
