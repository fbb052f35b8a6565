package io.sse4j.kafka.connect;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.config.types.Password;

/**
 * One configured stream: its name and the request that opens it. Immutable; the secret headers
 * are {@link Password}s, so {@link #toString()} and Connect's logs do not show them.
 *
 * @param name          the name in {@code streams}, used in the record headers and {@code ${stream}}
 * @param uri           the absolute http or https URL
 * @param method        the HTTP method, {@code GET} by default
 * @param body          the request body, {@code ""} for none
 * @param headers       headers sent as they are
 * @param secretHeaders headers whose values are secrets (Connect password fields)
 * @param lastEventId   the {@code Last-Event-ID} to start from when no offset was committed yet
 */
record StreamSpec(String name, URI uri, String method, String body, List<Map.Entry<String, String>> headers,
        List<Map.Entry<String, Password>> secretHeaders, String lastEventId) {

    /** The source partition's keys. */
    static final String PARTITION_URL = "url";
    static final String PARTITION_METHOD = "method";
    static final String PARTITION_BODY = "body_sha256";
    /** The source offset's one key. */
    static final String OFFSET_LAST_EVENT_ID = "last_event_id";

    StreamSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(body, "body");
        headers = List.copyOf(headers);
        secretHeaders = List.copyOf(secretHeaders);
        Objects.requireNonNull(lastEventId, "lastEventId");
    }

    /**
     * The source partition: the stream's identity as a server sees it, its method and URL (and a
     * hash of its body, if it has one). Headers are not part of it, so a rotated token keeps the
     * offsets; the stream's name is not either, so renaming a stream keeps them too.
     *
     * <p>Its keys iterate as {@code method}, {@code body_sha256}, {@code url}: the order in which
     * Connect's REST API rebuilds a partition. Connect finds an offset by the bytes of the
     * partition's JSON, so the order is part of the key. Tasks write the map they are given, in
     * its order; but {@code GET}, {@code PATCH} and {@code DELETE /connectors/<name>/offsets}
     * read partitions back through the worker's {@code JsonConverter} into a {@code HashMap} and
     * serialize that again, in the {@code HashMap}'s order, which for these three keys is this
     * one whatever the order they were written in (no two of them share a bucket).
     * {@code StreamSpecTest} holds the two orders together.
     */
    Map<String, String> partition() {
        Map<String, String> partition = new LinkedHashMap<>();
        partition.put(PARTITION_METHOD, method);
        if (!body.isEmpty()) {
            partition.put(PARTITION_BODY, sha256(body));
        }
        partition.put(PARTITION_URL, uri.toString());
        return Collections.unmodifiableMap(partition);
    }

    /**
     * The partition as the first builds of this connector wrote it: the same keys and values as
     * {@link #partition()}, URL first ({@code url}, {@code method}, {@code body_sha256}). Equal
     * to {@code partition()} as a map, but a different key in the offsets topic: tasks still
     * read offsets stored under it, so that no stream loses its position (see
     * {@link StoredOffsets}); nothing writes it any more.
     */
    Map<String, String> legacyPartition() {
        Map<String, String> partition = new LinkedHashMap<>();
        partition.put(PARTITION_URL, uri.toString());
        partition.put(PARTITION_METHOD, method);
        if (!body.isEmpty()) {
            partition.put(PARTITION_BODY, sha256(body));
        }
        return Collections.unmodifiableMap(partition);
    }

    /** The request, without {@code Last-Event-ID}: the event source adds that on every attempt. */
    HttpRequest request() {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(method,
                body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(h -> request.header(h.getKey(), h.getValue()));
        secretHeaders.forEach(h -> request.header(h.getKey(), h.getValue().value()));
        return request.build();
    }

    /** Method and URL, for messages; never a header or the body. */
    String describe() {
        return "'" + name + "' (" + method + " " + uri + ")";
    }

    @Override
    public String toString() {
        return "StreamSpec[" + describe() + ", " + headers.size() + " headers, " + secretHeaders.size()
                + " secret headers, body of " + body.length() + " chars, lastEventId=" + lastEventId + "]";
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
