package io.sse4j.kafka.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

/** A stream's source partition: what it holds, and the key order Connect's REST API reads it in. */
class StreamSpecTest {

    private static StreamSpec spec(boolean withBody) {
        Map<String, String> config = new HashMap<>();
        config.put("streams", "wiki");
        config.put("stream.wiki.url", "https://stream.example.org/v2/stream/recentchange");
        config.put("topic", "wiki");
        config.put("stream.wiki.secret.header.Authorization", "Bearer x");
        if (withBody) {
            config.put("stream.wiki.method", "POST");
            config.put("stream.wiki.body", "{\"q\":1}");
        }
        return new SseSourceConfig(config).streams().get(0);
    }

    @Test
    void thePartitionIsTheRequestWithoutHeaders() {
        StreamSpec spec = spec(true);
        // printf '{"q":1}' | sha256sum
        assertEquals(Map.of("method", "POST", "url", "https://stream.example.org/v2/stream/recentchange",
                "body_sha256", "6ae0f660046dadcf5fe8462c0e00a062db4c8d67be82f4098c5ea4208d19b076"), spec.partition());
        assertEquals(Map.of("method", "GET", "url", "https://stream.example.org/v2/stream/recentchange"),
                spec(false).partition());
        assertFalse(spec.toString().contains("Bearer"), spec.toString());
    }

    /**
     * The worker's REST API reads a partition back through its internal JsonConverter and writes
     * it again: the task's partition must come out of that round trip as the same bytes, or
     * GET shows no offset and PATCH and DELETE write a key the task never reads.
     */
    @Test
    void thePartitionSurvivesConnectsRoundTripByteForByte() {
        for (boolean withBody : new boolean[] {false, true}) {
            StreamSpec spec = spec(withBody);
            String written = key(spec.partition());
            @SuppressWarnings("unchecked")
            Map<String, Object> readBack = (Map<String, Object>) ((List<Object>) converter()
                    .toConnectData("", written.getBytes(StandardCharsets.UTF_8)).value()).get(1);
            assertEquals(written, key(readBack), "with body: " + withBody);
            assertEquals(withBody ? List.of("method", "body_sha256", "url") : List.of("method", "url"),
                    List.copyOf(spec.partition().keySet()));
        }
    }

    /** The first builds' order: an equal map, but another key in the offsets topic. */
    @Test
    void theLegacyPartitionIsEqualButStoredUnderAnotherKey() {
        for (boolean withBody : new boolean[] {false, true}) {
            StreamSpec spec = spec(withBody);
            assertEquals(spec.partition(), spec.legacyPartition());
            assertEquals("url", spec.legacyPartition().keySet().iterator().next());
            assertNotEquals(key(spec.partition()), key(spec.legacyPartition()));
        }
    }

    private static JsonConverter converter() {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "false"), true);
        return converter;
    }

    /** The offsets topic's key for {@code partition}, as a worker's internal converter writes it. */
    private static String key(Map<String, ?> partition) {
        return new String(converter().fromConnectData("", null, List.of("sse", partition)), StandardCharsets.UTF_8);
    }
}
