package io.sse4j.kafka.connect;

import io.sse4j.RetryPolicy;
import io.sse4j.SseLimits;
import io.sse4j.SseOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The connector's settings: the fixed ones in {@link #CONFIG_DEF}, and each stream's under
 * {@code stream.<name>.}, which a {@code ConfigDef} cannot declare because the names are the
 * user's. {@link #streamProblems} checks those and says what is wrong with each key.
 */
final class SseSourceConfig extends AbstractConfig {

    static final String STREAMS = "streams";
    static final String TOPIC = "topic";
    static final String RECORD_KEY = "record.key";
    static final String POLL_MAX_RECORDS = "poll.max.records";
    static final String POLL_TIMEOUT_MS = "poll.timeout.ms";
    static final String BUFFER_EVENTS_PER_STREAM = "buffer.events.per.stream";
    static final String RECONNECT_POLICY = "reconnect.policy";
    static final String RECONNECT_BACKOFF_MAX_MS = "reconnect.backoff.max.ms";
    static final String RECONNECT_MAX_ATTEMPTS = "reconnect.max.attempts";
    static final String RECONNECT_MAX_ELAPSED_MS = "reconnect.max.elapsed.ms";
    static final String IDLE_TIMEOUT_MS = "idle.timeout.ms";
    static final String CONNECT_TIMEOUT_MS = "connect.timeout.ms";
    static final String MAX_LINE_BYTES = "max.line.bytes";
    static final String MAX_EVENT_BYTES = "max.event.bytes";
    static final String TRANSACTION_MAX_OPEN_MS = "transaction.max.open.ms";

    /**
     * Set by the connector in each task's configuration: the names of the task's streams. Not in
     * {@link #CONFIG_DEF}, which validation shows to users.
     */
    static final String TASK_STREAMS = "task.streams";

    static final String STREAM_PREFIX = "stream.";
    static final String URL = "url";
    static final String METHOD = "method";
    static final String BODY = "body";
    static final String LAST_EVENT_ID = "last.event.id";
    static final String HEADER = "header.";
    static final String SECRET_HEADER = "secret.header.";

    static final String KEY_ID = "id";
    static final String KEY_STREAM = "stream";
    static final String KEY_NONE = "none";
    static final String POLICY_BACKOFF = "backoff";
    static final String POLICY_SERVER = "server";

    /** One MiB: Kafka's default {@code max.request.size}, so a larger event could not be produced anyway. */
    static final int ONE_MIB = 1024 * 1024;

    private static final String GROUP_STREAMS = "Streams";
    private static final String GROUP_RECORDS = "Records";
    private static final String GROUP_CONNECTION = "Connection";

    static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(STREAMS, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, SseSourceConfig::checkStreamNames,
                    Importance.HIGH, "The names of the event streams to read, such as \"wiki,github\". Each stream"
                            + " is set with stream.<name>.url (required), .method, .body, .header.<Name>,"
                            + " .secret.header.<Name> and .last.event.id. Names: letters, digits, '-' and '_'.",
                    GROUP_STREAMS, 1, Width.LONG, "Streams")
            .define(TOPIC, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, SseSourceConfig::checkTopic,
                    Importance.HIGH, "The topic to write to, or a pattern with ${event} (the event type) and"
                            + " ${stream} (the stream's name), such as \"sse.${stream}.${event}\". Characters a topic"
                            + " name cannot have become '_'.",
                    GROUP_RECORDS, 1, Width.LONG, "Topic")
            .define(RECORD_KEY, Type.STRING, KEY_ID, ConfigDef.ValidString.in(KEY_ID, KEY_STREAM, KEY_NONE),
                    Importance.MEDIUM, "The record key: \"id\", the event's ID (null when the stream has set"
                            + " none); \"stream\", the stream's name; or \"none\", a null key.",
                    GROUP_RECORDS, 2, Width.SHORT, "Record key")
            .define(POLL_MAX_RECORDS, Type.INT, 1000, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "The most records one poll returns.", GROUP_RECORDS, 3, Width.SHORT, "Batch size")
            .define(POLL_TIMEOUT_MS, Type.LONG, 1000L, ConfigDef.Range.between(1, 60_000), Importance.LOW,
                    "The longest a poll waits for a first event before it returns nothing.",
                    GROUP_RECORDS, 4, Width.SHORT, "Poll timeout (ms)")
            .define(BUFFER_EVENTS_PER_STREAM, Type.INT, 1000, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "The most events of one stream that wait in the task for Connect to poll them. When they"
                            + " are there, the stream is not read further, so a slow Kafka slows the server down.",
                    GROUP_RECORDS, 5, Width.SHORT, "Events buffered per stream")
            .define(TRANSACTION_MAX_OPEN_MS, Type.LONG, 30_000L, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "With transaction.boundary=connector: the longest a transaction stays open waiting for"
                            + " every stream to reach an event with an ID; it then commits anyway. Keep it below"
                            + " the producer's transaction.timeout.ms.",
                    GROUP_RECORDS, 6, Width.SHORT, "Longest open transaction (ms)")
            .define(RECONNECT_POLICY, Type.STRING, POLICY_BACKOFF,
                    ConfigDef.ValidString.in(POLICY_BACKOFF, POLICY_SERVER), Importance.MEDIUM,
                    "How long to wait before reconnecting: \"backoff\", exponential backoff with full jitter"
                            + " from the server's retry: time (3 s until it sends one), capped at"
                            + " reconnect.backoff.max.ms; or \"server\", the server's retry: time each time, as a"
                            + " browser does. Both honour Retry-After on 503, 429 and 408, and wait at least 100 ms.",
                    GROUP_CONNECTION, 1, Width.SHORT, "Reconnect policy")
            .define(RECONNECT_BACKOFF_MAX_MS, Type.LONG, RetryPolicy.DEFAULT_CAP_SECONDS * 1000,
                    ConfigDef.Range.atLeast(1), Importance.LOW, "The longest wait before a reconnect (backoff policy).",
                    GROUP_CONNECTION, 2, Width.SHORT, "Longest reconnect wait (ms)")
            .define(RECONNECT_MAX_ATTEMPTS, Type.INT, 0, ConfigDef.Range.atLeast(0), Importance.LOW,
                    "Failures in a row after which a stream gives up and fails its task; 0 never gives up.",
                    GROUP_CONNECTION, 3, Width.SHORT, "Most failures in a row")
            .define(RECONNECT_MAX_ELAPSED_MS, Type.LONG, 0L, ConfigDef.Range.atLeast(0), Importance.LOW,
                    "How long a row of failures may last before a stream gives up and fails its task; 0 never"
                            + " gives up.",
                    GROUP_CONNECTION, 4, Width.SHORT, "Longest failing time (ms)")
            .define(IDLE_TIMEOUT_MS, Type.LONG, 0L, ConfigDef.Range.atLeast(0), Importance.MEDIUM,
                    "How long a connection may receive nothing (comments count, so heartbeats keep it alive)"
                            + " before it is taken for dead and replaced; 0 for never. Set it for servers that send"
                            + " heartbeats: a connection lost without a FIN is otherwise never noticed.",
                    GROUP_CONNECTION, 5, Width.SHORT, "Idle timeout (ms)")
            .define(CONNECT_TIMEOUT_MS, Type.LONG, 10_000L, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "How long to wait for a TCP (and TLS) connection to be made.",
                    GROUP_CONNECTION, 6, Width.SHORT, "Connect timeout (ms)")
            .define(MAX_LINE_BYTES, Type.INT, ONE_MIB, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "The longest line of the event stream accepted, in bytes; a longer one fails the stream.",
                    GROUP_CONNECTION, 7, Width.SHORT, "Longest line (bytes)")
            .define(MAX_EVENT_BYTES, Type.INT, ONE_MIB, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "The largest event data accepted, in bytes of UTF-8; a larger one fails the stream. The"
                            + " default matches the producer's default max.request.size.",
                    GROUP_CONNECTION, 8, Width.SHORT, "Largest event (bytes)");

    private final List<StreamSpec> streams;
    private final TopicPattern topic;
    private final String taskStreams;

    /**
     * Parses and checks every setting.
     *
     * @throws ConfigException listing every problem
     */
    SseSourceConfig(Map<String, String> props) {
        super(CONFIG_DEF, props, false);
        this.topic = TopicPattern.parse(getString(TOPIC));
        this.taskStreams = props.getOrDefault(TASK_STREAMS, "");
        Map<String, List<String>> problems = new LinkedHashMap<>();
        this.streams = parseStreams(props, getList(STREAMS), problems);
        if (!problems.isEmpty()) {
            List<String> all = new ArrayList<>();
            problems.forEach((key, messages) -> messages.forEach(m -> all.add(key + ": " + m)));
            throw new ConfigException("invalid sse4j source configuration: " + String.join("; ", all));
        }
    }

    List<StreamSpec> streams() {
        return streams;
    }

    TopicPattern topic() {
        return topic;
    }

    /** The streams a task reads: those named in {@link #TASK_STREAMS}. */
    List<StreamSpec> taskStreams() {
        List<String> names = taskStreams.isEmpty() ? List.of() : List.of(taskStreams.split(","));
        List<StreamSpec> mine = new ArrayList<>();
        for (StreamSpec spec : streams) {
            if (names.contains(spec.name())) {
                mine.add(spec);
            }
        }
        if (mine.size() != names.size()) {
            throw new ConfigException(TASK_STREAMS, taskStreams, "names a stream that is not configured: " + streams);
        }
        return mine;
    }

    SseOptions sseOptions() {
        return SseOptions.defaults().withLimits(SseLimits.defaults()
                .withMaxLineLength(getInt(MAX_LINE_BYTES))
                .withMaxEventSize(getInt(MAX_EVENT_BYTES)));
    }

    RetryPolicy retryPolicy() {
        RetryPolicy policy = getString(RECONNECT_POLICY).equals(POLICY_SERVER)
                ? RetryPolicy.reconnectionTime()
                : RetryPolicy.exponentialBackoff(Duration.ofMillis(getLong(RECONNECT_BACKOFF_MAX_MS)));
        if (getInt(RECONNECT_MAX_ATTEMPTS) > 0) {
            policy = policy.withMaxAttempts(getInt(RECONNECT_MAX_ATTEMPTS));
        }
        if (getLong(RECONNECT_MAX_ELAPSED_MS) > 0) {
            policy = policy.withMaxElapsed(Duration.ofMillis(getLong(RECONNECT_MAX_ELAPSED_MS)));
        }
        return policy;
    }

    Duration idleTimeout() {
        return Duration.ofMillis(getLong(IDLE_TIMEOUT_MS));
    }

    Duration connectTimeout() {
        return Duration.ofMillis(getLong(CONNECT_TIMEOUT_MS));
    }

    Duration pollTimeout() {
        return Duration.ofMillis(getLong(POLL_TIMEOUT_MS));
    }

    // ---- the streams' own settings ----

    /**
     * What is wrong with the streams' settings, by key: each key under {@code stream.}, for the
     * stream names in {@code names}. Empty when all is well.
     */
    static Map<String, List<String>> streamProblems(Map<String, String> props, List<String> names) {
        Map<String, List<String>> problems = new LinkedHashMap<>();
        parseStreams(props, names, problems);
        return problems;
    }

    /** Whether the value of {@code key} is a secret, never to be shown. */
    static boolean isSecret(String key) {
        return key.startsWith(STREAM_PREFIX) && key.contains("." + SECRET_HEADER);
    }

    private static List<StreamSpec> parseStreams(Map<String, String> props, List<String> names,
            Map<String, List<String>> problems) {
        Map<String, Map<String, String>> byStream = new LinkedHashMap<>();
        for (String name : names) {
            byStream.put(name, new LinkedHashMap<>());
        }
        for (Map.Entry<String, String> e : props.entrySet()) {
            String key = e.getKey();
            if (!key.startsWith(STREAM_PREFIX)) {
                continue;
            }
            String rest = key.substring(STREAM_PREFIX.length());
            int dot = rest.indexOf('.');
            String name = dot < 0 ? rest : rest.substring(0, dot);
            Map<String, String> settings = byStream.get(name);
            if (settings == null || dot < 0) {
                problem(problems, key, "names the stream '" + name + "', which is not in " + STREAMS + " " + names
                        + "; add it there or remove this setting");
                continue;
            }
            settings.put(rest.substring(dot + 1), e.getValue() == null ? "" : e.getValue());
        }
        List<StreamSpec> specs = new ArrayList<>();
        Map<Map<String, String>, String> identities = new HashMap<>();
        for (Map.Entry<String, Map<String, String>> e : byStream.entrySet()) {
            StreamSpec spec = parseStream(e.getKey(), e.getValue(), problems);
            if (spec == null) {
                continue;
            }
            String other = identities.putIfAbsent(spec.partition(), spec.name());
            if (other != null) {
                problem(problems, key(spec.name(), URL), "stream '" + spec.name() + "' sends the same request as"
                        + " stream '" + other + "' (" + spec.method() + " " + spec.uri() + "): they would share one"
                        + " source offset; read a stream once");
                continue;
            }
            specs.add(spec);
        }
        return List.copyOf(specs);
    }

    private static StreamSpec parseStream(String name, Map<String, String> settings, Map<String, List<String>> problems) {
        int before = count(problems);
        String url = settings.get(URL);
        URI uri = null;
        if (url == null || url.isBlank()) {
            problem(problems, key(name, URL), "stream '" + name + "' has no URL; set " + key(name, URL)
                    + " to its http:// or https:// URL");
        } else {
            uri = parseUrl(name, url.strip(), problems);
        }
        String method = settings.getOrDefault(METHOD, "GET").strip();
        if (method.isEmpty() || !isToken(method)) {
            problem(problems, key(name, METHOD), "stream '" + name + "': \"" + method + "\" is not an HTTP method");
        } else if (uri != null) {
            try {
                HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody());
            } catch (IllegalArgumentException e) {
                problem(problems, key(name, METHOD), "stream '" + name + "': method " + method
                        + " cannot be sent: " + e.getMessage());
            }
        }
        String lastEventId = settings.getOrDefault(LAST_EVENT_ID, "");
        if (!isSendableId(lastEventId)) {
            problem(problems, key(name, LAST_EVENT_ID), "stream '" + name + "': the initial Last-Event-ID must be"
                    + " printable ASCII without leading or trailing spaces, to be sent as a header");
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        List<Map.Entry<String, Password>> secretHeaders = new ArrayList<>();
        Set<String> known = Set.of(URL, METHOD, BODY, LAST_EVENT_ID);
        for (Map.Entry<String, String> s : settings.entrySet()) {
            String setting = s.getKey();
            if (setting.startsWith(SECRET_HEADER)) {
                String header = setting.substring(SECRET_HEADER.length());
                if (checkHeader(name, key(name, setting), header, s.getValue(), true, problems)) {
                    secretHeaders.add(new AbstractMap.SimpleImmutableEntry<>(header, new Password(s.getValue())));
                }
            } else if (setting.startsWith(HEADER)) {
                String header = setting.substring(HEADER.length());
                if (checkHeader(name, key(name, setting), header, s.getValue(), false, problems)) {
                    headers.add(new AbstractMap.SimpleImmutableEntry<>(header, s.getValue()));
                }
            } else if (!known.contains(setting)) {
                problem(problems, key(name, setting), "stream '" + name + "' has no setting \"" + setting
                        + "\"; a stream has url, method, body, last.event.id, header.<Name> and secret.header.<Name>");
            }
        }
        if (count(problems) > before || uri == null) {
            return null;
        }
        return new StreamSpec(name, uri, method, settings.getOrDefault(BODY, ""), headers, secretHeaders, lastEventId);
    }

    private static URI parseUrl(String name, String url, Map<String, List<String>> problems) {
        String key = key(name, URL);
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            problem(problems, key, "stream '" + name + "': \"" + url + "\" is not a URL: " + e.getMessage());
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            problem(problems, key, "stream '" + name + "': \"" + url + "\" is not an http:// or https:// URL");
            return null;
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            problem(problems, key, "stream '" + name + "': \"" + url + "\" has no host");
            return null;
        }
        try {
            HttpRequest.newBuilder(uri);
        } catch (IllegalArgumentException e) {
            problem(problems, key, "stream '" + name + "': \"" + url + "\" cannot be requested: " + e.getMessage());
            return null;
        }
        return uri;
    }

    /** Checks a header's name and value; a secret value is never put in a message. */
    private static boolean checkHeader(String stream, String key, String header, String value, boolean secret,
            Map<String, List<String>> problems) {
        if (header.isEmpty() || !isToken(header)) {
            problem(problems, key, "stream '" + stream + "': \"" + header + "\" is not a header name (letters,"
                    + " digits and !#$%&'*+-.^_`|~ only)");
            return false;
        }
        if (header.equalsIgnoreCase("Last-Event-ID")) {
            problem(problems, key, "stream '" + stream + "': set the initial Last-Event-ID with "
                    + key(stream, LAST_EVENT_ID) + "; the connector sends the header itself, from the committed"
                    + " offset when there is one");
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7F) {
                problem(problems, key, "stream '" + stream + "': the value of header " + header
                        + " has a control character (such as a line break) at " + i + ", which a header cannot have");
                return false;
            }
        }
        try {
            HttpRequest.newBuilder(URI.create("http://localhost/")).header(header, value);
        } catch (IllegalArgumentException e) {
            String why = secret ? "the HTTP client refuses it" : e.getMessage();
            problem(problems, key, "stream '" + stream + "': header " + header + " cannot be sent: " + why);
            return false;
        }
        return true;
    }

    static boolean isToken(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Printable ASCII, without leading or trailing blanks: what the event source can send as it is. */
    static boolean isSendableId(String id) {
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if ((c < 0x20 && c != '\t') || c >= 0x7F) {
                return false;
            }
        }
        return id.isEmpty() || (id.strip().length() == id.length());
    }

    static String key(String stream, String setting) {
        return STREAM_PREFIX + stream + "." + setting;
    }

    private static void problem(Map<String, List<String>> problems, String key, String message) {
        problems.computeIfAbsent(key, k -> new ArrayList<>()).add(message);
    }

    private static int count(Map<String, List<String>> problems) {
        return problems.values().stream().mapToInt(List::size).sum();
    }

    // ---- validators of the fixed settings ----

    private static void checkStreamNames(String name, Object value) {
        @SuppressWarnings("unchecked")
        List<String> names = (List<String>) value;
        if (names == null || names.isEmpty()) {
            throw new ConfigException(name, value, "name at least one stream, such as \"wiki\", and set its URL with"
                    + " stream.wiki.url");
        }
        Set<String> seen = new java.util.HashSet<>();
        for (String stream : names) {
            if (stream.isEmpty() || !stream.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 0x80
                    || c == '-' || c == '_')) {
                throw new ConfigException(name, value, "stream name \"" + stream + "\" may only have letters, digits,"
                        + " '-' and '_'");
            }
            if (!seen.add(stream)) {
                throw new ConfigException(name, value, "stream \"" + stream + "\" is named twice");
            }
        }
    }

    private static void checkTopic(String name, Object value) {
        if (value == null) {
            return; // Reported as missing.
        }
        try {
            TopicPattern.parse((String) value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, value, e.getMessage());
        }
    }
}
