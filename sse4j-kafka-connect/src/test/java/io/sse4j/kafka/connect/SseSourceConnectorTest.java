package io.sse4j.kafka.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.junit.jupiter.api.Test;

/** Validation, task configurations and the exactly-once declarations, without a worker. */
class SseSourceConnectorTest {

    private static Map<String, String> valid() {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", SseSourceConnector.class.getName());
        config.put("streams", "wiki");
        config.put("stream.wiki.url", "https://stream.example.org/v2/stream/recentchange");
        config.put("topic", "wiki.${event}");
        return config;
    }

    /** The errors validate() reports, by key. */
    private static Map<String, List<String>> errors(Map<String, String> config) {
        Map<String, List<String>> errors = new HashMap<>();
        for (ConfigValue value : new SseSourceConnector().validate(config).configValues()) {
            if (!value.errorMessages().isEmpty()) {
                errors.put(value.name(), value.errorMessages());
            }
        }
        return errors;
    }

    /** The one error validate() reports for {@code key} when it is set to {@code value}. */
    private static String errorFor(String key, String value) {
        Map<String, String> config = valid();
        config.put(key, value);
        Map<String, List<String>> errors = errors(config);
        assertEquals(List.of(key), List.copyOf(errors.keySet()), errors.toString());
        assertEquals(1, errors.get(key).size(), errors.toString());
        return errors.get(key).get(0);
    }

    @Test
    void aValidConfigurationHasNoErrors() {
        Map<String, String> config = valid();
        config.put("stream.wiki.method", "POST");
        config.put("stream.wiki.body", "{}");
        config.put("stream.wiki.header.User-Agent", "test/1.0");
        config.put("stream.wiki.secret.header.Authorization", "Bearer x");
        config.put("stream.wiki.last.event.id", "[{\"topic\":\"x\",\"offset\":1}]");
        assertEquals(Map.of(), errors(config));
    }

    @Test
    void badUrlsAreNamed() {
        assertTrue(errorFor("stream.wiki.url", "ftp://example.org/x").contains("not an http:// or https:// URL"));
        assertTrue(errorFor("stream.wiki.url", "http://exa mple.org/").contains("is not a URL"));
        assertTrue(errorFor("stream.wiki.url", "/relative/events").contains("not an http:// or https:// URL"));
        assertTrue(errorFor("stream.wiki.url", "http:///events").contains("has no host"));
        assertTrue(errorFor("stream.wiki.url", " ").contains("has no URL; set stream.wiki.url"));
    }

    @Test
    void badHeadersAreNamed() {
        assertTrue(errorFor("stream.wiki.header.Bad Name", "x").contains("\"Bad Name\" is not a header name"));
        assertTrue(errorFor("stream.wiki.header.X-Split", "a\r\nInjected: b").contains("control character"));
        assertTrue(errorFor("stream.wiki.header.Host", "example.org").contains("header Host cannot be sent"));
        assertTrue(errorFor("stream.wiki.header.Last-Event-ID", "3").contains("stream.wiki.last.event.id"));
        assertTrue(errorFor("stream.wiki.method", "GE T").contains("is not an HTTP method"));
        assertTrue(errorFor("stream.wiki.last.event.id", "caf\u00e9").contains("printable ASCII"));
    }

    @Test
    void aSecretHeaderIsNeverEchoed() {
        Map<String, String> config = valid();
        config.put("stream.wiki.secret.header.Authorization", "Bearer hunter2\n");
        List<ConfigValue> values = new SseSourceConnector().validate(config).configValues();
        ConfigValue secret = values.stream().filter(v -> v.name().equals("stream.wiki.secret.header.Authorization"))
                .findFirst().orElseThrow();
        assertEquals(null, secret.value());
        assertFalse(values.toString().contains("hunter2"), values.toString());
        ConnectException e = assertThrows(ConnectException.class, () -> new SseSourceConnector().start(config));
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertTrue(e.getMessage().contains("stream.wiki.secret.header.Authorization"), e.getMessage());
    }

    @Test
    void badTopicPatternsAreNamed() {
        assertTrue(errorFor("topic", "events.${type}").contains("unknown placeholder ${type}"));
        assertTrue(errorFor("topic", "events.${event").contains("unclosed"));
        assertTrue(errorFor("topic", "events/${event}").contains("the character '/'"));
        assertTrue(errorFor("topic", "x".repeat(250)).contains("249"));
        assertTrue(errorFor("topic", "").contains("must not be empty"));
    }

    @Test
    void streamSettingsMustBelongToAListedStreamAndExist() {
        assertTrue(errorFor("stream.github.url", "https://example.org/").contains("not in streams [wiki]"));
        assertTrue(errorFor("stream.wiki.urll", "https://example.org/").contains("has no setting \"urll\""));
        assertTrue(errorFor("streams", "wiki,wiki").contains("named twice"));
        assertTrue(errorFor("streams", "my.stream").contains("letters, digits"));
    }

    @Test
    void twoStreamsWithTheSameRequestAreRefused() {
        Map<String, String> config = valid();
        config.put("streams", "wiki,copy");
        config.put("stream.copy.url", config.get("stream.wiki.url"));
        Map<String, List<String>> errors = errors(config);
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.values().iterator().next().get(0).contains("same request"), errors.toString());
    }

    @Test
    void streamsAreSpreadOverTasksKeepingEveryKey() {
        Map<String, String> config = valid();
        config.put("streams", "a,b,c");
        for (String s : List.of("a", "b", "c")) {
            config.put("stream." + s + ".url", "https://example.org/" + s);
        }
        config.put("stream.a.secret.header.Authorization", "${file:/etc/secrets:token}");
        config.remove("stream.wiki.url");
        SseSourceConnector connector = new SseSourceConnector();
        connector.start(config);
        List<Map<String, String>> two = connector.taskConfigs(2);
        assertEquals(List.of("a,b", "c"), two.stream().map(t -> t.get("task.streams")).collect(Collectors.toList()));
        assertEquals(List.of("a", "b", "c"), connector.taskConfigs(5).stream().map(t -> t.get("task.streams"))
                .collect(Collectors.toList()));
        for (Map<String, String> task : two) {
            Map<String, String> rest = new HashMap<>(task);
            rest.remove("task.streams");
            assertEquals(config, rest, "a task has the connector's keys as they are, so references stay references");
        }
    }

    @Test
    void exactlyOnceAndItsOwnTransactionBoundariesAreSupported() {
        assertEquals(ExactlyOnceSupport.SUPPORTED, new SseSourceConnector().exactlyOnceSupport(valid()));
        assertEquals(ConnectorTransactionBoundaries.SUPPORTED, new SseSourceConnector().canDefineTransactionBoundaries(valid()));
    }

    /** What PATCH /connectors/<name>/offsets may write: this connector's partitions, IDs as strings or null. */
    @Test
    void alteredOffsetsMustLookLikeThisConnectorsOwn() {
        SseSourceConnector connector = new SseSourceConnector();
        String url = "https://stream.example.org/v2/stream/recentchange";
        Map<String, Object> partition = new HashMap<>(Map.of("method", "GET", "url", url));
        assertTrue(connector.alterOffsets(valid(), offsets(partition, Map.of("last_event_id", "12"))));
        assertTrue(connector.alterOffsets(valid(), offsets(partition, null)), "a reset, as DELETE writes");
        Map<String, Object> nullId = new HashMap<>();
        nullId.put("last_event_id", null);
        assertTrue(connector.alterOffsets(valid(), offsets(partition, nullId)), "back to last.event.id");
        assertTrue(connector.alterOffsets(valid(), offsets(Map.of("method", "GET", "url", "https://gone.example.org/"), null)),
                "a reset of a stream no longer configured");

        assertRefused(offsets(partition, Map.of("last_event_id", 12)), "\"last_event_id\" is 12 (Integer), not a string");
        assertRefused(offsets(partition, Map.of("last_event_id", "12", "extra", "x")), "unknown key(s) \"extra\"");
        assertRefused(offsets(partition, Map.of()), "\"last_event_id\" is missing");
        assertRefused(offsets(partition, Map.of("last_event_id", " 12")), "printable ASCII");
        assertRefused(offsets(Map.of("file", "x"), Map.of("last_event_id", "1")), "unknown key(s) \"file\"");
        assertRefused(offsets(Map.of("url", url), Map.of("last_event_id", "1")), "\"method\" is missing");
        assertRefused(offsets(Map.of("method", "GET", "url", 5), Map.of("last_event_id", "1")), "\"url\" is not a string");
        assertRefused(offsets(Map.of("method", "GET", "url", "ftp://x/"), null), "not an absolute http:// or https:// URL");
        assertRefused(offsets(Map.of("method", "G T", "url", url), null), "not an HTTP method");
        assertRefused(offsets(Map.of("method", "GET", "url", url, "body_sha256", "abc"), null), "not a SHA-256");
        String unknown = assertRefused(offsets(Map.of("method", "GET", "url", url + "/typo"), Map.of("last_event_id", "1")),
                "no stream of this connector has the source partition");
        assertTrue(unknown.contains("('wiki')") && unknown.contains(url), unknown);
    }

    private static Map<Map<String, ?>, Map<String, ?>> offsets(Map<String, ?> partition, Map<String, ?> offset) {
        Map<Map<String, ?>, Map<String, ?>> offsets = new HashMap<>();
        offsets.put(partition, offset);
        return offsets;
    }

    private static String assertRefused(Map<Map<String, ?>, Map<String, ?>> offsets, String reason) {
        ConnectException e = assertThrows(ConnectException.class, () -> new SseSourceConnector().alterOffsets(valid(), offsets));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        return e.getMessage();
    }

    @Test
    void topicPatternsFillInTheEventTypeAndStream() {
        TopicPattern pattern = TopicPattern.parse("sse.${stream}.${event}");
        assertTrue(pattern.perEvent());
        assertEquals("sse.wiki.user_login", pattern.topic("wiki", "user:login"));
        assertEquals("sse.wiki.caf_", pattern.topic("wiki", "caf\u00e9"));
        assertEquals("fixed", TopicPattern.parse("fixed").topic("wiki", "edit"));
        assertEquals("per-wiki", TopicPattern.parse("per-${stream}").topic("wiki", "edit"));
    }
}
