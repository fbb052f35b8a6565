package io.sse4j.kafka.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sse4j.ServerSentEvent;
import io.sse4j.testkit.MockResponse;
import io.sse4j.testkit.MockSseServer;
import io.sse4j.testkit.RecordedRequest;
import io.sse4j.testkit.ResumableScenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The task alone, against the testkit's server over loopback, with the context Connect would give it. */
@Timeout(60)
class SseSourceTaskTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static Map<String, String> config(MockSseServer server, String... streams) {
        Map<String, String> config = new HashMap<>();
        config.put("streams", String.join(",", streams));
        for (String stream : streams) {
            config.put("stream." + stream + ".url", server.url("/" + stream).toString());
        }
        config.put("topic", "events");
        config.put("poll.timeout.ms", "100");
        // A window of one event is cut before its end most of the time, and each failure without
        // progress doubles the backoff: cap it, so that the last event comes soon.
        config.put("reconnect.backoff.max.ms", "300");
        return config;
    }

    private static String url(MockSseServer server, String stream) {
        return server.url("/" + stream).toString();
    }

    /** A partition in Connect's key order. */
    private static Map<String, String> partition(String method, String url) {
        Map<String, String> partition = new LinkedHashMap<>();
        partition.put("method", method);
        partition.put("url", url);
        return partition;
    }

    /** A partition URL first, as the first builds wrote it. */
    private static Map<String, String> legacyPartition(String url, String method) {
        Map<String, String> partition = new LinkedHashMap<>();
        partition.put("url", url);
        partition.put("method", method);
        return partition;
    }

    private static List<Object> values(List<SourceRecord> records) {
        return records.stream().map(SourceRecord::value).collect(Collectors.toList());
    }

    private static String header(SourceRecord record, String name) {
        return (String) record.headers().lastWithName(name).value();
    }

    @Test
    void everyEventOfADroppingStreamOnceInOrder() throws Exception {
        ResumableScenario scenario = ResumableScenario.newBuilder(60).seed(5).dropProbability(0.6)
                .retry(Duration.ofMillis(1)).build();
        try (MockSseServer server = MockSseServer.start(); TaskRun run = new TaskRun(false)) {
            server.setDispatcher(scenario);
            run.start(config(server, "local"));
            List<SourceRecord> records = run.pollUntil(r -> r.size() >= 60, WAIT);
            scenario.awaitCompletion(WAIT);
            assertEquals(scenario.events().stream().map(ServerSentEvent::data).collect(Collectors.toList()), values(records),
                    scenario.toString());
            assertTrue(scenario.drops() > 0, scenario.toString());
        }
    }

    @Test
    void recordsCarryDataKeyHeadersTimestampPartitionAndOffset() throws Exception {
        try (MockSseServer server = MockSseServer.start(); TaskRun run = new TaskRun(false)) {
            server.enqueue(MockResponse.newBuilder()
                    .raw("data: no id yet\n\n")
                    .comment("a heartbeat is no record")
                    .retry(Duration.ofSeconds(5))
                    .event(ServerSentEvent.of("edit", "first\nsecond", "1"))
                    .event(ServerSentEvent.of("user:login", "{}", "1"))
                    .stall()
                    .build());
            Map<String, String> config = config(server, "wiki");
            config.put("topic", "sse.${stream}.${event}");
            long before = System.currentTimeMillis();
            run.start(config);
            List<SourceRecord> records = run.pollUntil(r -> r.size() >= 3, WAIT);
            long after = System.currentTimeMillis();
            assertEquals(List.of("no id yet", "first\nsecond", "{}"), values(records));
            assertEquals(List.of("sse.wiki.message", "sse.wiki.edit", "sse.wiki.user_login"),
                    records.stream().map(SourceRecord::topic).collect(Collectors.toList()));
            assertNull(records.get(0).key(), "no ID, no key");
            assertEquals("1", records.get(1).key());
            assertEquals("1", records.get(2).key(), "an event without an id: line has the last event ID");
            assertEquals("", header(records.get(0), SseSourceTask.HEADER_ID));
            assertEquals("edit", header(records.get(1), SseSourceTask.HEADER_EVENT));
            assertEquals("1", header(records.get(1), SseSourceTask.HEADER_ID));
            assertEquals("wiki", header(records.get(1), SseSourceTask.HEADER_STREAM));
            assertEquals(Map.of("url", server.url("/wiki").toString(), "method", "GET"), records.get(1).sourcePartition());
            assertEquals(TaskRun.key(partition("GET", server.url("/wiki").toString())),
                    TaskRun.key(records.get(1).sourcePartition()), "committed under Connect's key order");
            assertEquals(Map.of("last_event_id", "1"), records.get(1).sourceOffset());
            assertEquals(Map.of("last_event_id", ""), records.get(0).sourceOffset());
            for (SourceRecord record : records) {
                assertTrue(record.timestamp() >= before && record.timestamp() <= after, record.toString());
                assertNull(record.kafkaPartition());
            }
        }
    }

    @Test
    void keyCanBeTheStreamOrNone() throws Exception {
        for (String mode : List.of("stream", "none")) {
            try (MockSseServer server = MockSseServer.start(); TaskRun run = new TaskRun(false)) {
                server.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("message", "x", "9")).stall().build());
                Map<String, String> config = config(server, "feed");
                config.put("record.key", mode);
                run.start(config);
                SourceRecord record = run.pollUntil(r -> !r.isEmpty(), WAIT).get(0);
                assertEquals(mode.equals("stream") ? "feed" : null, record.key());
            }
        }
    }

    @Test
    void startsFromTheCommittedOffsetElseFromTheConfiguredId() throws Exception {
        try (MockSseServer server = MockSseServer.start(); TaskRun run = new TaskRun(false)) {
            server.setDispatcher(request -> MockResponse.newBuilder().stall().build());
            Map<String, String> config = config(server, "resumed", "fresh");
            config.put("stream.resumed.last.event.id", "7");
            config.put("stream.fresh.last.event.id", "7");
            run.commit(partition("GET", server.url("/resumed").toString()), Map.of("last_event_id", "41"));
            run.start(config);
            Map<String, String> sent = new HashMap<>();
            for (int i = 0; i < 2; i++) {
                RecordedRequest request = server.takeRequest(WAIT);
                sent.put(request.path(), request.lastEventId());
            }
            assertEquals(Map.of("/resumed", "41", "/fresh", "7"), sent);
        }
    }

    /**
     * An offset in Connect's key order wins, {"last_event_id": null} included (a reset); else
     * one in the URL-first order of earlier builds; else the configured ID.
     */
    @Test
    void startsFromConnectsKeyOrderElseTheOldOrderElseTheConfiguredId() throws Exception {
        try (MockSseServer server = MockSseServer.start(); TaskRun run = new TaskRun(false)) {
            server.setDispatcher(request -> MockResponse.newBuilder().stall().build());
            List<String> streams = List.of("current", "old", "both", "reset", "fresh", "posted");
            Map<String, String> config = config(server, streams.toArray(new String[0]));
            streams.forEach(stream -> config.put("stream." + stream + ".last.event.id", "7"));
            config.put("stream.posted.method", "POST");
            config.put("stream.posted.body", "{\"q\":1}");
            run.commit(partition("GET", url(server, "current")), Map.of("last_event_id", "41"));
            run.commit(legacyPartition(url(server, "old"), "GET"), Map.of("last_event_id", "20000"));
            run.commit(legacyPartition(url(server, "both"), "GET"), Map.of("last_event_id", "20000"));
            run.commit(partition("GET", url(server, "both")), Map.of("last_event_id", "20100"));
            run.commit(legacyPartition(url(server, "reset"), "GET"), Map.of("last_event_id", "20000"));
            Map<String, Object> reset = new HashMap<>();
            reset.put("last_event_id", null);
            run.commit(partition("GET", url(server, "reset")), reset);
            StreamSpec posted = new SseSourceConfig(config).streams().stream().filter(s -> s.name().equals("posted"))
                    .findFirst().orElseThrow();
            run.commit(posted.legacyPartition(), Map.of("last_event_id", "300"));
            run.start(config);
            Map<String, String> sent = new HashMap<>();
            for (int i = 0; i < streams.size(); i++) {
                RecordedRequest request = server.takeRequest(WAIT);
                sent.put(request.path(), request.lastEventId());
            }
            assertEquals(Map.of("/current", "41", "/old", "20000", "/both", "20100", "/reset", "7", "/fresh", "7",
                    "/posted", "300"), sent);
        }
    }

    @Test
    void aStoredOffsetOfAnotherShapeStopsTheStartWithItsReason() throws Exception {
        try (MockSseServer server = MockSseServer.start(); TaskRun run = new TaskRun(false)) {
            run.commit(partition("GET", url(server, "feed")), Map.of("last_event_id", 12));
            ConnectException e = assertThrows(ConnectException.class, () -> run.start(config(server, "feed")));
            assertTrue(e.getMessage().contains("stream 'feed' (GET " + url(server, "feed") + ") has the stored offset")
                    && e.getMessage().contains("not a string") && e.getMessage().contains("PATCH"), e.getMessage());
        }
    }

    @Test
    void sendsTheStreamsMethodBodyAndHeaders() throws Exception {
        try (MockSseServer server = MockSseServer.start(); TaskRun run = new TaskRun(false)) {
            server.setDispatcher(request -> MockResponse.newBuilder().stall().build());
            Map<String, String> config = config(server, "llm");
            config.put("stream.llm.method", "POST");
            config.put("stream.llm.body", "{\"prompt\":\"hi\"}");
            config.put("stream.llm.header.Content-Type", "application/json");
            config.put("stream.llm.secret.header.Authorization", "Bearer s3cret");
            run.start(config);
            RecordedRequest request = server.takeRequest(WAIT);
            assertEquals("POST", request.method());
            assertEquals("{\"prompt\":\"hi\"}", request.bodyAsString());
            assertEquals("application/json", request.headers().firstValue("Content-Type").orElseThrow());
            assertEquals("Bearer s3cret", request.headers().firstValue("Authorization").orElseThrow());
            assertEquals("text/event-stream", request.headers().firstValue("Accept").orElseThrow());
        }
    }

    @Test
    void pollReturnsNothingAfterItsTimeoutAndStopWakesIt() throws Exception {
        try (MockSseServer server = MockSseServer.start(); TaskRun run = new TaskRun(false)) {
            server.setDispatcher(request -> MockResponse.newBuilder().comment("alive").stall().build());
            Map<String, String> config = config(server, "quiet");
            config.put("poll.timeout.ms", "50");
            run.start(config);
            assertNull(run.task.poll(), "nothing came within poll.timeout.ms");

            config.put("poll.timeout.ms", "60000");
            try (TaskRun waiting = new TaskRun(false)) {
                waiting.start(config);
                CompletableFuture<List<SourceRecord>> poll = CompletableFuture.supplyAsync(() -> {
                    try {
                        return waiting.task.poll();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
                server.awaitOpenConnections(2, WAIT);
                waiting.task.stop();
                assertNull(poll.get(10, TimeUnit.SECONDS), "stop() returns a waiting poll at once");
            }
        }
    }

    /**
     * While nobody polls, the stream is read only until the task's buffer and the event source's
     * are full: a server with 24 MiB to send cannot finish. Once the task is polled, it does.
     */
    @Test
    void theServerCannotGetAheadOfPoll() throws Exception {
        int events = 24 * 1024;
        String data = "x".repeat(1000);
        CountDownLatch allWritten = new CountDownLatch(1);
        MockResponse.Builder response = MockResponse.newBuilder();
        for (int i = 1; i <= events; i++) {
            response.event(ServerSentEvent.of("message", data, Integer.toString(i)));
        }
        try (MockSseServer server = MockSseServer.start(); TaskRun run = new TaskRun(false)) {
            server.enqueue(response.signal(allWritten).stall().build());
            Map<String, String> config = config(server, "fast");
            config.put("buffer.events.per.stream", "100");
            config.put("poll.max.records", "500");
            run.start(config);
            assertFalse(allWritten.await(1, TimeUnit.SECONDS), "the server wrote 24 MiB that nobody polled");
            List<SourceRecord> records = new ArrayList<>();
            int largestBatch = 0;
            while (records.size() < events) {
                List<SourceRecord> batch = run.task.poll();
                if (batch != null) {
                    largestBatch = Math.max(largestBatch, batch.size());
                    records.addAll(batch);
                }
            }
            assertTrue(allWritten.await(10, TimeUnit.SECONDS), "polled, the stream flows");
            assertTrue(largestBatch <= 100, "a stream never has more than its credit waiting: " + largestBatch);
            assertEquals(Integer.toString(events), records.get(events - 1).key());
        }
    }

    @Test
    void aFatalAnswerFailsTheTaskWithItsReason() throws Exception {
        try (MockSseServer server = MockSseServer.start(); TaskRun run = new TaskRun(false)) {
            server.setDispatcher(request -> MockResponse.newBuilder().status(403).contentType("text/plain")
                    .raw("token expired").build());
            run.start(config(server, "denied"));
            ConnectException e = assertThrows(ConnectException.class, () -> run.pollUntil(r -> false, WAIT));
            assertTrue(e.getMessage().startsWith("stream 'denied' (GET " + server.url("/denied") + ") failed, and with it"
                    + " this task: expected 200 text/event-stream, got 403 text/plain"), e.getMessage());
            assertTrue(e.getMessage().contains("token expired"), e.getMessage());
        }
    }

    @Test
    void aCrossedLimitFailsTheTaskAfterTheEventsBeforeIt() throws Exception {
        try (MockSseServer server = MockSseServer.start(); TaskRun run = new TaskRun(false)) {
            server.enqueue(MockResponse.newBuilder()
                    .event(ServerSentEvent.of("message", "small", "1"))
                    .event(ServerSentEvent.of("message", "y".repeat(2000), "2"))
                    .stall().build());
            Map<String, String> config = config(server, "big");
            config.put("max.event.bytes", "1000");
            run.start(config);
            List<SourceRecord> records = new ArrayList<>();
            ConnectException e = assertThrows(ConnectException.class, () -> {
                while (true) {
                    List<SourceRecord> batch = run.task.poll();
                    if (batch != null) {
                        records.addAll(batch);
                    }
                }
            });
            assertEquals(List.of("small"), values(records));
            assertTrue(e.getMessage().contains("1000"), e.getMessage());
        }
    }

    @Test
    void noContentEndsOnlyItsStream() throws Exception {
        try (MockSseServer server = MockSseServer.start(); TaskRun run = new TaskRun(false)) {
            server.setDispatcher(request -> request.path().equals("/done")
                    ? MockResponse.newBuilder().status(204).removeHeader("Content-Type").build()
                    : MockResponse.newBuilder().event(ServerSentEvent.of("message", "still here", "1")).stall().build());
            run.start(config(server, "done", "open"));
            List<SourceRecord> records = run.pollUntil(r -> !r.isEmpty(), WAIT);
            assertEquals(List.of("still here"), values(records));
            assertNull(run.task.poll(), "the ended stream fails nothing");
            assertEquals(2, server.requestCount(), "a 204 is not retried");
        }
    }

    /**
     * With connector-defined boundaries, a transaction ends only after an event that carries a
     * new ID: the events after it without IDs of their own wait for the next one, since a server
     * resuming after that ID would send them again.
     */
    @Test
    void transactionsEndOnlyAtEventsWithANewId() throws Exception {
        try (MockSseServer server = MockSseServer.start(); TaskRun run = new TaskRun(true)) {
            server.enqueue(MockResponse.newBuilder()
                    .raw("id: 1\ndata: a\n\ndata: b\n\ndata: c\n\nid: 4\ndata: d\n\ndata: e\n\n")
                    .stall().build());
            Map<String, String> config = config(server, "sparse");
            config.put("transaction.max.open.ms", "600000");
            run.start(config);
            List<SourceRecord> records = run.pollUntil(r -> r.size() >= 5, WAIT);
            assertEquals(List.of("a", "b", "c", "d", "e"), values(records));
            List<Object> commits = run.transactions.requests;
            assertFalse(commits.isEmpty(), "a transaction ended");
            assertEquals(records.get(3), commits.get(commits.size() - 1), "the last one after d, the event with ID 4");
            for (Object commit : commits) {
                assertTrue(commit == records.get(0) || commit == records.get(3), "only after a or d: " + commits);
            }
        }
    }

    @Test
    void aTransactionWaitingTooLongForAnIdEndsAnyway() throws Exception {
        try (MockSseServer server = MockSseServer.start(); TaskRun run = new TaskRun(true)) {
            server.enqueue(MockResponse.newBuilder().raw("id: 1\ndata: a\n\ndata: b\n\n").stall().build());
            Map<String, String> config = config(server, "sparse");
            config.put("transaction.max.open.ms", "1");
            run.start(config);
            run.pollUntil(r -> r.size() >= 2, WAIT);
            run.pollUntil(r -> run.transactions.requests.contains("commit batch"), WAIT);
        }
    }

    @Test
    void versionComesFromTheBuild() {
        assertTrue(new SseSourceTask().version().matches("\\d+\\.\\d+\\.\\d+.*"), new SseSourceTask().version());
        assertEquals(new SseSourceConnector().version(), new SseSourceTask().version());
    }
}
