package io.sse4j.bench.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link StormServer} in a JVM of its own, on this process's classpath, driven over its
 * standard input and output (see {@link StormServer#main}): so that the client under test owns its
 * heap, threads and file descriptors alone. Its standard error goes to this process's.
 */
public final class StormServerProcess implements StormControl {

    /** Bounds the start and every command but those that carry their own timeout. */
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(60);
    /** Marks the end of the server's output in {@link #lines}. */
    private static final String END = "\u0000end";

    private final Process process;
    private final Writer commands;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final int port;

    private StormServerProcess(Process process) throws IOException, TimeoutException, InterruptedException {
        this.process = process;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // The process is gone; END below says so.
            }
            lines.add(END);
        }, "storm-server-output");
        reader.setDaemon(true);
        reader.start();
        String first = next(REPLY_TIMEOUT, "port=N");
        if (!first.startsWith("port=")) {
            throw new IOException("the storm server did not start: " + first);
        }
        this.port = Integer.parseInt(first.substring("port=".length()));
    }

    /**
     * Starts a storm server process and waits until it listens.
     *
     * @param streams     how many streams
     * @param retryMillis the {@code retry:} time of every response
     * @param maxHeap     the server's {@code -Xmx}, e.g. {@code 512m}
     * @param maxSeconds  the server stops by itself after this long
     * @return the running server, which must be closed
     * @throws Exception if it does not start within a minute
     */
    public static StormServerProcess start(int streams, int retryMillis, String maxHeap, long maxSeconds) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + maxHeap);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(StormServer.class.getName());
        command.add("--streams");
        command.add(Integer.toString(streams));
        command.add("--retry-ms");
        command.add(Integer.toString(retryMillis));
        command.add("--max-seconds");
        command.add(Long.toString(maxSeconds));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            return new StormServerProcess(process);
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /**
     * The server's process id, for the record.
     *
     * @return the pid
     */
    public long pid() {
        return process.pid();
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public int publish(int events) throws Exception {
        String reply = call("publish " + events, REPLY_TIMEOUT);
        return Integer.parseInt(reply.substring("published=".length()));
    }

    @Override
    public void restart(Duration outage, int publishWhileDown) throws Exception {
        call("restart " + outage.toMillis() + " " + publishWhileDown, REPLY_TIMEOUT.plus(outage));
    }

    @Override
    public void awaitStreams(int count, Duration timeout) throws Exception {
        String reply = call("await-streams " + count + " " + timeout.toMillis(), timeout.plus(REPLY_TIMEOUT), false);
        if (reply.startsWith("error ")) {
            throw new TimeoutException("storm server: " + reply.substring("error ".length()));
        }
    }

    @Override
    public StormServer.Stats stats() throws Exception {
        return StormServer.Stats.parse(call("stats", REPLY_TIMEOUT));
    }

    private String call(String command, Duration timeout) throws Exception {
        String reply = call(command, timeout, true);
        return reply.startsWith("ok ") ? reply.substring(3) : "";
    }

    private String call(String command, Duration timeout, boolean failOnError) throws Exception {
        commands.write(command + "\n");
        commands.flush();
        String reply = next(timeout, command);
        if (failOnError && !reply.startsWith("ok")) {
            throw new IllegalStateException("storm server: '" + command + "' answered " + reply);
        }
        return reply;
    }

    private String next(Duration timeout, String awaited) throws TimeoutException, InterruptedException, IOException {
        String line = lines.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (line == null) {
            throw new TimeoutException("storm server: no answer to '" + awaited + "' within " + timeout.toSeconds() + " s");
        }
        if (line.equals(END)) {
            lines.add(END);
            throw new IOException("storm server: the process ended (exit " + (process.isAlive() ? "?" : process.exitValue())
                    + ") while waiting for an answer to '" + awaited + "'");
        }
        return line;
    }

    /** Asks the server to quit, and kills it if it has not within 10 s. */
    @Override
    public void close() {
        try {
            commands.write("quit\n");
            commands.flush();
            commands.close();
        } catch (IOException e) {
            // Gone already, or going: the wait below decides.
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "StormServerProcess[pid=" + process.pid() + ", port=" + port + "]";
    }
}
