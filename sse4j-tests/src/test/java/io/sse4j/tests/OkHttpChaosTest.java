package io.sse4j.tests;

import io.sse4j.okhttp.OkHttpSse;
import org.junit.jupiter.api.Test;

/** {@link Chaos} over OkHttp ({@link OkHttpSse}): the same scenario, seeds and bounds as over the JDK's client. */
class OkHttpChaosTest extends OkHttpLoopbackTest {

    private Chaos chaos() {
        return new Chaos(server, () -> OkHttpSse.newEventSourceBuilder(client, get("/chaos")).retryPolicy(Chaos.AT_ONCE).build());
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
