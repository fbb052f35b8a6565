package io.sse4j.bench.scale;

import io.sse4j.bench.ClientLibraries;
import io.sse4j.bench.HarnessChecks;
import io.sse4j.bench.ScaleHarness;
import io.sse4j.bench.server.IdleServer;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every scale library on the classpath really opens, holds and closes its streams. The libraries
 * are those the benchmark jar registers in {@link ClientLibraries}, so each jar's test extends this
 * and adds nothing.
 */
abstract class AbstractScaleHarnessTest {

    static Set<String> libraries() {
        return ClientLibraries.allScale().keySet();
    }

    @ParameterizedTest(name = "{0} opens, holds and closes 25 streams")
    @MethodSource("libraries")
    void harnessOpensHoldsAndClosesStreams(String library) throws Exception {
        try (IdleServer server = IdleServer.start(100); ScaleHarness harness = ClientLibraries.allScale().get(library).get()) {
            HarnessChecks.opensAndClosesStreams(harness, server, 25);
        }
    }
}
