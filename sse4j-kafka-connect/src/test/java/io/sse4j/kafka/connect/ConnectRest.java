package io.sse4j.kafka.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * A Connect worker's REST API over loopback, used as an operator would: JSON in, status and JSON
 * out. Every call has a timeout.
 */
final class ConnectRest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final URI base;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    ConnectRest(URI base) {
        if (!Set.of("127.0.0.1", "localhost").contains(base.getHost())) {
            throw new IllegalArgumentException("tests talk to loopback only, not " + base);
        }
        this.base = base;
    }

    /** A response: its status and body. */
    record Response(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    /** Sends {@code method path} with {@code body} as JSON (none if null). */
    Response send(String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                .header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body)));
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body());
    }

    /** Sends as {@link #send} does, and fails unless the status is 2xx. */
    Response ok(String method, String path, Object body) throws IOException, InterruptedException {
        Response response = send(method, path, body);
        if (response.status() / 100 != 2) {
            throw new AssertionError(method + " " + path + " answered " + response.status() + ": " + response.body());
        }
        return response;
    }

    /**
     * {@code GET /connectors/<name>/offsets} as a map from each partition's URL to its
     * {@code last_event_id} ({@code "null"} for a null ID or offset).
     */
    Map<String, String> offsetsByUrl(String connector) throws IOException, InterruptedException {
        return offsetsByUrl(ok("GET", "/connectors/" + connector + "/offsets", null));
    }

    static Map<String, String> offsetsByUrl(Response response) {
        Map<String, String> byUrl = new LinkedHashMap<>();
        for (JsonNode entry : response.json().get("offsets")) {
            JsonNode id = entry.path("offset").path("last_event_id");
            byUrl.put(entry.get("partition").get("url").asText(), id.isTextual() ? id.asText() : "null");
        }
        return byUrl;
    }

    /**
     * Asks {@code GET /connectors/<name>/offsets} every 100 ms until {@code done} holds for its
     * {@link #offsetsByUrl}; fails after {@code timeout} with the last answer. Returns that answer.
     */
    Response awaitOffsets(String connector, Predicate<Map<String, String>> done, Duration timeout, String what)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Response response = ok("GET", "/connectors/" + connector + "/offsets", null);
            if (done.test(offsetsByUrl(response))) {
                return response;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; last answer: "
                        + response.body());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    /** Asks {@code GET /connectors/<name>/status} every 100 ms until the connector's state is {@code state}. */
    void awaitConnectorState(String connector, String state, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Response response = send("GET", "/connectors/" + connector + "/status", null);
            if (response.status() == 200 && state.equals(response.json().path("connector").path("state").asText())) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + connector + " to be " + state
                        + "; last answer: " + response.status() + " " + response.body());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }
}
