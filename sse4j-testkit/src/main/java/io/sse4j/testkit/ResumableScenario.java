package io.sse4j.testkit;

import io.sse4j.ServerSentEvent;
import io.sse4j.SseEncoder;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * An event stream that a client must resume to read in full: events numbered 1 to N, served from
 * where the client's {@code Last-Event-ID} says it is, with the connection dropped at random byte
 * offsets (mid-line, inside a multi-byte UTF-8 character, between CR and LF), with
 * {@code 503 Service Unavailable} and {@code Retry-After}, stalls and chosen cuts on demand, and
 * {@code 204 No Content} once the client has every event. It is a {@link MockSseServer}
 * dispatcher:
 *
 * <pre>{@code
 * ResumableScenario scenario = ResumableScenario.newBuilder(1_000).seed(42).build();
 * server.setDispatcher(scenario);
 * // ... run the reconnecting client under test against server.url("/events") ...
 * scenario.awaitCompletion(Duration.ofSeconds(30));
 * assertEquals(scenario.events(), received);             // every event once, in order
 * assertTrue(scenario.drops(Cut.BETWEEN_CR_AND_LF) > 0);  // and the cuts fell where it hurts
 * }</pre>
 *
 * <h2>Events</h2>
 * Event {@code k} has the ID {@code "k"}, the type {@code message}, and the data that
 * {@link Builder#data} gives, by default two lines, {@code "k: café costs 3 € 😀"} and
 * {@code "second line of k"}, so that characters of two, three and four UTF-8 bytes can be cut.
 * It is written as an {@code id} field, one {@code data} field per line and a blank line, each
 * line ended as {@link Builder#lineEnding} says. The bytes of event {@code k} depend only on
 * {@code k} and the settings, so a resumed event is byte for byte the event that was cut.
 * {@link #event(int)} and {@link #events()} give the events as a conforming parser reads them.
 *
 * <h2>Answers</h2>
 * Each request, whatever its method and path, is answered by the first rule that applies:
 * <ol>
 *   <li>If the next {@linkplain #planUnavailable(int, Duration) planned} fault is a 503: {@code
 *       503 Service Unavailable} with {@code Retry-After} and a short plain-text body.</li>
 *   <li>If {@code Last-Event-ID} is present, not empty, and not exactly one of the IDs the
 *       scenario sends, {@code "1"} to {@code "N"}: {@code 400 Bad Request} naming it. A client that
 *       resumes from an ID it was never sent is broken; starting over would hide that under
 *       duplicates, while an {@code EventSource} fails on a 400 without reconnecting, so the test
 *       sees it at once.</li>
 *   <li>If {@code Last-Event-ID} is {@code "N"}: {@code 204 No Content}, which tells an
 *       {@code EventSource} to stop; {@link #awaitCompletion} returns.</li>
 *   <li>Otherwise {@code 200 OK} with {@code Content-Type: text/event-stream} (close-delimited,
 *       or {@linkplain Builder#chunkedEncoding() chunked}), starting with event {@code k+1} for
 *       {@code Last-Event-ID: k}, or event 1 without one. The body is the {@link Builder#retry
 *       retry} line if set, then at most {@link Builder#maxEventsPerConnection} events (a planned
 *       stall's own number instead), and
 *       <ul>
 *         <li>after a {@linkplain #planStall planned stall}'s events, nothing more: the connection
 *             stays open until the client closes it;</li>
 *         <li>with a {@linkplain #planDrop planned cut}, or else with probability
 *             {@link Builder#dropProbability}, the connection is dropped at a random offset of the
 *             body (see below);</li>
 *         <li>otherwise the body is sent in full and the response ends normally.</li>
 *       </ul>
 *   </li>
 * </ol>
 * Plans are used one per request, in the order they were made. A planned stall or cut at the head
 * of the plan waits for the next request answered with an event stream; plans behind it wait too.
 *
 * <h2>Cuts</h2>
 * A drop sends the response head and the first {@code n} bytes of the body, then closes the
 * connection, with a FIN or, with probability {@link Builder#resetProbability} or when
 * {@linkplain #planReset planned}, a TCP reset. {@code n} runs from 0 to the body's length, both
 * included, and is chosen in two steps: first a {@link Cut kind of place}, uniformly among the
 * kinds the body has, then a place of that kind, uniformly. So the rare places (between CR and LF,
 * inside a character) are cut as often as the common ones, and with {@link LineEnding#MIXED} line
 * endings (the default) a few dozen drops almost surely cut every kind. A client has {@code k} complete
 * events once it has the byte that completes the {@code k}-th blank line: its first byte, since a
 * parser dispatches on a CR without waiting for an LF.
 *
 * <p>A client thus makes progress on average (a drop delivers about half the events of its
 * window), so a run ends. With every response dropped, a run of N events takes about 0.3 N drops
 * with the default 8 events per connection, 0.6 N with 4, 1.5 N with 2 and 7 N with 1.
 *
 * <h2>Determinism</h2>
 * All randomness comes from one {@link Random} seeded with {@link Builder#seed} and drawn as each
 * event-stream response is chosen, in the order requests arrive. A client that reconnects one
 * connection at a time and reads every byte sent sees the same run, cut for cut and
 * {@link #served()} for {@link #served()}, for the same seed and settings. Resets may destroy bytes
 * in flight, which changes where the client resumes, and so the rest of the run: a run with
 * {@code resetProbability} above 0 is reproducible only in distribution.
 *
 * <h2>Threads and memory</h2>
 * Thread-safe. The server calls {@link #apply} on its connection threads, possibly concurrently;
 * the plan methods and counters may be used from any thread at any time, and a plan applies to
 * requests that arrive after it. Nothing blocks while choosing an answer. The scenario keeps one
 * small {@link Served} record per request.
 */
public final class ResumableScenario implements Function<RecordedRequest, MockResponse> {

    /** How the lines of the event stream end. */
    public enum LineEnding {
        /** Every line ends with LF. No cut falls between CR and LF. */
        LF,
        /** Every line ends with CRLF. */
        CRLF,
        /** Every line ends with a lone CR. No cut falls between CR and LF. */
        CR,
        /**
         * Lines end with LF, CRLF and CR in turn, so every event has all three; a blank line
         * that a lone CR precedes ends with CRLF or CR, never LF, which would join the CR as one
         * line ending. The default.
         */
        MIXED
    }

    /**
     * The kind of place a drop cuts the body at, as seen by a parser that has the bytes before
     * the cut. Each offset is of exactly one kind; the more specific kinds come last.
     */
    public enum Cut {
        /** At the start of the body, between two events, or after the last one: no partial event. */
        BETWEEN_EVENTS,
        /** After a complete line (its whole line ending) inside an event, or after the retry line. */
        BETWEEN_LINES,
        /** Inside a line, between two characters; includes the place just before a line ending. */
        MID_LINE,
        /** Inside a multi-byte UTF-8 character: the last byte sent is not its last byte. */
        MID_CHARACTER,
        /**
         * After the CR of a CRLF line ending, before its LF. After a blank line's CR, the event is
         * already complete.
         */
        BETWEEN_CR_AND_LF
    }

    /** How the scenario answered a request. */
    public enum Outcome {
        /** {@code 200}: the events of the window in full, then the response ended normally. */
        STREAMED,
        /** {@code 200}: the connection was dropped part way, as {@link Served#cut()} says. */
        DROPPED,
        /** {@code 200}: the planned events, then silence until the client closed. */
        STALLED,
        /** {@code 503} with {@code Retry-After}, as planned. */
        UNAVAILABLE,
        /** {@code 204}: the client had every event. */
        NO_CONTENT,
        /** {@code 400}: the {@code Last-Event-ID} was not one the scenario sends. */
        BAD_REQUEST
    }

    /**
     * What the scenario answered one request, as scripted: the client may have left earlier, and
     * after a reset it may not have received every byte.
     *
     * @param connection     the connection's number, as {@link RecordedRequest#connectionNumber()}
     * @param lastEventId    the request's {@code Last-Event-ID}, {@code ""} if none
     * @param outcome        how it was answered
     * @param firstEvent     the number of the event the body starts from, or 0 for answers
     *                       without an event stream
     * @param completeEvents how many events the body carries complete (up to the cut, if any)
     * @param bodyBytes      how many event-stream body bytes were sent, not counting chunk framing:
     *                       the cut's offset for a drop, 0 for answers without an event stream
     * @param cut            where a drop cut the body; empty unless {@link Outcome#DROPPED}
     * @param reset          whether a drop closed the connection with a TCP reset rather than a FIN
     */
    public record Served(int connection, String lastEventId, Outcome outcome, int firstEvent, int completeEvents,
                         int bodyBytes, Optional<Cut> cut, boolean reset) {

        /**
         * Checks that no component is null.
         *
         * @param connection     the connection's number
         * @param lastEventId    the request's {@code Last-Event-ID}
         * @param outcome        how it was answered
         * @param firstEvent     the number of the first event, or 0
         * @param completeEvents how many events are complete
         * @param bodyBytes      how many body bytes were sent
         * @param cut            where a drop cut the body, if it was dropped
         * @param reset          whether a drop reset the connection
         * @throws NullPointerException if {@code lastEventId}, {@code outcome} or {@code cut} is null
         */
        public Served {
            Objects.requireNonNull(lastEventId, "lastEventId");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(cut, "cut");
        }

        /**
         * The {@code Last-Event-ID} a client that read every byte of this answer resumes with: the
         * ID of its last complete event, or the request's own if it had none.
         *
         * @return the last event ID to resume from, {@code ""} if none
         */
        public String nextLastEventId() {
            return completeEvents > 0 ? Integer.toString(firstEvent + completeEvents - 1) : lastEventId;
        }
    }

    /** A fault planned for a coming request. */
    private sealed interface Plan permits Unavailable, Stall, Drop {
    }

    /** Answer 503 with this {@code Retry-After} value. */
    private record Unavailable(String retryAfter) implements Plan {
    }

    /** Send this many events, then stall. */
    private record Stall(int afterEvents) implements Plan {
    }

    /** Drop at a place of this kind, with a reset or a FIN. */
    private record Drop(Cut where, boolean reset) implements Plan {
    }

    /** The HTTP-date form of {@code Retry-After}, IMF-fixdate (RFC 9110 §5.6.7). */
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private static final MockResponse NO_CONTENT = MockResponse.newBuilder()
            .status(204)
            .removeHeader("Content-Type")
            .removeHeader("Cache-Control")
            .build();

    private final int eventCount;
    private final IntFunction<String> data;
    private final LineEnding lineEnding;
    private final String retryLine;
    private final long seed;
    private final int maxEventsPerConnection;
    private final double dropProbability;
    private final double resetProbability;
    private final boolean chunked;

    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled whenever a request has been answered. */
    private final Condition answered = lock.newCondition();
    // Guarded by lock:
    private final Random random;
    private final Deque<Plan> plans = new ArrayDeque<>();
    private final List<Served> served = new ArrayList<>();
    private final Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
    private final Map<Cut, Integer> cuts = new EnumMap<>(Cut.class);
    private int resets;

    private ResumableScenario(Builder builder) {
        this.eventCount = builder.eventCount;
        this.data = builder.data;
        this.lineEnding = builder.lineEnding;
        this.retryLine = builder.retryLine;
        this.seed = builder.seed;
        this.maxEventsPerConnection = builder.maxEventsPerConnection;
        this.dropProbability = builder.dropProbability;
        this.resetProbability = builder.resetProbability;
        this.chunked = builder.chunked;
        this.random = new Random(seed);
    }

    /**
     * A builder for a scenario of {@code events} events, numbered 1 to {@code events}.
     *
     * @param events how many events, at least 1
     * @return the builder
     * @throws IllegalArgumentException if {@code events} is less than 1
     */
    public static Builder newBuilder(int events) {
        return new Builder(events);
    }

    // ---- the events ----

    /**
     * How many events the scenario serves: N.
     *
     * @return the number of events
     */
    public int eventCount() {
        return eventCount;
    }

    /**
     * Event {@code number} as a conforming parser reads it: type {@code message}, the ID
     * {@code "<number>"}, and the data (any CRLF or CR in it read as LF).
     *
     * @param number the event's number, 1 to {@link #eventCount()}
     * @return the event
     * @throws IndexOutOfBoundsException if there is no such event
     */
    public ServerSentEvent event(int number) {
        Objects.checkIndex(number - 1, eventCount);
        return EventWindow.event(data, number);
    }

    /**
     * Every event in order, as {@link #event(int)} gives them: what a client that resumes
     * correctly receives in all.
     *
     * @return events 1 to N
     */
    public List<ServerSentEvent> events() {
        List<ServerSentEvent> all = new ArrayList<>(eventCount);
        for (int number = 1; number <= eventCount; number++) {
            all.add(EventWindow.event(data, number));
        }
        return all;
    }

    /**
     * The seed of the scenario's random choices: the one set, or the one drawn when none was, to
     * reproduce a failing run.
     *
     * @return the seed
     */
    public long seed() {
        return seed;
    }

    // ---- plans ----

    /**
     * Answers the next {@code times} requests with {@code 503 Service Unavailable} and
     * {@code Retry-After: <seconds>}, whatever they ask for.
     *
     * @param times      how many requests, at least 1
     * @param retryAfter the delay to send, whole seconds, not negative
     * @throws IllegalArgumentException if {@code times} is less than 1, or the delay is negative or
     *                                  not whole seconds
     */
    public void planUnavailable(int times, Duration retryAfter) {
        Objects.requireNonNull(retryAfter, "retryAfter");
        if (retryAfter.isNegative() || retryAfter.getNano() != 0) {
            throw new IllegalArgumentException("Retry-After takes whole seconds, not negative, got " + retryAfter);
        }
        planUnavailable(times, Long.toString(retryAfter.getSeconds()));
    }

    /**
     * Answers the next {@code times} requests with {@code 503 Service Unavailable} and
     * {@code Retry-After} in its HTTP-date form, such as {@code Wed, 02 Jan 2030 03:04:05 GMT},
     * whatever they ask for.
     *
     * @param times   how many requests, at least 1
     * @param retryAt when to retry; any fraction of a second is dropped, as the format requires
     * @throws IllegalArgumentException if {@code times} is less than 1, or the year is outside
     *                                  1 to 9999
     */
    public void planUnavailable(int times, Instant retryAt) {
        Objects.requireNonNull(retryAt, "retryAt");
        int year = retryAt.atOffset(ZoneOffset.UTC).getYear();
        if (year < 1 || year > 9999) {
            throw new IllegalArgumentException("an HTTP-date has a four-digit year, got " + retryAt);
        }
        planUnavailable(times, HTTP_DATE.format(retryAt));
    }

    private void planUnavailable(int times, String retryAfter) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1, got " + times);
        }
        lock.lock();
        try {
            for (int i = 0; i < times; i++) {
                plans.add(new Unavailable(retryAfter));
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stalls the next event stream: it sends its {@code retry} line if any and up to
     * {@code afterEvents} events, then nothing more, and keeps the connection open until the
     * client closes it (or the server is closed). Requests answered with 204 or 400 meanwhile
     * leave the plan for the next stream.
     *
     * @param afterEvents how many events to send first, 0 or more (fewer if fewer are left)
     * @throws IllegalArgumentException if {@code afterEvents} is negative
     */
    public void planStall(int afterEvents) {
        if (afterEvents < 0) {
            throw new IllegalArgumentException("afterEvents must not be negative, got " + afterEvents);
        }
        plan(new Stall(afterEvents));
    }

    /**
     * Drops the next event stream at a random place of this kind, closing with a FIN, whatever
     * {@link Builder#dropProbability} says. If its body has no place of that kind (no CR with
     * {@link LineEnding#LF}, say), the cut falls at a place of a random kind; {@link Served#cut()}
     * tells which. Requests answered with 204 or 400 meanwhile leave the plan for the next stream.
     *
     * @param where the kind of place to cut at
     */
    public void planDrop(Cut where) {
        plan(new Drop(Objects.requireNonNull(where, "where"), false));
    }

    /**
     * Like {@link #planDrop(Cut)}, but closes the connection with a TCP reset (RST) instead of a
     * FIN; the client typically sees "connection reset", and may lose bytes it had not read yet.
     *
     * @param where the kind of place to cut at
     */
    public void planReset(Cut where) {
        plan(new Drop(Objects.requireNonNull(where, "where"), true));
    }

    private void plan(Plan plan) {
        lock.lock();
        try {
            plans.add(plan);
        } finally {
            lock.unlock();
        }
    }

    // ---- answering ----

    /**
     * Answers a request as the class description says, and records it. {@link MockSseServer} calls
     * this on its connection threads.
     *
     * @param request the request
     * @return the response
     */
    @Override
    public MockResponse apply(RecordedRequest request) {
        Objects.requireNonNull(request, "request");
        String lastEventId = request.lastEventId();
        lock.lock();
        try {
            Plan next = plans.peek();
            if (next instanceof Unavailable unavailable) {
                plans.poll();
                record(new Served(request.connectionNumber(), lastEventId, Outcome.UNAVAILABLE, 0, 0, 0,
                        Optional.empty(), false));
                return Connection.textResponseBuilder(503, "resumable scenario: 503 as planned")
                        .header("Retry-After", unavailable.retryAfter())
                        .build();
            }
            int resumeAfter = parseLastEventId(lastEventId);
            if (resumeAfter < 0) {
                record(new Served(request.connectionNumber(), lastEventId, Outcome.BAD_REQUEST, 0, 0, 0,
                        Optional.empty(), false));
                return Connection.textResponse(400, "resumable scenario: Last-Event-ID \"" + lastEventId
                        + "\" was never sent; the IDs are \"1\" to \"" + eventCount + "\"");
            }
            if (resumeAfter == eventCount) {
                record(new Served(request.connectionNumber(), lastEventId, Outcome.NO_CONTENT, 0, 0, 0,
                        Optional.empty(), false));
                return NO_CONTENT;
            }
            if (next != null) {
                plans.poll();
            }
            return stream(request.connectionNumber(), lastEventId, resumeAfter + 1, next);
        } finally {
            lock.unlock();
        }
    }

    /** An event stream from event {@code first}, shaped by a planned stall or drop, if any. */
    private MockResponse stream(int connection, String lastEventId, int first, Plan plan) {
        int perConnection = plan instanceof Stall stall ? stall.afterEvents() : maxEventsPerConnection;
        int last = (int) Math.min((long) first + perConnection - 1, eventCount);
        EventWindow window = EventWindow.of(data, lineEnding, retryLine, first, last);
        MockResponse.Builder response = MockResponse.newBuilder().raw(window.bytes());
        if (chunked) {
            response.chunkedEncoding();
        }
        if (plan instanceof Stall) {
            record(new Served(connection, lastEventId, Outcome.STALLED, first, window.eventCount(), window.length(),
                    Optional.empty(), false));
            return response.stall().build();
        }
        Drop drop = plan instanceof Drop planned ? planned : null;
        if (drop == null && random.nextDouble() < dropProbability) {
            drop = new Drop(null, false);
        }
        if (drop == null) {
            record(new Served(connection, lastEventId, Outcome.STREAMED, first, window.eventCount(), window.length(),
                    Optional.empty(), false));
            return response.build();
        }
        int offset = window.chooseCut(drop.where(), random);
        boolean reset = plan == null ? random.nextDouble() < resetProbability : drop.reset();
        // One write of the whole body: in a chunked body it is one chunk, after its size line.
        int framing = chunked ? Integer.toHexString(window.length()).length() + 2 : 0;
        response.disconnectAfterBodyBytes(framing + offset);
        if (reset) {
            response.resetOnDisconnect();
        }
        record(new Served(connection, lastEventId, Outcome.DROPPED, first, window.completeEventsAt(offset), offset,
                Optional.of(window.cutAt(offset)), reset));
        return response.build();
    }

    /** The number of the last event the client has, 0 for none, or -1 for an ID never sent. */
    private int parseLastEventId(String id) {
        if (id.isEmpty()) {
            return 0;
        }
        if (id.length() > 10 || id.charAt(0) == '0') {
            return -1;
        }
        for (int i = 0; i < id.length(); i++) {
            if (id.charAt(i) < '0' || id.charAt(i) > '9') {
                return -1;
            }
        }
        long number = Long.parseLong(id);
        return number <= eventCount ? (int) number : -1;
    }

    private void record(Served answer) {
        served.add(answer);
        outcomes.merge(answer.outcome(), 1, Integer::sum);
        answer.cut().ifPresent(cut -> cuts.merge(cut, 1, Integer::sum));
        if (answer.reset()) {
            resets++;
        }
        answered.signalAll();
    }

    // ---- what happened ----

    /**
     * How many requests the scenario has answered.
     *
     * @return the number of requests
     */
    public int requests() {
        return locked(served::size);
    }

    /**
     * How many requests were answered this way.
     *
     * @param outcome the answer
     * @return the number of requests answered so
     */
    public int count(Outcome outcome) {
        Objects.requireNonNull(outcome, "outcome");
        return locked(() -> outcomes.getOrDefault(outcome, 0));
    }

    /**
     * How many connections were dropped, at any kind of place: {@code count(Outcome.DROPPED)}.
     *
     * @return the number of drops
     */
    public int drops() {
        return count(Outcome.DROPPED);
    }

    /**
     * How many connections were dropped at this kind of place.
     *
     * @param where the kind of place
     * @return the number of drops there
     */
    public int drops(Cut where) {
        Objects.requireNonNull(where, "where");
        return locked(() -> cuts.getOrDefault(where, 0));
    }

    /**
     * How many drops closed the connection with a TCP reset rather than a FIN.
     *
     * @return the number of resets
     */
    public int resets() {
        return locked(() -> resets);
    }

    /**
     * Every answer so far, in the order chosen.
     *
     * @return a snapshot of the answers
     */
    public List<Served> served() {
        return locked(() -> List.copyOf(served));
    }

    /**
     * Waits until the scenario has answered {@code 204 No Content}: the client resumed with the
     * last event's ID, so it has every event.
     *
     * @param timeout how long to wait
     * @throws TimeoutException     if no 204 was answered in time; the message sums up the run
     * @throws InterruptedException if interrupted while waiting
     */
    public void awaitCompletion(Duration timeout) throws InterruptedException, TimeoutException {
        await(Outcome.NO_CONTENT, 1, timeout);
    }

    /**
     * Waits until at least {@code count} requests have been answered this way, for example until
     * a planned stall has begun.
     *
     * @param outcome the answer
     * @param count   how many, 0 or more
     * @param timeout how long to wait
     * @throws TimeoutException     if fewer were answered so in time; the message sums up the run
     * @throws InterruptedException if interrupted while waiting
     * @throws IllegalArgumentException if {@code count} is negative
     */
    public void await(Outcome outcome, int count, Duration timeout) throws InterruptedException, TimeoutException {
        Objects.requireNonNull(outcome, "outcome");
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, got " + count);
        }
        long nanos = MockSseServer.toNanos(timeout);
        lock.lock();
        try {
            while (outcomes.getOrDefault(outcome, 0) < count) {
                if (nanos <= 0) {
                    throw new TimeoutException("expected " + count + " " + outcome + " within " + timeout
                            + ", have " + outcomes.getOrDefault(outcome, 0) + ": " + this);
                }
                nanos = answered.awaitNanos(nanos);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The seed, the settings and the counts so far, for logs and assertion messages, such as
     * {@code ResumableScenario[seed 42, 1000 events, MIXED, 8 per connection; 530 requests:
     * {STREAMED=3, DROPPED=526, NO_CONTENT=1}, cuts {BETWEEN_EVENTS=104, …}, 0 resets]}.
     */
    @Override
    public String toString() {
        return locked(() -> "ResumableScenario[seed " + seed + ", " + eventCount + " events, " + lineEnding + ", "
                + maxEventsPerConnection + " per connection; " + served.size() + " requests: " + outcomes
                + ", cuts " + cuts + ", " + resets + " resets]");
    }

    private <T> T locked(Supplier<T> read) {
        lock.lock();
        try {
            return read.get();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Builds a {@link ResumableScenario}. Not thread-safe; {@link #build()} may be called again
     * for another scenario with the same settings.
     */
    public static final class Builder {

        private final int eventCount;
        private IntFunction<String> data = Builder::defaultData;
        private LineEnding lineEnding = LineEnding.MIXED;
        private String retryLine = "";
        private long seed = ThreadLocalRandom.current().nextLong();
        private int maxEventsPerConnection = 8;
        private double dropProbability = 1;
        private double resetProbability;
        private boolean chunked;

        private Builder(int eventCount) {
            if (eventCount < 1) {
                throw new IllegalArgumentException("a scenario needs at least 1 event, got " + eventCount);
            }
            this.eventCount = eventCount;
        }

        private static String defaultData(int number) {
            return number + ": caf\u00e9 costs 3 \u20ac \ud83d\ude00\nsecond line of " + number;
        }

        /**
         * Sets the data of each event. By default, two lines, {@code "k: café costs 3 € 😀"} and
         * {@code "second line of k"}. The function must give the same string for the same number
         * every time; it is called on the server's threads.
         *
         * @param data the data of event {@code k}, for {@code k} from 1 to N; CRLF and CR in it
         *             are sent as line breaks and read back as LF
         * @return this builder
         */
        public Builder data(IntFunction<String> data) {
            this.data = Objects.requireNonNull(data, "data");
            return this;
        }

        /**
         * Sets how lines end. The default is {@link LineEnding#MIXED}, the only setting under which
         * a body has every {@link Cut kind of place}: CR and LF alone give no
         * {@link Cut#BETWEEN_CR_AND_LF}.
         *
         * @param lineEnding the line endings
         * @return this builder
         */
        public Builder lineEnding(LineEnding lineEnding) {
            this.lineEnding = Objects.requireNonNull(lineEnding, "lineEnding");
            return this;
        }

        /**
         * Starts every event stream with a {@code retry} field, so that the client reconnects after
         * this long (a cut can fall in this line too). By default there is none.
         *
         * @param reconnectionTime the reconnection time, not negative
         * @return this builder
         * @throws IllegalArgumentException if the time is negative or too long for the field
         */
        public Builder retry(Duration reconnectionTime) {
            String line = SseEncoder.retry(reconnectionTime);
            this.retryLine = line.substring(0, line.length() - 1);
            return this;
        }

        /**
         * Seeds the random choices: whether and where to drop, and FIN or reset. By default a seed
         * is drawn at random; {@link ResumableScenario#seed()} tells which.
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets the most events one event-stream response carries. The default is 8. Fewer make
         * more connections per event: with every response dropped, a run of N events takes about
         * 0.3 N drops with 8, 0.6 N with 4, 1.5 N with 2 and 7 N with 1.
         *
         * @param events the most events per response, at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code events} is less than 1
         */
        public Builder maxEventsPerConnection(int events) {
            if (events < 1) {
                throw new IllegalArgumentException("maxEventsPerConnection must be at least 1, got " + events);
            }
            this.maxEventsPerConnection = events;
            return this;
        }

        /**
         * Sets the probability that an event-stream response is dropped part way rather than sent in
         * full. The default is 1: every response is dropped.
         *
         * @param probability from 0 to 1
         * @return this builder
         * @throws IllegalArgumentException if it is not between 0 and 1
         */
        public Builder dropProbability(double probability) {
            this.dropProbability = requireProbability("dropProbability", probability);
            return this;
        }

        /**
         * Sets the probability that a random drop closes the connection with a TCP reset (RST)
         * instead of a FIN. The default is 0. Planned drops say themselves which they use.
         *
         * @param probability from 0 to 1
         * @return this builder
         * @throws IllegalArgumentException if it is not between 0 and 1
         */
        public Builder resetProbability(double probability) {
            this.resetProbability = requireProbability("resetProbability", probability);
            return this;
        }

        /**
         * Frames event streams with {@code Transfer-Encoding: chunked} instead of the default
         * close-delimited body. A drop then leaves the chunk unfinished, which an HTTP client reports
         * as an error rather than an end of the body.
         *
         * @return this builder
         */
        public Builder chunkedEncoding() {
            this.chunked = true;
            return this;
        }

        /**
         * Builds the scenario.
         *
         * @return a new scenario, with nothing planned and nothing served
         */
        public ResumableScenario build() {
            return new ResumableScenario(this);
        }

        private static double requireProbability(String what, double probability) {
            if (!(probability >= 0 && probability <= 1)) {
                throw new IllegalArgumentException(what + " must be from 0 to 1, got " + probability);
            }
            return probability;
        }
    }
}
