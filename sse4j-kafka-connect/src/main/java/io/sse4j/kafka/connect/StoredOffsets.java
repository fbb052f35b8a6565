package io.sse4j.kafka.connect;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * The connector's source offsets: what a partition and an offset look like, the checks an
 * operator's offsets pass ({@link SseSourceConnector#alterOffsets}), and where a task starts a
 * stream from what is stored.
 *
 * <h2>Shape</h2>
 * A partition is {@code {"method": …, "url": …}}, plus {@code "body_sha256"} for a request with a
 * body ({@link StreamSpec#partition()}); an offset is {@code {"last_event_id": "…"}}. An offset of
 * {@code {"last_event_id": null}} means "from the stream's {@code last.event.id}", like no offset.
 *
 * <h2>Which stored offset a task starts from</h2>
 * A partition may be stored under two keys in the offsets topic: its keys in Connect's order
 * (what tasks and the REST API write now) and URL first (what the first builds wrote; see
 * {@link StreamSpec#legacyPartition()}). For each stream, in this order:
 * <ol>
 *   <li>an offset under Connect's order, {@code {"last_event_id": null}} included: it is always
 *       the newer write, since nothing has written the other order since;</li>
 *   <li>else an offset under the old order: the stream has not committed since the upgrade. Its
 *       first record commits under Connect's order, which wins from then on;</li>
 *   <li>else the stream's {@code last.event.id}.</li>
 * </ol>
 * The two orders are equal maps, and Connect's reader keys its answer by the map asked for, so
 * each order is asked for in a call of its own.
 *
 * <p>A tombstone, which {@code DELETE /connectors/<name>/offsets} writes, leaves nothing a task
 * can read: for a stream whose offset is also stored in the old order, a reset by {@code DELETE}
 * would fall back to that old offset. {@code PATCH} with {@code {"last_event_id": null}} resets
 * such a stream for good; {@code docs/kafka-connect.md} says so.
 */
final class StoredOffsets {

    /** Where a stream's start position came from, for the log. */
    enum Origin {
        /** An offset in Connect's key order. */
        COMMITTED,
        /** An offset in the key order of the first builds. */
        LEGACY,
        /** No offset (or a reset one): the stream's {@code last.event.id}. */
        CONFIGURED
    }

    /**
     * A stream's start position.
     *
     * @param lastEventId the {@code Last-Event-ID} to send, {@code ""} for none
     * @param origin      where it came from
     */
    record Start(String lastEventId, Origin origin) {

        /** Where the stream starts and why, for the log: {@code after event ID "17", its committed offset}. */
        String describe() {
            if (lastEventId.isEmpty()) {
                return origin == Origin.CONFIGURED ? "from its start (no offset committed, no last.event.id)"
                        : "from its start (its committed offset has no event ID)";
            }
            String after = "after event ID \"" + lastEventId + "\", ";
            switch (origin) {
                case COMMITTED:
                    return after + "its committed offset";
                case LEGACY:
                    return after + "its offset stored URL first by an earlier build";
                default:
                    return after + "its last.event.id (no offset committed)";
            }
        }
    }

    private static final Set<String> REQUIRED_PARTITION_KEYS = Set.of(StreamSpec.PARTITION_METHOD, StreamSpec.PARTITION_URL);
    private static final Set<String> PARTITION_KEYS = Set.of(StreamSpec.PARTITION_METHOD, StreamSpec.PARTITION_URL,
            StreamSpec.PARTITION_BODY);
    private static final String PARTITION_SHAPE = "a partition has the string keys \"method\" and \"url\", and"
            + " \"body_sha256\" for a request with a body, as GET /connectors/<name>/offsets shows";
    private static final String OFFSET_SHAPE = "an offset has one key, \"last_event_id\": a string, or null to start"
            + " from the stream's last.event.id";

    private StoredOffsets() {
    }

    /**
     * Where each of {@code specs} starts, by the rule in the class comment.
     *
     * @throws ConnectException if a stored offset is not one this connector writes
     */
    static Map<StreamSpec, Start> read(OffsetStorageReader reader, List<StreamSpec> specs) {
        Map<Map<String, String>, Map<String, Object>> current = reader.offsets(
                specs.stream().map(StreamSpec::partition).collect(Collectors.toList()));
        Map<Map<String, String>, Map<String, Object>> legacy = reader.offsets(
                specs.stream().map(StreamSpec::legacyPartition).collect(Collectors.toList()));
        Map<StreamSpec, Start> starts = new HashMap<>();
        for (StreamSpec spec : specs) {
            // Both answers are keyed by maps equal to spec.partition(), whatever their order.
            Map<String, Object> offset = current == null ? null : current.get(spec.partition());
            Origin origin = Origin.COMMITTED;
            if (offset == null) {
                offset = legacy == null ? null : legacy.get(spec.partition());
                origin = Origin.LEGACY;
            }
            if (offset == null) {
                starts.put(spec, new Start(spec.lastEventId(), Origin.CONFIGURED));
                continue;
            }
            Optional<String> problem = offsetProblem(offset, false);
            if (problem.isPresent()) {
                throw new ConnectException("stream " + spec.describe() + " has the stored offset " + offset
                        + ", which this connector cannot resume from: " + problem.get() + ". Set it with PATCH"
                        + " /connectors/<name>/offsets while the connector is stopped");
            }
            Object id = offset.get(StreamSpec.OFFSET_LAST_EVENT_ID);
            starts.put(spec, id == null ? new Start(spec.lastEventId(), Origin.CONFIGURED) : new Start((String) id, origin));
        }
        return starts;
    }

    /**
     * What is wrong with a partition that an operator writes, or empty if it has this
     * connector's shape: the keys of {@link StreamSpec#partition()}, no others, with a method
     * that is an HTTP token, an absolute http or https URL, and a SHA-256 in lower-case hex.
     */
    static Optional<String> partitionProblem(Map<String, ?> partition) {
        if (partition == null) {
            return Optional.of("it is null; " + PARTITION_SHAPE);
        }
        Set<String> unknown = new TreeSet<>();
        for (String key : partition.keySet()) {
            if (!PARTITION_KEYS.contains(key)) {
                unknown.add("\"" + key + "\"");
            }
        }
        if (!unknown.isEmpty()) {
            return Optional.of("unknown key(s) " + String.join(", ", unknown) + "; " + PARTITION_SHAPE);
        }
        for (String key : PARTITION_KEYS) {
            Object value = partition.get(key);
            if (value == null && REQUIRED_PARTITION_KEYS.contains(key) || value != null && !(value instanceof String)) {
                return Optional.of("\"" + key + "\" is " + (value == null ? "missing" : "not a string") + "; "
                        + PARTITION_SHAPE);
            }
        }
        String method = (String) partition.get(StreamSpec.PARTITION_METHOD);
        if (method.isEmpty() || !SseSourceConfig.isToken(method)) {
            return Optional.of("\"method\" is \"" + method + "\", not an HTTP method");
        }
        String url = (String) partition.get(StreamSpec.PARTITION_URL);
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                return Optional.of("\"url\" is \"" + url + "\", not an absolute http:// or https:// URL");
            }
        } catch (URISyntaxException e) {
            return Optional.of("\"url\" is \"" + url + "\", not a URL: " + e.getMessage());
        }
        Object body = partition.get(StreamSpec.PARTITION_BODY);
        if (body != null && !((String) body).matches("[0-9a-f]{64}")) {
            return Optional.of("\"body_sha256\" is \"" + body + "\", not a SHA-256 in lower-case hex (64 characters)");
        }
        return Optional.empty();
    }

    /**
     * What is wrong with an offset, or empty if it has this connector's shape: the one key
     * {@code last_event_id}, a string or null. A null offset (a reset) is not checked here.
     *
     * @param sendable whether the ID must also be one that can be sent as {@code Last-Event-ID}:
     *                 asked of what an operator writes, not of what a task committed (a server
     *                 may send IDs that cannot be sent back; the event source then resumes from
     *                 the last one that can)
     */
    static Optional<String> offsetProblem(Map<String, ?> offset, boolean sendable) {
        List<String> unknown = new ArrayList<>();
        for (String key : new TreeSet<>(offset.keySet())) {
            if (!key.equals(StreamSpec.OFFSET_LAST_EVENT_ID)) {
                unknown.add("\"" + key + "\"");
            }
        }
        if (!unknown.isEmpty()) {
            return Optional.of("unknown key(s) " + String.join(", ", unknown) + "; " + OFFSET_SHAPE);
        }
        if (!offset.containsKey(StreamSpec.OFFSET_LAST_EVENT_ID)) {
            return Optional.of("\"last_event_id\" is missing; " + OFFSET_SHAPE);
        }
        Object id = offset.get(StreamSpec.OFFSET_LAST_EVENT_ID);
        if (id != null && !(id instanceof String)) {
            return Optional.of("\"last_event_id\" is " + id + " (" + id.getClass().getSimpleName() + "), not a string;"
                    + " write IDs in quotes, such as \"last_event_id\": \"" + id + "\"");
        }
        if (sendable && id != null && !SseSourceConfig.isSendableId((String) id)) {
            return Optional.of("\"last_event_id\" must be printable ASCII without leading or trailing spaces, to be"
                    + " sent as the Last-Event-ID header");
        }
        return Optional.empty();
    }
}
