package io.sse4j.bench.storm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sse4j.bench.server.StormServer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reconnect storm, small, over loopback against a server in this JVM: every check it makes passes. */
class ReconnectStormTest {

    @Test
    void everySourceResumesAfterTheRestartWithEachEventOnce() throws Exception {
        int streams = 50;
        ReconnectStorm.Settings settings = new ReconnectStorm.Settings(streams, 2, 200, Duration.ofMillis(300), 2, 3, 2,
                20, Duration.ofSeconds(20));
        try (StormServer server = StormServer.start(streams, settings.retryMillis())) {
            ReconnectStorm.Result result = ReconnectStorm.run(settings, server);

            assertEquals(List.of(), result.failures(), result.toLine("-"));
            assertEquals(streams * 7L, result.delivered());
            assertEquals(0, result.lost());
            assertEquals(0, result.repeated());
            assertEquals(streams, result.stats().resumedRight(), "each reconnect carries its stream's last event ID");
            assertEquals(streams, result.stats().streaming());
            assertEquals(streams, result.stats().reconnects(), "one request per source after the restart");
            assertTrue(result.retries() >= streams, "every source retried: " + result.retries());
            assertEquals(result.stats().reconnects(),
                    Arrays.stream(result.stats().bins()).sum(), "every reconnect is in a 100 ms bin");
        }
    }

    @Test
    void statsLineReadsBack() {
        StormServer.Stats stats = new StormServer.Stats(3, 9, 6, 6, 0, 3, 3, 3, 2, 1, 0, 500.5, 1000.25, 1100.0, 3,
                1000.25, new int[] {0, 1, 2});
        StormServer.Stats read = StormServer.Stats.parse(stats.toLine());
        assertEquals(stats.toLine(), read.toLine());
    }
}
