package io.sse4j.kafka.connect;

import io.sse4j.EventSource;
import io.sse4j.EventStream;
import io.sse4j.ServerSentEvent;
import io.sse4j.SseTransport;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.apache.kafka.connect.source.TransactionContext;

/**
 * Reads the streams that {@link SseSourceConnector} gave this task and turns their events into
 * records: value the event data, key the event ID (by default), headers {@value #HEADER_EVENT},
 * {@value #HEADER_ID} and {@value #HEADER_STREAM}, timestamp the time it was received; source
 * partition the stream's request, source offset its last event ID.
 *
 * <h2>Resuming</h2>
 * Each stream starts from its committed offset, sent as {@code Last-Event-ID}, or from its
 * {@code last.event.id} setting when nothing is committed yet (or the offset was reset), and
 * reconnects by itself (with backoff) after a network error, a broken stream or a 5xx. Offsets
 * stored by earlier builds, under a partition whose keys came in another order, are still read;
 * {@link StoredOffsets} says which offset wins when both are there.
 *
 * <h2>Ends and failures</h2>
 * A 204 No Content ends that stream only: the task keeps reading its other streams, and when it
 * is restarted it asks again, from the committed offset. A fatal answer (a 4xx but 408 and 429,
 * a wrong {@code Content-Type}), a crossed limit, or a retry policy that gives up fails the whole
 * task, after the records received before it: the task's status then carries the reason, e.g.
 * {@code stream 'feed' (GET https://…) failed: expected 200 text/event-stream, got 401 …}.
 *
 * <h2>Logging</h2>
 * Through SLF4J, under {@code io.sse4j.kafka.connect.SseSourceTask}, with Connect's connector
 * and task context on every line, whichever thread logs it ({@link TaskLog}): where each stream
 * starts ({@code INFO}); each reconnect with its cause and wait ({@code INFO} when the server
 * ended the stream, {@code WARN} after a failure; {@link LoggedRetryPolicy}); each connection
 * attempt ({@code DEBUG}); a 204 ({@code INFO}); a failure that fails the task ({@code ERROR}).
 * Event data is never logged.
 *
 * <h2>Threads</h2>
 * Connect calls {@code start}, {@code poll} and {@code commitRecord} on the task's thread and
 * {@code stop} on another. The event sources deliver on the HTTP client's threads into the
 * {@link Inbox}; {@code poll} waits on it for at most {@code poll.timeout.ms}.
 */
public final class SseSourceTask extends SourceTask {


    /** The record header with the event type. */
    public static final String HEADER_EVENT = "sse.event";
    /** The record header with the event's last event ID, {@code ""} if the stream set none. */
    public static final String HEADER_ID = "sse.id";
    /** The record header with the stream's name. */
    public static final String HEADER_STREAM = "sse.stream";

    private final Clock clock;
    private final Inbox inbox = new Inbox();
    private final List<StreamReader> readers = new CopyOnWriteArrayList<>();
    private SseSourceConfig config;
    private TopicPattern topic;
    private String keyMode;
    private int maxRecords;
    private TransactionContext transactions;
    private IdBoundaries boundaries;
    private volatile boolean stopping;
    private TaskLog log;

    /** A task on the system clock; Connect makes tasks this way. */
    public SseSourceTask() {
        this(Clock.systemUTC());
    }

    SseSourceTask(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String version() {
        return Version.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        // On the task's thread, which carries Connect's logging context: the log keeps it.
        log = TaskLog.capture(SseSourceTask.class);
        config = new SseSourceConfig(props);
        topic = config.topic();
        keyMode = config.getString(SseSourceConfig.RECORD_KEY);
        maxRecords = config.getInt(SseSourceConfig.POLL_MAX_RECORDS);
        transactions = transactionContext();
        boundaries = transactions == null ? null
                : new IdBoundaries(config.getLong(SseSourceConfig.TRANSACTION_MAX_OPEN_MS));
        List<StreamSpec> specs = config.taskStreams();
        Map<StreamSpec, StoredOffsets.Start> starts = StoredOffsets.read(context.offsetStorageReader(), specs);
        HttpClient client = EventStream.newClientBuilder().connectTimeout(config.connectTimeout()).build();
        int credit = config.getInt(SseSourceConfig.BUFFER_EVENTS_PER_STREAM);
        for (StreamSpec spec : specs) {
            StoredOffsets.Start start = starts.get(spec);
            String startId = start.lastEventId();
            StreamReader reader = new StreamReader(spec, inbox, credit, clock, startId);
            readers.add(reader);
            log.info("reading stream {} {}", spec.describe(), start.describe());
            HttpRequest request = spec.request();
            reader.start(EventSource.newBuilder(client, attempt -> connecting(spec, attempt, request))
                    .options(config.sseOptions())
                    .retryPolicy(new LoggedRetryPolicy(config.retryPolicy(), reader, log))
                    .idleTimeout(config.idleTimeout())
                    .lastEventId(startId)
                    // A task lives on: a server that is down at start (a 503, a refused connection)
                    // is waited for as the retry policy says, and a POST stream is read on as the
                    // connector always has (its offset, when the server sends IDs, resumes it).
                    .retryFirstConnection(true)
                    .resendNonIdempotent(true)
                    .build());
            if (stopping) {
                reader.close(); // stop() ran while this stream was starting, and may have missed it.
            }
        }
    }

    /** The request hook: every attempt sends the same request; each is logged at DEBUG. */
    private HttpRequest connecting(StreamSpec spec, SseTransport.Attempt attempt, HttpRequest request) {
        log.debug("stream {}: connection attempt {}, {}", spec.describe(), attempt.number(),
                attempt.lastEventId().isEmpty() ? "from the start" : "after event ID \"" + attempt.lastEventId() + "\"");
        return request;
    }

    private TransactionContext transactionContext() {
        try {
            return context.transactionContext();
        } catch (NoSuchMethodError | NoClassDefFoundError e) {
            return null; // A Connect runtime older than 3.3: no exactly-once support.
        }
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        if (stopping) {
            return null;
        }
        List<Inbox.Entry> batch = inbox.take(maxRecords, config.pollTimeout());
        List<SourceRecord> records = new ArrayList<>(batch.size());
        Map<StreamReader, Integer> taken = new IdentityHashMap<>();
        long now = clock.millis();
        int boundary = -1;
        try {
            for (Inbox.Entry entry : batch) {
                if (entry instanceof Inbox.Received received) {
                    StreamReader stream = received.stream();
                    ServerSentEvent event = received.event();
                    String previousId = stream.lastTakenId();
                    records.add(record(stream.spec(), event, received.receivedAt()));
                    stream.lastTakenId(event.lastEventId());
                    taken.merge(stream, 1, Integer::sum);
                    if (boundaries != null && boundaries.add(stream, previousId, event.lastEventId(), now)) {
                        boundary = records.size() - 1;
                    }
                } else if (entry instanceof Inbox.Ended ended) {
                    ended(ended);
                }
            }
        } finally {
            taken.forEach(StreamReader::taken);
        }
        defineTransaction(records, boundary, now);
        return records.isEmpty() ? null : records;
    }

    private void ended(Inbox.Ended ended) {
        StreamReader stream = ended.stream();
        stream.markEnded();
        if (boundaries != null) {
            boundaries.ended(stream);
        }
        if (stopping) {
            return;
        }
        if (ended.failure() == null) {
            long open = readers.stream().filter(r -> !r.ended()).count();
            log.info("stream {} ended: the server answered 204 No Content, which means stop reconnecting. This task"
                    + " goes on with its {} other open stream(s); restarting the task asks the server again from the"
                    + " committed Last-Event-ID \"{}\"", stream.spec().describe(), open, stream.lastTakenId());
            return;
        }
        Throwable failure = ended.failure();
        String message = "stream " + stream.spec().describe() + " failed, and with it this task: "
                + failure.getMessage() + " (the task's other streams stop too; restart the task once the cause is"
                + " fixed: it resumes every stream from its committed Last-Event-ID)";
        log.error("{}", message);
        throw new ConnectException(message, failure);
    }

    /** With connector-defined boundaries: ends the transaction at the last ID boundary, or when overdue. */
    private void defineTransaction(List<SourceRecord> records, int boundary, long now) {
        if (boundaries == null) {
            return;
        }
        if (boundary >= 0) {
            transactions.commitTransaction(records.get(boundary));
            boundaries.committed(boundary < records.size() - 1, now);
        } else if (boundaries.overdue(now)) {
            Set<StreamReader> between = boundaries.forceCommitted();
            transactions.commitTransaction();
            log.warn("committing a transaction that has been open for {} ms while stream(s) {} sent events without"
                    + " IDs: after a crash, their events since their last ID may be written again",
                    config.getLong(SseSourceConfig.TRANSACTION_MAX_OPEN_MS),
                    between.stream().map(r -> r.spec().name()).collect(Collectors.joining(", ")));
        }
    }

    private SourceRecord record(StreamSpec spec, ServerSentEvent event, long receivedAt) {
        String id = event.lastEventId();
        Object key;
        switch (keyMode) {
            case SseSourceConfig.KEY_STREAM:
                key = spec.name();
                break;
            case SseSourceConfig.KEY_NONE:
                key = null;
                break;
            default:
                key = id.isEmpty() ? null : id;
        }
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(HEADER_EVENT, event.type());
        headers.addString(HEADER_ID, id);
        headers.addString(HEADER_STREAM, spec.name());
        return new SourceRecord(spec.partition(), Map.of(StreamSpec.OFFSET_LAST_EVENT_ID, id),
                topic.topic(spec.name(), event.type()), null,
                Schema.OPTIONAL_STRING_SCHEMA, key, Schema.STRING_SCHEMA, event.data(), receivedAt, headers);
    }

    @Override
    public void stop() {
        stopping = true;
        for (StreamReader reader : readers) {
            reader.close();
        }
        inbox.wakeUp();
    }
}
