package io.sse4j.kafka.connect;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A Connect worker in a JVM of its own ({@link TestWorker#main}), so that a test can kill it as a
 * crash would: no task is stopped, no offset flushed, no transaction ended.
 */
final class ChildWorker implements AutoCloseable {

    private final Process process;
    private final URI rest;

    private ChildWorker(Process process, URI rest) {
        this.process = process;
        this.rest = rest;
    }

    /** Starts a worker with {@code props}; its output goes to {@code log}. Waits until its REST API is up. */
    static ChildWorker start(Map<String, String> props, Path log) throws Exception {
        return start(props, log, entry -> true);
    }

    /**
     * Starts a worker as {@link #start(Map, Path)} does, on the class path of this test less the
     * entries {@code keep} rejects.
     */
    static ChildWorker start(Map<String, String> props, Path log, Predicate<String> keep) throws Exception {
        Properties properties = new Properties();
        properties.putAll(props);
        Path file = Files.createTempFile("sse4j-child-worker", ".properties");
        try (OutputStream out = Files.newOutputStream(file)) {
            properties.store(out, "a worker killed by a test");
        }
        String classpath = Arrays.stream(System.getProperty("surefire.test.class.path",
                System.getProperty("java.class.path")).split(File.pathSeparator))
                .filter(keep)
                .collect(Collectors.joining(File.pathSeparator));
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // log4j2-test.xml, on the test class path, logs to standard output here: see the pump below.
                "-Xmx512m", "-XX:+UseSerialGC", "-cp", classpath, TestWorker.class.getName(), file.toString())
                .redirectErrorStream(true)
                .start();
        CompletableFuture<URI> rest = new CompletableFuture<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                    PrintStream out = new PrintStream(Files.newOutputStream(log), true, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    out.println(line);
                    if (line.startsWith("REST ")) {
                        rest.complete(URI.create(line.substring(5).strip()));
                    }
                }
                rest.completeExceptionally(new IllegalStateException("the child worker ended; see " + log));
            } catch (IOException e) {
                rest.completeExceptionally(e);
            }
        }, "child-worker-output");
        pump.setDaemon(true);
        pump.start();
        try {
            return new ChildWorker(process, rest.get(60, TimeUnit.SECONDS));
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** Creates the connector through the REST API, as an operator would. */
    void putConnector(String name, Map<String, String> config) throws Exception {
        Map<String, String> withName = new HashMap<>(config);
        withName.put("name", name);
        HttpRequest request = HttpRequest.newBuilder(rest.resolve("/connectors/" + name + "/config"))
                .PUT(HttpRequest.BodyPublishers.ofString(new ObjectMapper().writeValueAsString(withName)))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(90))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw new IllegalStateException("PUT " + request.uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    /** Kills the worker's JVM at once (SIGKILL) and waits until it is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the child worker did not die");
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
