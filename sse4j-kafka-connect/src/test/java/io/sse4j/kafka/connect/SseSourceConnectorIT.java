package io.sse4j.kafka.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sse4j.ServerSentEvent;
import io.sse4j.testkit.MockResponse;
import io.sse4j.testkit.MockSseServer;
import io.sse4j.testkit.RecordedRequest;
import io.sse4j.testkit.ResumableScenario;
import io.sse4j.testkit.ResumableScenario.Cut;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The connector in a real worker against a real broker, over loopback against the testkit's
 * event-stream server: no mock of Kafka anywhere. One broker serves every test; each test has its
 * own connector and topics.
 */
@Timeout(180)
class SseSourceConnectorIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static TestBroker broker;
    private static TestWorker worker;
    private static MockSseServer server;
    /** The server's answers, by request path: each test adds its own. */
    private static final Map<String, Function<RecordedRequest, MockResponse>> routes = new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        broker = TestBroker.start();
        server = MockSseServer.start();
        server.setDispatcher(request -> {
            Function<RecordedRequest, MockResponse> route = routes.get(request.path());
            return route != null ? route.apply(request)
                    : MockResponse.newBuilder().status(404).contentType("text/plain").raw("no route").build();
        });
        worker = TestWorker.start(broker.workerProps("main", true));
    }

    @AfterAll
    static void stop() throws Exception {
        if (worker != null) {
            worker.close();
        }
        if (server != null) {
            server.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    /**
     * Three streams over two tasks, exactly-once required; the streams drop at random places
     * (mid-line, inside UTF-8 characters, between CR and LF). The first worker runs in its own
     * JVM and has the connector only from the plugin archive that {@code mvn package} built,
     * unzipped into its plugin path. It is killed mid-stream, and a new worker on the same
     * internal topics takes over. A read_committed consumer sees every event of every stream
     * once, in order, and the new worker resumed each stream from the Last-Event-ID that was
     * committed.
     */
    @Test
    void killedWorkerIsReplacedAndEveryEventLandsExactlyOnce() throws Exception {
        int events = 300;
        Path pluginPath = installPluginArchive();
        Map<String, ResumableScenario> scenarios = new LinkedHashMap<>();
        long seed = 10;
        for (String stream : List.of("alpha", "beta", "gamma")) {
            ResumableScenario scenario = ResumableScenario.newBuilder(events)
                    .seed(seed++)
                    .maxEventsPerConnection(24)
                    .dropProbability(0.7)
                    .retry(Duration.ofMillis(1))
                    .build();
            scenarios.put(stream, scenario);
            routes.put("/kill/" + stream, scenario);
        }
        broker.createTopics("kill.alpha", "kill.beta", "kill.gamma");
        Map<String, String> config = connectorConfig(scenarios.keySet(), "/kill/", "kill.${stream}");
        config.put("tasks.max", "2");
        config.put("exactly.once.support", "required");

        Map<String, String> workerProps = broker.workerProps("kill", true);
        Map<String, String> pluggedProps = new HashMap<>(workerProps);
        pluggedProps.put("plugin.path", pluginPath.toAbsolutePath().toString());
        Path log = Path.of("target", "child-worker.log");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        int seenAtKill;
        Map<String, Integer> requestsAtKill = new HashMap<>();
        try (KafkaConsumer<String, String> reader = broker.committedReader(List.of("kill.alpha", "kill.beta", "kill.gamma"))) {
            try (ChildWorker first = ChildWorker.start(pluggedProps, log, entry -> !isConnectorOrCore(entry))) {
                first.putConnector("kill", config);
                TestBroker.readUntil(reader, records, r -> r.size() >= events / 2, WAIT,
                        "the first worker to write some events");
                first.kill();
            }
            seenAtKill = records.size();
            scenarios.forEach((stream, scenario) -> requestsAtKill.put(stream, scenario.requests()));
            Map<String, Integer> highestSeen = highestIdPerStream(records);
            assertTrue(seenAtKill < 3 * events, "the worker was killed mid-stream; it had written " + seenAtKill);

            try (TestWorker second = TestWorker.start(workerProps)) {
                for (ResumableScenario scenario : scenarios.values()) {
                    scenario.awaitCompletion(WAIT);
                }
                TestBroker.readUntil(reader, records, r -> lastIdsReached(r, scenarios.keySet(), events), WAIT,
                        "every stream's last event");
                // A duplicate would sit before the last event of its stream; read on briefly for any stragglers.
                records.addAll(toList(reader.poll(Duration.ofMillis(500))));
                ConnectorStateInfo status = second.awaitStatus("kill", TestWorker.tasksInState(2, "RUNNING"), WAIT,
                        "both tasks running on the new worker");
                assertEquals(2, status.tasks().size());
            }

            for (Map.Entry<String, ResumableScenario> e : scenarios.entrySet()) {
                String stream = e.getKey();
                ResumableScenario scenario = e.getValue();
                List<ConsumerRecord<String, String>> mine = records.stream()
                        .filter(r -> header(r, SseSourceTask.HEADER_STREAM).equals(stream)).collect(Collectors.toList());
                assertEquals(scenario.events().stream().map(ServerSentEvent::data).collect(Collectors.toList()),
                        mine.stream().map(ConsumerRecord::value).collect(Collectors.toList()),
                        "stream " + stream + ": every event once, in order; " + scenario);
                for (int i = 0; i < mine.size(); i++) {
                    ConsumerRecord<String, String> record = mine.get(i);
                    assertEquals(String.valueOf(i + 1), record.key());
                    assertEquals(String.valueOf(i + 1), header(record, SseSourceTask.HEADER_ID));
                    assertEquals("message", header(record, SseSourceTask.HEADER_EVENT));
                    assertEquals("kill." + stream, record.topic());
                }
                // The new worker's first request resumed where the committed records end: at or after
                // what the reader had seen at the kill (no gap or repeat is checked above).
                ResumableScenario.Served resumed = scenario.served().get(requestsAtKill.get(stream));
                assertFalse(resumed.lastEventId().isEmpty(), stream + " resumed with a Last-Event-ID: " + resumed);
                assertTrue(Integer.parseInt(resumed.lastEventId()) >= highestSeen.getOrDefault(stream, 0),
                        stream + " resumed from " + resumed.lastEventId() + ", the reader had seen up to "
                                + highestSeen.get(stream));
            }
        }
        int midLine = 0;
        int midCharacter = 0;
        for (ResumableScenario scenario : scenarios.values()) {
            midLine += scenario.drops(Cut.MID_LINE);
            midCharacter += scenario.drops(Cut.MID_CHARACTER);
        }
        assertTrue(midLine > 0 && midCharacter > 0, "drops fell mid-line and mid-character: " + scenarios.values());
        String childLog = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(childLog.contains("Registered loader: PluginClassLoader{pluginLocation=file:" + pluginPath.toAbsolutePath())
                && childLog.contains("Instantiated task kill-0"),
                "the child worker ran the connector from its plugin path; see " + log);
    }

    /**
     * Three streams over two tasks: "ok" and "done" share a task, "denied" has its own. The 401
     * fails its task with the status and the server's reason; the 204 ends "done" without a
     * reconnect, and "ok" goes on in the same task to its last event.
     */
    @Test
    void unauthorizedStreamFailsItsTaskAloneAndNoContentEndsOnlyItsStream() throws Exception {
        int events = 60;
        ResumableScenario ok = ResumableScenario.newBuilder(events).seed(3).dropProbability(0.5).retry(Duration.ofMillis(1))
                .maxEventsPerConnection(20).build();
        AtomicInteger doneRequests = new AtomicInteger();
        routes.put("/fail/ok", ok);
        routes.put("/fail/done", request -> {
            doneRequests.incrementAndGet();
            return MockResponse.newBuilder().status(204).removeHeader("Content-Type").build();
        });
        routes.put("/fail/denied", request -> MockResponse.newBuilder().status(401).contentType("application/json")
                .raw("{\"error\":\"bad token\"}").build());
        broker.createTopics("fail");
        Map<String, String> config = connectorConfig(List.of("ok", "done", "denied"), "/fail/", "fail");
        config.put("tasks.max", "2");
        worker.putConnector("fail", config);

        ConnectorStateInfo status = worker.awaitStatus("fail",
                s -> s.tasks().size() == 2 && task(s, 1).state().equals("FAILED"), WAIT, "the 401 task to fail");
        String trace = task(status, 1).trace();
        assertTrue(trace.contains("stream 'denied' (GET " + server.url("/fail/denied") + ") failed")
                && trace.contains("got 401 application/json") && trace.contains("bad token"), trace);

        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> reader = broker.committedReader(List.of("fail"))) {
            TestBroker.readUntil(reader, records, r -> r.size() >= events, WAIT, "every event of the open stream");
        }
        ok.awaitCompletion(WAIT);
        assertEquals(ok.events().stream().map(ServerSentEvent::data).collect(Collectors.toList()),
                records.stream().map(ConsumerRecord::value).collect(Collectors.toList()));
        assertEquals(Set.of("ok"), records.stream().map(r -> header(r, SseSourceTask.HEADER_STREAM)).collect(Collectors.toSet()));
        status = worker.herder().connectorStatus("fail");
        assertEquals("RUNNING", task(status, 0).state(), status.toString());
        assertEquals("FAILED", task(status, 1).state(), status.toString());
        assertEquals(1, doneRequests.get(), "a 204 is not retried");
    }

    /**
     * Unzips the plugin archive that {@code mvn package} built into a new plugin path, checking
     * its layout on the way: one directory with the manifest, the example configuration, the
     * guide, and in {@code lib/} the connector and sse4j-core, nothing of Kafka's.
     */
    private static Path installPluginArchive() throws java.io.IOException {
        Path archive = Path.of(System.getProperty("sse4j.plugin.archive", "archive not set"));
        assertTrue(Files.isRegularFile(archive), "run by failsafe after package: " + archive);
        Path pluginPath = Files.createTempDirectory(Path.of("target"), "plugin-path");
        List<String> entries = unzip(archive, pluginPath);
        String top = entries.get(0).substring(0, entries.get(0).indexOf('/') + 1);
        assertTrue(entries.stream().allMatch(e -> e.startsWith(top)), "one top directory: " + entries);
        assertTrue(entries.contains(top + "manifest.json"), entries.toString());
        assertTrue(entries.contains(top + "etc/sse-source.properties"), entries.toString());
        assertTrue(entries.contains(top + "doc/kafka-connect.md"), entries.toString());
        List<String> jars = entries.stream().filter(e -> e.startsWith(top + "lib/")).map(e -> e.substring(top.length() + 4))
                .filter(e -> !e.isEmpty()).sorted().collect(Collectors.toList());
        assertEquals(2, jars.size(), "the connector and sse4j-core, no Kafka jar: " + jars);
        assertTrue(jars.get(0).startsWith("sse4j-core-") && jars.get(1).startsWith("sse4j-kafka-connect-"), jars.toString());
        return pluginPath;
    }

    /** This module's classes or jar, or sse4j-core's: what the plugin archive must bring itself. */
    private static boolean isConnectorOrCore(String classpathEntry) {
        String entry = classpathEntry.replace(File.separatorChar, '/');
        return (entry.contains("sse4j-kafka-connect/target/") && !entry.endsWith("test-classes"))
                || entry.contains("sse4j-core");
    }

    private static List<String> unzip(Path archive, Path into) throws java.io.IOException {
        List<String> names = new ArrayList<>();
        try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(Files.newInputStream(archive))) {
            for (java.util.zip.ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                names.add(entry.getName());
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new java.io.IOException("entry outside the archive's directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target);
                }
            }
        }
        return names;
    }

    /**
     * The quickstart: a standalone worker with the example configuration that the plugin ships
     * (its URL pointed at this test's stream) writes the stream's events, with their IDs as keys.
     */
    @Test
    void theQuickstartConfigurationRunsInAStandaloneWorker() throws Exception {
        int events = 40;
        ResumableScenario scenario = ResumableScenario.newBuilder(events).seed(9).dropProbability(0.5)
                .retry(Duration.ofMillis(1)).build();
        routes.put("/quickstart/events", scenario);
        java.util.Properties example = new java.util.Properties();
        try (java.io.InputStream in = Files.newInputStream(Path.of("src", "main", "plugin", "etc", "sse-source.properties"))) {
            example.load(in);
        }
        Map<String, String> config = new HashMap<>();
        example.stringPropertyNames().forEach(key -> config.put(key, example.getProperty(key)));
        config.put("stream.local.url", server.url("/quickstart/events").toString());
        config.put("reconnect.backoff.max.ms", "300");
        broker.createTopics(config.get("topic"));

        Map<String, String> workerProps = new HashMap<>();
        workerProps.put("bootstrap.servers", broker.bootstrapServers());
        workerProps.put("offset.storage.file.filename", Files.createTempFile(Path.of("target"), "standalone", ".offsets").toString());
        workerProps.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        workerProps.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        workerProps.put("listeners", "http://127.0.0.1:0");
        workerProps.put("plugin.discovery", "service_load");
        workerProps.put("offset.flush.interval.ms", "500");
        org.apache.kafka.connect.runtime.Connect<?> standalone =
                new org.apache.kafka.connect.cli.ConnectStandalone().startConnect(workerProps);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> reader = broker.committedReader(List.of(config.get("topic")))) {
            org.apache.kafka.connect.util.FutureCallback<org.apache.kafka.connect.runtime.Herder.Created<
                    org.apache.kafka.connect.runtime.rest.entities.ConnectorInfo>> created =
                    new org.apache.kafka.connect.util.FutureCallback<>();
            standalone.herder().putConnectorConfig(config.get("name"), config, false, created);
            created.get(60, java.util.concurrent.TimeUnit.SECONDS);
            TestBroker.readUntil(reader, records, r -> r.size() >= events, WAIT, "the quickstart's events");
        } finally {
            standalone.stop();
        }
        assertEquals(scenario.events().stream().map(ServerSentEvent::data).collect(Collectors.toList()),
                records.stream().map(ConsumerRecord::value).collect(Collectors.toList()),
                "the example's StringConverter, not the worker's JsonConverter, wrote the values");
        assertEquals("1", records.get(0).key());
    }

    /**
     * Connect's REST offsets API, as an operator uses it: GET shows each stream's last event ID;
     * with the connector stopped, PATCH moves a stream (its partition written URL first, as an
     * operator may: Connect reorders it) and the task resumes there; a PATCH of another shape is
     * refused with the reason; DELETE resets every stream to its configured start.
     */
    @Test
    void offsetsAreReadAlteredAndResetThroughTheRestApi() throws Exception {
        ConnectRest rest = worker.rest();
        CountingStream get = new CountingStream(3);
        CountingStream post = new CountingStream(3);
        routes.put("/offsets/get", get::apply);
        routes.put("/offsets/post", post::apply);
        broker.createTopics("offsets");
        String getUrl = server.url("/offsets/get").toString();
        String postUrl = server.url("/offsets/post").toString();
        Map<String, String> config = connectorConfig(List.of("get", "post"), "/offsets/", "offsets");
        config.put("stream.get.last.event.id", "100");
        config.put("stream.post.method", "POST");
        config.put("stream.post.body", "{\"q\":1}");
        config.put("name", "offsets");
        rest.ok("PUT", "/connectors/offsets/config", config);
        assertEquals("100", get.nextRequestId(WAIT), "no offset yet: the configured last.event.id");
        assertEquals("", post.nextRequestId(WAIT));

        ConnectRest.Response shown = rest.awaitOffsets("offsets",
                o -> "103".equals(o.get(getUrl)) && "3".equals(o.get(postUrl)), WAIT, "each stream's last ID");
        System.out.println("GET /connectors/offsets/offsets after the first events:\n" + shown.body());
        for (com.fasterxml.jackson.databind.JsonNode entry : shown.json().get("offsets")) {
            List<String> keys = new ArrayList<>();
            entry.get("partition").fieldNames().forEachRemaining(keys::add);
            assertEquals(entry.get("partition").get("url").asText().equals(postUrl)
                    ? List.of("method", "body_sha256", "url") : List.of("method", "url"), keys, shown.body());
        }

        rest.ok("PUT", "/connectors/offsets/stop", null);
        rest.awaitConnectorState("offsets", "STOPPED", WAIT);
        ConnectRest.Response refused = rest.send("PATCH", "/connectors/offsets/offsets",
                "{\"offsets\":[{\"partition\":{\"url\":\"" + getUrl + "\",\"method\":\"GET\"},"
                        + "\"offset\":{\"last_event_id\":5}}]}");
        String why = refused.json().path("message").asText();
        assertTrue(refused.status() >= 400 && why.contains("\"last_event_id\" is 5 (") && why.contains("not a string"),
                refused.status() + " " + refused.body());
        ConnectRest.Response patched = rest.ok("PATCH", "/connectors/offsets/offsets",
                "{\"offsets\":[{\"partition\":{\"url\":\"" + getUrl + "\",\"method\":\"GET\"},"
                        + "\"offset\":{\"last_event_id\":\"5\"}}]}");
        assertTrue(patched.body().contains("altered successfully"), patched.body());
        assertEquals(Map.of(getUrl, "5", postUrl, "3"), rest.offsetsByUrl("offsets"));

        rest.ok("PUT", "/connectors/offsets/resume", null);
        assertEquals("5", get.nextRequestId(WAIT), "resumed from the PATCHed ID");
        assertEquals("3", post.nextRequestId(WAIT), "resumed from its committed ID");
        rest.awaitOffsets("offsets", o -> "8".equals(o.get(getUrl)) && "6".equals(o.get(postUrl)), WAIT,
                "the events after the PATCHed ID");

        rest.ok("PUT", "/connectors/offsets/stop", null);
        rest.awaitConnectorState("offsets", "STOPPED", WAIT);
        ConnectRest.Response reset = rest.ok("DELETE", "/connectors/offsets/offsets", null);
        assertTrue(reset.body().contains("reset successfully"), reset.body());
        assertEquals(Map.of(), rest.offsetsByUrl("offsets"));
        rest.ok("PUT", "/connectors/offsets/resume", null);
        assertEquals("100", get.nextRequestId(WAIT), "after DELETE: the configured last.event.id");
        assertEquals("", post.nextRequestId(WAIT), "after DELETE: from the start");
        rest.awaitOffsets("offsets", o -> "103".equals(o.get(getUrl)) && "3".equals(o.get(postUrl)), WAIT,
                "the offsets committed again");
        rest.ok("DELETE", "/connectors/offsets", null);
    }

    /**
     * An offsets topic that earlier builds wrote, URL first: the task resumes from those
     * offsets; where the same partition is also stored in Connect's order, that newer one wins.
     * Once the task has committed, GET shows the streams' IDs.
     */
    @Test
    void offsetsStoredUrlFirstByEarlierBuildsAreStillRead() throws Exception {
        ConnectRest rest = worker.rest();
        CountingStream old = new CountingStream(3);
        CountingStream both = new CountingStream(3);
        routes.put("/legacy/old", old::apply);
        routes.put("/legacy/both", both::apply);
        broker.createTopics("legacy");
        String oldUrl = server.url("/legacy/old").toString();
        String bothUrl = server.url("/legacy/both").toString();
        org.apache.kafka.connect.json.JsonConverter converter = new org.apache.kafka.connect.json.JsonConverter();
        converter.configure(Map.of("schemas.enable", "false"), true);
        // What a worker wrote for the first builds' tasks: [connector, partition] with the URL first.
        for (String url : List.of(oldUrl, bothUrl)) {
            Map<String, String> urlFirst = new LinkedHashMap<>();
            urlFirst.put("url", url);
            urlFirst.put("method", "GET");
            broker.produce("main-offsets", converter.fromConnectData("", null, List.of("legacy", urlFirst)),
                    "{\"last_event_id\":\"20000\"}".getBytes(StandardCharsets.UTF_8));
        }
        Map<String, String> connectsOrder = new LinkedHashMap<>();
        connectsOrder.put("method", "GET");
        connectsOrder.put("url", bothUrl);
        broker.produce("main-offsets", converter.fromConnectData("", null, List.of("legacy", connectsOrder)),
                "{\"last_event_id\":\"20100\"}".getBytes(StandardCharsets.UTF_8));

        Map<String, String> config = connectorConfig(List.of("old", "both"), "/legacy/", "legacy");
        config.put("name", "legacy");
        rest.ok("PUT", "/connectors/legacy/config", config);
        assertEquals("20000", old.nextRequestId(WAIT), "the URL-first offset is read");
        assertEquals("20100", both.nextRequestId(WAIT), "Connect's order wins over the URL-first one");
        ConnectRest.Response shown = rest.awaitOffsets("legacy",
                o -> "20003".equals(o.get(oldUrl)) && "20103".equals(o.get(bothUrl)), WAIT, "the streams' new IDs");
        System.out.println("GET /connectors/legacy/offsets after resuming from URL-first offsets:\n" + shown.body());
        rest.ok("DELETE", "/connectors/legacy", null);
    }

    /**
     * The connector logs into the worker's log (log4j, driven by Connect) under
     * io.sse4j.kafka.connect, with the connector and task context on each line, also for the
     * reconnect decisions made on the event source's threads rather than the task's: a 503 at
     * WARN, the server ending the stream at INFO. {@code PUT /admin/loggers/io.sse4j.kafka.connect}
     * raises them to DEBUG at run time, which shows each connection attempt.
     */
    @Test
    void reconnectsAreLoggedInTheWorkersLogWithTheTasksContext() throws Exception {
        ConnectRest rest = worker.rest();
        AtomicInteger requests = new AtomicInteger();
        routes.put("/logged/flaky", request -> {
            if (requests.incrementAndGet() == 1) {
                return MockResponse.newBuilder().status(503).contentType("text/plain").header("Retry-After", "0")
                        .raw("busy").build();
            }
            // One event, then the end of the stream: the source reconnects after retry:.
            long id = request.lastEventId().isEmpty() ? 1 : Long.parseLong(request.lastEventId()) + 1;
            return MockResponse.newBuilder().retry(Duration.ofMillis(100))
                    .event(ServerSentEvent.of("message", "event " + id, String.valueOf(id))).build();
        });
        broker.createTopics("logged");
        Map<String, String> config = connectorConfig(List.of("flaky"), "/logged/", "logged");
        config.put("name", "logged");
        String stream = "[logged|task-0] stream 'flaky' (GET " + server.url("/logged/flaky") + ")";
        String logger = "(" + SseSourceTask.class.getName() + ")";
        try {
            rest.ok("PUT", "/connectors/logged/config", config);
            List<String> lines = awaitLog(l -> l.stream().filter(line -> line.contains("INFO " + stream
                    + ": the server ended the stream; reconnecting in")).count() >= 2, "two clean ends logged");
            String failure = lines.stream().filter(line -> line.contains("WARN " + stream + ": ")).findFirst()
                    .orElseThrow(() -> new AssertionError("no WARN for the 503 in " + lines));
            assertTrue(failure.contains("got 503 text/plain") && failure.contains("reconnecting in")
                    && failure.contains("(failure 1 in a row, the server asked for 0 ms), from its start")
                    && failure.contains(logger), failure);
            assertFalse(failure.endsWith("[task-thread-logged-0]"), "logged on the source's thread: " + failure);
            assertTrue(lines.stream().anyMatch(line -> line.contains("INFO [logged|task-0] reading stream 'flaky' (GET "
                    + server.url("/logged/flaky") + ") from its start (no offset committed, no last.event.id) " + logger
                    + " [task-thread-logged-0]")), lines.toString());
            assertEquals(List.of(), lines.stream().filter(line -> line.contains("connection attempt")).collect(Collectors.toList()),
                    "DEBUG is off until raised");

            ConnectRest.Response raised = rest.ok("PUT", "/admin/loggers/io.sse4j.kafka.connect", Map.of("level", "DEBUG"));
            assertTrue(raised.body().contains(SseSourceTask.class.getName()), raised.body());
            assertEquals("DEBUG", rest.ok("GET", "/admin/loggers/io.sse4j.kafka.connect", null).json().get("level").asText());
            List<String> debug = awaitLog(l -> l.stream().anyMatch(line -> line.contains("DEBUG " + stream
                    + ": connection attempt ")), "a connection attempt at DEBUG");
            System.out.println("The connector's lines in the worker's log:\n" + debug.stream()
                    .filter(line -> line.contains("'flaky'")).limit(8).collect(Collectors.joining("\n")));
        } finally {
            rest.send("PUT", "/admin/loggers/io.sse4j.kafka.connect", Map.of("level", "INFO"));
            rest.send("DELETE", "/connectors/logged", null);
        }
    }

    /**
     * Reads the worker's log (target/kafka-test.log) every 100 ms until {@code done} holds for
     * its lines about the connector "logged"; returns those lines, or fails after {@link #WAIT}.
     */
    private static List<String> awaitLog(java.util.function.Predicate<List<String>> done, String what) throws Exception {
        Path log = Path.of(System.getProperty("sse4j.test.log", "sse4j.test.log not set"));
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .filter(line -> line.contains("[logged|")).collect(Collectors.toList());
            if (done.test(lines)) {
                return lines;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + WAIT + " waiting for " + what + " in " + log + "; lines: "
                        + lines);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    /** Validation through the worker names the setting and what is wrong with it. */
    @Test
    void workerValidationNamesEachProblem() throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", SseSourceConnector.class.getName());
        config.put("name", "invalid");
        config.put("streams", "feed");
        config.put("topic", "events.${type}");
        config.put("stream.feed.url", "ftp://example.com/events");
        config.put("stream.feed.header.Bad Name", "x");
        config.put("stream.feed.secret.header.Authorization", "Bearer secret\r\nInjected: 1");
        ConfigInfos infos = worker.validate(config);
        Map<String, List<String>> errors = new HashMap<>();
        Map<String, String> values = new HashMap<>();
        infos.configs().forEach(info -> {
            if (info.configValue() != null && !info.configValue().errors().isEmpty()) {
                errors.put(info.configValue().name(), info.configValue().errors());
                values.put(info.configValue().name(), info.configValue().value());
            }
        });
        assertEquals(Set.of("topic", "stream.feed.url", "stream.feed.header.Bad Name",
                "stream.feed.secret.header.Authorization"), errors.keySet(), errors.toString());
        assertEquals(4, infos.errorCount());
        assertTrue(errors.get("topic").get(0).contains("unknown placeholder ${type}"), errors.toString());
        assertTrue(errors.get("stream.feed.url").get(0).contains("not an http:// or https:// URL"), errors.toString());
        assertFalse(infos.toString().contains("Bearer"), "a secret header's value is never shown: " + infos);
        assertEquals(null, values.get("stream.feed.secret.header.Authorization"));
    }

    private static Map<String, String> connectorConfig(Iterable<String> streams, String pathPrefix, String topic) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", SseSourceConnector.class.getName());
        config.put("streams", String.join(",", streams));
        for (String stream : streams) {
            config.put("stream." + stream + ".url", server.url(pathPrefix + stream).toString());
        }
        config.put("topic", topic);
        config.put("poll.timeout.ms", "200");
        // A window of one event is cut before its end most of the time, and each failure without
        // progress doubles the backoff: cap it, so that the last event comes soon.
        config.put("reconnect.backoff.max.ms", "300");
        return config;
    }

    private static ConnectorStateInfo.TaskState task(ConnectorStateInfo status, int id) {
        return status.tasks().stream().filter(t -> t.id() == id).findFirst()
                .orElseThrow(() -> new AssertionError("no task " + id + ": " + status));
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Map<String, Integer> highestIdPerStream(List<ConsumerRecord<String, String>> records) {
        Map<String, Integer> highest = new HashMap<>();
        for (ConsumerRecord<String, String> r : records) {
            highest.merge(header(r, SseSourceTask.HEADER_STREAM), Integer.parseInt(header(r, SseSourceTask.HEADER_ID)),
                    Math::max);
        }
        return highest;
    }

    private static boolean lastIdsReached(List<ConsumerRecord<String, String>> records, Set<String> streams, int events) {
        Map<String, Integer> highest = highestIdPerStream(records);
        return streams.stream().allMatch(s -> highest.getOrDefault(s, 0) == events);
    }

    private static List<ConsumerRecord<String, String>> toList(Iterable<ConsumerRecord<String, String>> records) {
        List<ConsumerRecord<String, String>> list = new ArrayList<>();
        records.forEach(list::add);
        return list;
    }
}
