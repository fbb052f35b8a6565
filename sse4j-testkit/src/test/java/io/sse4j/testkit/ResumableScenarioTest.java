package io.sse4j.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sse4j.ServerSentEvent;
import io.sse4j.SseParser;
import io.sse4j.SseReader;
import io.sse4j.testkit.ResumableScenario.Cut;
import io.sse4j.testkit.ResumableScenario.LineEnding;
import io.sse4j.testkit.ResumableScenario.Outcome;
import io.sse4j.testkit.ResumableScenario.Served;
import io.sse4j.testkit.ResumingClient.Exchange;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The resumable scenario against a raw-socket client that resumes with Last-Event-ID over loopback. */
class ResumableScenarioTest {

    private static final Duration TIMEOUT = RawClient.TIMEOUT;

    private MockSseServer server;

    @BeforeEach
    void start() throws Exception {
        server = MockSseServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ResumingClient client(ResumableScenario scenario) {
        server.setDispatcher(scenario);
        return new ResumingClient(server, "/events");
    }

    // ---- resuming ----

    @Test
    void everyEventArrivesOnceInOrderThenNoContent() throws Exception {
        ResumableScenario scenario = ResumableScenario.newBuilder(300).seed(1).build();
        ResumingClient client = client(scenario).runToCompletion(10_000);

        scenario.awaitCompletion(TIMEOUT);
        assertEquals(scenario.events(), client.events());
        assertEquals(0, client.last().body().length);
        assertTrue(client.last().hasHeader("Connection: close"), client.last().head());
        assertEquals(1, scenario.count(Outcome.NO_CONTENT));
        assertTrue(scenario.drops() > 30, scenario.toString());

        // Each request resumed exactly where the previous answer left off, and the client got what
        // the scenario says it sent: all bytes (FIN) and that many complete events.
        List<Served> served = scenario.served();
        List<Exchange> exchanges = client.exchanges();
        assertEquals(exchanges.size(), served.size());
        for (int i = 0; i < served.size(); i++) {
            Served answer = served.get(i);
            assertEquals(exchanges.get(i).sentLastEventId(), answer.lastEventId());
            assertEquals(i, answer.connection());
            if (i > 0) {
                assertEquals(served.get(i - 1).nextLastEventId(), answer.lastEventId());
            }
            if (answer.outcome() == Outcome.DROPPED) {
                assertEquals(answer.bodyBytes(), exchanges.get(i).body().length, answer.toString());
                assertEquals(answer.completeEvents(), exchanges.get(i).events().size(), answer.toString());
            }
        }
    }

    @Test
    void aThousandDropsOverLoopbackLoseAndRepeatNothing() throws Exception {
        ResumableScenario scenario = ResumableScenario.newBuilder(2_000).seed(1).maxEventsPerConnection(4).build();
        ResumingClient client = client(scenario).runToCompletion(10_000);

        assertTrue(scenario.drops() >= 1_000, scenario.toString());
        assertEquals(scenario.events(), client.events());
        assertEquals(scenario.requests(), server.connectionCount());
    }

    @Test
    void resetsLoseAndRepeatNothingEither() throws Exception {
        ResumableScenario scenario = ResumableScenario.newBuilder(300).seed(2).maxEventsPerConnection(4)
                .resetProbability(0.5).build();
        ResumingClient client = client(scenario).runToCompletion(10_000);

        assertEquals(scenario.events(), client.events());
        assertTrue(scenario.resets() > 50 && scenario.resets() < scenario.drops(), scenario.toString());
        assertTrue(client.exchanges().stream().anyMatch(Exchange::reset), "the client never saw a reset");
        List<Served> served = scenario.served();
        for (int i = 0; i < served.size(); i++) {
            if (client.exchanges().get(i).reset()) {
                assertTrue(served.get(i).reset(), "only drops planned as resets reset: " + served.get(i));
            }
        }
    }

    @Test
    void aRequestWithoutLastEventIdStartsAtOneAndOneWithIdKAtKPlusOne() throws Exception {
        ResumableScenario scenario = ResumableScenario.newBuilder(10).maxEventsPerConnection(3).dropProbability(0).build();
        server.setDispatcher(scenario);

        assertEquals(List.of(1, 2, 3), ids(get(null)));
        assertEquals(List.of(1, 2, 3), ids(get("")));
        assertEquals(List.of(5, 6, 7), ids(get("4")));
        assertEquals(List.of(10), ids(get("9")));
        assertEquals(List.of(Outcome.STREAMED, Outcome.STREAMED, Outcome.STREAMED, Outcome.STREAMED),
                scenario.served().stream().map(Served::outcome).collect(Collectors.toList()));
        assertEquals(List.of("3", "3", "7", "10"),
                scenario.served().stream().map(Served::nextLastEventId).collect(Collectors.toList()));
    }

    @Test
    void theLastEventsIdGetsNoContent() throws Exception {
        ResumableScenario scenario = ResumableScenario.newBuilder(10).build();
        server.setDispatcher(scenario);

        assertEquals("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n", get("10"));
        scenario.awaitCompletion(TIMEOUT);
        assertEquals(List.of(new Served(0, "10", Outcome.NO_CONTENT, 0, 0, 0, Optional.empty(), false)),
                scenario.served());
    }

    @Test
    void anIdNeverSentIsABadRequest() throws Exception {
        ResumableScenario scenario = ResumableScenario.newBuilder(10).build();
        server.setDispatcher(scenario);

        for (String id : List.of("0", "01", "11", "-1", "abc", "1.0", "99999999999", "\u0661")) {
            String response = get(id);
            assertTrue(response.startsWith("HTTP/1.1 400 Bad Request\r\n"), response);
            assertTrue(response.endsWith("resumable scenario: Last-Event-ID \"" + id
                    + "\" was never sent; the IDs are \"1\" to \"10\"\n"), response);
        }
        assertEquals(8, scenario.count(Outcome.BAD_REQUEST));
        assertEquals(8, scenario.requests());
    }

    // ---- what goes on the wire ----

    @ParameterizedTest
    @EnumSource(LineEnding.class)
    void linesEndAsAskedAndParseToTheEvents(LineEnding ending) throws Exception {
        ResumableScenario scenario = ResumableScenario.newBuilder(6).lineEnding(ending).maxEventsPerConnection(6)
                .dropProbability(0).build();
        byte[] body = client(scenario).connectOnce().body();
        String text = new String(body, StandardCharsets.UTF_8);

        assertEquals(scenario.events(), parse(body));
        int crlf = count(text, "\r\n");
        int cr = count(text, "\r");
        int lf = count(text, "\n");
        switch (ending) {
            case LF:
                assertTrue(cr == 0 && lf > 0, text);
                break;
            case CRLF:
                assertTrue(crlf > 0 && cr == crlf && lf == crlf, text);
                break;
            case CR:
                assertTrue(cr > 0 && lf == 0, text);
                break;
            case MIXED:
                assertTrue(crlf > 0 && cr > crlf && lf > crlf, text);
                break;
            default:
                throw new AssertionError(ending);
        }
        for (int number = 1; number <= 6; number++) {
            assertTrue(text.contains("id: " + number), text);
        }
    }

    @Test
    void theDefaultDataHasCharactersOfTwoThreeAndFourBytes() {
        ServerSentEvent event = ResumableScenario.newBuilder(7).build().event(7);
        assertEquals(ServerSentEvent.of("message", "7: caf\u00e9 costs 3 \u20ac \ud83d\ude00\nsecond line of 7", "7"),
                event);
        assertEquals(List.of(2, 3, 4), Arrays.stream(new String[] {"\u00e9", "\u20ac", "\ud83d\ude00"})
                .map(s -> s.getBytes(StandardCharsets.UTF_8).length).collect(Collectors.toList()));
    }

    @Test
    void customDataIsSentAndReadBackWithLineBreaksAsLf() throws Exception {
        ResumableScenario scenario = ResumableScenario.newBuilder(2).data(n -> "a" + n + "\r\nb\rc")
                .dropProbability(0).build();
        ResumingClient client = client(scenario).runToCompletion(10);

        assertEquals(List.of(ServerSentEvent.of("message", "a1\nb\nc", "1"), ServerSentEvent.of("message", "a2\nb\nc", "2")),
                client.events());
        assertEquals(scenario.events(), client.events());
    }

    @Test
    void aRetryLineStartsEveryStream() throws Exception {
        ResumableScenario scenario = ResumableScenario.newBuilder(3).retry(Duration.ofMillis(5))
                .lineEnding(LineEnding.LF).maxEventsPerConnection(1).dropProbability(0).build();
        ResumingClient client = client(scenario);

        for (int number = 1; number <= 3; number++) {
            String body = new String(client.connectOnce().body(), StandardCharsets.UTF_8);
            assertTrue(body.startsWith("retry: 5\nid: " + number + "\ndata: "), body);
        }
        List<Duration> retries = new ArrayList<>();
        SseParser parser = SseParser.of(new SseParser.Handler() {
            @Override
            public void onEvent(ServerSentEvent event) {
            }

            @Override
            public void onRetry(Duration reconnectionTime) {
                retries.add(reconnectionTime);
            }
        });
        parser.feed(client.last().body());
        assertEquals(List.of(Duration.ofMillis(5)), retries);
    }

    @Test
    void chunkedEncodingCutsInsideTheChunk() throws Exception {
        ResumableScenario scenario = ResumableScenario.newBuilder(4).chunkedEncoding().dropProbability(0).build();
        server.setDispatcher(scenario);
        scenario.planDrop(Cut.MID_LINE);

        String dropped = get(null);
        Served cut = scenario.served().get(0);
        String head = dropped.substring(0, dropped.indexOf("\r\n\r\n") + 4);
        String chunk = dropped.substring(head.length());
        assertTrue(head.contains("\r\nTransfer-Encoding: chunked\r\n"), head);
        int sizeLine = chunk.indexOf("\r\n");
        int size = Integer.parseInt(chunk.substring(0, sizeLine), 16);
        // A cut mid-line falls between characters, so the text has the bytes sent.
        assertEquals(cut.bodyBytes(), chunk.substring(sizeLine + 2).getBytes(StandardCharsets.UTF_8).length, chunk);
        assertTrue(cut.bodyBytes() < size, chunk);
        assertEquals(Optional.of(Cut.MID_LINE), cut.cut());

        String whole = get(null);
        assertTrue(whole.endsWith("\r\n0\r\n\r\n"), whole);
        assertEquals(Outcome.STREAMED, scenario.served().get(1).outcome());
    }

    // ---- cuts ----

    @Test
    void aSeededRunCutsAtEveryKindOfPlaceAndSaysWhichTruly() throws Exception {
        ResumableScenario scenario = ResumableScenario.newBuilder(400).seed(3).maxEventsPerConnection(4).build();
        ResumingClient client = client(scenario).runToCompletion(10_000);

        for (Cut kind : Cut.values()) {
            assertTrue(scenario.drops(kind) >= 20, kind + ": " + scenario);
        }
        assertEquals(scenario.drops(), Arrays.stream(Cut.values()).mapToInt(scenario::drops).sum());

        // Check each drop against the whole body the same request gets when nothing is dropped.
        ResumableScenario reference = ResumableScenario.newBuilder(400).maxEventsPerConnection(4)
                .dropProbability(0).build();
        Map<String, byte[]> wholeBodies = new HashMap<>();
        try (MockSseServer referenceServer = MockSseServer.start()) {
            referenceServer.setDispatcher(reference);
            List<Served> served = scenario.served();
            for (int i = 0; i < served.size(); i++) {
                Served answer = served.get(i);
                if (answer.outcome() != Outcome.DROPPED) {
                    continue;
                }
                byte[] whole = wholeBodies.computeIfAbsent(answer.lastEventId(), id -> wholeBody(referenceServer, id));
                Exchange exchange = client.exchanges().get(i);
                byte[] received = exchange.body();
                assertArrayEquals(Arrays.copyOf(whole, received.length), received, "a prefix of the whole body");
                assertEquals(answer.cut().orElseThrow(), classify(whole, received.length, exchange.endedCleanly()),
                        answer.toString());
            }
        }
    }

    /** Classifies a cut from the bytes alone, and the parser's view of whether a block was pending. */
    private static Cut classify(byte[] whole, int offset, boolean parserEndedCleanly) {
        if (offset == 0 || offset == whole.length) {
            return Cut.BETWEEN_EVENTS;
        }
        byte before = whole[offset - 1];
        byte at = whole[offset];
        if (before == '\r' && at == '\n') {
            return Cut.BETWEEN_CR_AND_LF;
        }
        if ((at & 0xC0) == 0x80) {
            return Cut.MID_CHARACTER;
        }
        if (before == '\r' || before == '\n') {
            return parserEndedCleanly ? Cut.BETWEEN_EVENTS : Cut.BETWEEN_LINES;
        }
        return Cut.MID_LINE;
    }

    private static byte[] wholeBody(MockSseServer server, String lastEventId) {
        try (RawClient raw = new RawClient(server)) {
            raw.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + (lastEventId.isEmpty() ? "" : "Last-Event-ID: " + lastEventId + "\r\n") + "\r\n");
            raw.readHead();
            return raw.readToEnd();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest
    @EnumSource(value = LineEnding.class, names = {"LF", "CR"})
    void withoutCrlfNoCutFallsBetweenCrAndLf(LineEnding ending) throws Exception {
        ResumableScenario scenario = ResumableScenario.newBuilder(100).seed(4).lineEnding(ending).build();
        client(scenario).runToCompletion(10_000);

        assertEquals(0, scenario.drops(Cut.BETWEEN_CR_AND_LF), scenario.toString());
        for (Cut kind : EnumSet.complementOf(EnumSet.of(Cut.BETWEEN_CR_AND_LF))) {
            assertTrue(scenario.drops(kind) > 0, kind + ": " + scenario);
        }
    }

    @Test
    void aPlannedDropCutsAtTheKindAskedWithAFinOrAReset() throws Exception {
        ResumableScenario scenario = ResumableScenario.newBuilder(50).lineEnding(LineEnding.CRLF)
                .dropProbability(0).build();
        ResumingClient client = client(scenario);

        scenario.planDrop(Cut.BETWEEN_CR_AND_LF);
        Exchange fin = client.connectOnce();
        Served finServed = scenario.served().get(0);
        assertEquals(Optional.of(Cut.BETWEEN_CR_AND_LF), finServed.cut());
        assertFalse(finServed.reset());
        assertFalse(fin.reset());
        assertEquals('\r', fin.body()[fin.body().length - 1]);

        scenario.planReset(Cut.MID_CHARACTER);
        Exchange reset = client.connectOnce();
        Served resetServed = scenario.served().get(1);
        assertEquals(Optional.of(Cut.MID_CHARACTER), resetServed.cut());
        assertTrue(resetServed.reset());
        assertTrue(reset.reset(), "the client saw a reset");
        assertEquals(1, scenario.resets());

        assertEquals(200, client.connectOnce().status());
        assertEquals(Outcome.STREAMED, scenario.served().get(2).outcome(), "each plan is used once");
    }

    @Test
    void aPlannedDropAtAKindTheBodyLacksCutsElsewhere() throws Exception {
        ResumableScenario scenario = ResumableScenario.newBuilder(5).lineEnding(LineEnding.LF).dropProbability(0).build();
        server.setDispatcher(scenario);
        scenario.planDrop(Cut.BETWEEN_CR_AND_LF);

        get(null);

        Served served = scenario.served().get(0);
        assertEquals(Outcome.DROPPED, served.outcome());
        assertNotEquals(Optional.of(Cut.BETWEEN_CR_AND_LF), served.cut());
    }

    // ---- 503 and stalls ----

    @Test
    void plannedUnavailableAnswers503WithRetryAfterSeconds() throws Exception {
        ResumableScenario scenario = ResumableScenario.newBuilder(4).maxEventsPerConnection(2).dropProbability(0).build();
        ResumingClient client = client(scenario);
        client.connectOnce();
        scenario.planUnavailable(2, Duration.ofSeconds(7));

        client.runToCompletion(10);

        List<Exchange> exchanges = client.exchanges();
        assertEquals(List.of(200, 503, 503, 200, 204),
                exchanges.stream().map(Exchange::status).collect(Collectors.toList()));
        for (Exchange unavailable : exchanges.subList(1, 3)) {
            assertTrue(unavailable.hasHeader("Retry-After: 7"), unavailable.head());
            assertEquals("2", unavailable.sentLastEventId());
        }
        assertEquals(2, scenario.count(Outcome.UNAVAILABLE));
        assertEquals(scenario.events(), client.events());
    }

    @Test
    void plannedUnavailableCanGiveAnHttpDate() throws Exception {
        ResumableScenario scenario = ResumableScenario.newBuilder(4).build();
        server.setDispatcher(scenario);
        scenario.planUnavailable(1, Instant.parse("2030-01-02T03:04:05.678Z"));

        String response = get("4");

        assertTrue(response.startsWith("HTTP/1.1 503 Service Unavailable\r\n"), response);
        assertTrue(response.contains("\r\nRetry-After: Wed, 02 Jan 2030 03:04:05 GMT\r\n"), response);
        assertEquals("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n", get("4"), "a 503 comes before all else");
    }

    @Test
    void aPlannedStallHoldsTheConnectionUntilTheClientCloses() throws Exception {
        ResumableScenario scenario = ResumableScenario.newBuilder(10).build();
        server.setDispatcher(scenario);
        scenario.planStall(2);

        RawClient raw = new RawClient(server);
        raw.get("/events");
        raw.readHead();
        SseReader reader = SseReader.of(raw.input());
        assertEquals(scenario.event(1), reader.read().orElseThrow());
        assertEquals(scenario.event(2), reader.read().orElseThrow());
        scenario.await(Outcome.STALLED, 1, TIMEOUT);
        // Nothing more arrives and the connection stays open; this can only fail, never pass, by luck.
        raw.socket.setSoTimeout(200);
        assertThrows(SocketTimeoutException.class, () -> raw.input().read());
        assertEquals(1, server.openConnections());
        assertEquals(0, server.clientDisconnects());

        raw.close();

        server.awaitClientDisconnects(1, TIMEOUT);
        server.awaitOpenConnections(0, TIMEOUT);
        assertEquals(List.of(new Served(0, "", Outcome.STALLED, 1, 2, scenario.served().get(0).bodyBytes(),
                Optional.empty(), false)), scenario.served());
    }

    @Test
    void plansApplyInOrderAndStreamPlansWaitForAStream() throws Exception {
        ResumableScenario scenario = ResumableScenario.newBuilder(3).dropProbability(0).build();
        server.setDispatcher(scenario);
        scenario.planStall(0);
        scenario.planUnavailable(1, Duration.ZERO);

        assertTrue(get("3").startsWith("HTTP/1.1 204 "));
        assertTrue(get("x").startsWith("HTTP/1.1 400 "));
        RawClient stalled = new RawClient(server).get("/");
        stalled.readHead();
        scenario.await(Outcome.STALLED, 1, TIMEOUT);
        stalled.close();
        String unavailable = get(null);

        assertTrue(unavailable.startsWith("HTTP/1.1 503 ") && unavailable.contains("\r\nRetry-After: 0\r\n"),
                unavailable);
        assertEquals(List.of(Outcome.NO_CONTENT, Outcome.BAD_REQUEST, Outcome.STALLED, Outcome.UNAVAILABLE),
                scenario.served().stream().map(Served::outcome).collect(Collectors.toList()));
    }

    // ---- determinism, waiting, settings ----

    @Test
    void theSameSeedGivesTheSameRun() throws Exception {
        List<Served> first = run(ResumableScenario.newBuilder(200).seed(7));
        List<Served> second = run(ResumableScenario.newBuilder(200).seed(7));
        List<Served> other = run(ResumableScenario.newBuilder(200).seed(8));

        assertEquals(first, second);
        assertNotEquals(first, other);
    }

    private static List<Served> run(ResumableScenario.Builder builder) throws Exception {
        ResumableScenario scenario = builder.build();
        try (MockSseServer fresh = MockSseServer.start()) {
            fresh.setDispatcher(scenario);
            new ResumingClient(fresh, "/").runToCompletion(10_000);
        }
        return scenario.served();
    }

    @Test
    void awaitCompletionTimesOutWithTheSeedAndCounts() throws Exception {
        ResumableScenario scenario = ResumableScenario.newBuilder(5).seed(3).build();
        server.setDispatcher(scenario);
        get("abc");

        TimeoutException e = assertThrows(TimeoutException.class, () -> scenario.awaitCompletion(Duration.ofMillis(20)));

        assertEquals("expected 1 NO_CONTENT within PT0.02S, have 0: ResumableScenario[seed 3, 5 events, MIXED, "
                + "8 per connection; 1 requests: {BAD_REQUEST=1}, cuts {}, 0 resets]", e.getMessage());
        scenario.await(Outcome.BAD_REQUEST, 1, Duration.ZERO);
    }

    @Test
    void aSeedIsDrawnWhenNoneIsSet() {
        Set<Long> seeds = IntStream.range(0, 5).mapToObj(i -> ResumableScenario.newBuilder(1).build().seed())
                .collect(Collectors.toSet());
        assertTrue(seeds.size() > 1, seeds.toString());
    }

    @Test
    void settingsOutOfRangeAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> ResumableScenario.newBuilder(0));
        ResumableScenario.Builder builder = ResumableScenario.newBuilder(1);
        assertThrows(IllegalArgumentException.class, () -> builder.maxEventsPerConnection(0));
        assertThrows(IllegalArgumentException.class, () -> builder.dropProbability(-0.1));
        assertThrows(IllegalArgumentException.class, () -> builder.dropProbability(1.1));
        assertThrows(IllegalArgumentException.class, () -> builder.resetProbability(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> builder.retry(Duration.ofMillis(-1)));
        assertThrows(NullPointerException.class, () -> builder.data(null));
        assertThrows(NullPointerException.class, () -> builder.lineEnding(null));
        ResumableScenario scenario = builder.build();
        assertThrows(IllegalArgumentException.class, () -> scenario.planUnavailable(0, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> scenario.planUnavailable(1, Duration.ofMillis(1500)));
        assertThrows(IllegalArgumentException.class, () -> scenario.planUnavailable(1, Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> scenario.planUnavailable(1, Instant.parse("+10000-01-01T00:00:00Z")));
        assertThrows(IllegalArgumentException.class, () -> scenario.planStall(-1));
        assertThrows(NullPointerException.class, () -> scenario.planDrop(null));
        assertThrows(IllegalArgumentException.class, () -> scenario.await(Outcome.DROPPED, -1, TIMEOUT));
        assertThrows(IndexOutOfBoundsException.class, () -> scenario.event(0));
        assertThrows(IndexOutOfBoundsException.class, () -> scenario.event(2));
    }

    // ---- helpers ----

    /** The whole response to one GET, with this Last-Event-ID (none if null). */
    private String get(String lastEventId) throws IOException {
        try (RawClient raw = new RawClient(server)) {
            raw.send("GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + (lastEventId == null ? "" : "Last-Event-ID: " + lastEventId + "\r\n") + "\r\n");
            return new String(raw.readToEnd(), StandardCharsets.UTF_8);
        }
    }

    private static List<Integer> ids(String response) throws IOException {
        byte[] body = response.substring(response.indexOf("\r\n\r\n") + 4).getBytes(StandardCharsets.UTF_8);
        return parse(body).stream().map(e -> Integer.parseInt(e.lastEventId())).collect(Collectors.toList());
    }

    private static List<ServerSentEvent> parse(byte[] body) throws IOException {
        List<ServerSentEvent> events = new ArrayList<>();
        SseParser parser = SseParser.of(events::add);
        parser.feed(body);
        parser.finish();
        return events;
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
