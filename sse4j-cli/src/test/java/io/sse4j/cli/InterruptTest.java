package io.sse4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sse4j.ServerSentEvent;
import io.sse4j.testkit.MockResponse;
import io.sse4j.testkit.MockSseServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C and SIGTERM on a real process: the command closes the stream (the server sees the client
 * go), finishes its output and record, and exits 130 or 143.
 */
class InterruptTest {

    @TempDir
    Path dir;

    private MockSseServer server;

    @BeforeEach
    void start() throws Exception {
        server = MockSseServer.start();
        server.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("message", "first", "1")).stall().build());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** The command in a JVM of its own, on this test's class path, its output pumped into captures. */
    private static final class Child {
        final Process process;
        final Capture out = new Capture();
        final Capture err = new Capture();

        Child(List<String> prefix, String... args) throws IOException {
            List<String> command = new ArrayList<>(prefix);
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(Main.class.getName());
            command.addAll(List.of(args));
            process = new ProcessBuilder(command).start();
            process.getOutputStream().close();
            pump(process.getInputStream(), out);
            pump(process.getErrorStream(), err);
        }

        private static void pump(InputStream from, OutputStream to) {
            Thread pump = new Thread(() -> {
                try (from) {
                    from.transferTo(to);
                } catch (IOException e) {
                    // the process is gone
                }
            }, "pump");
            pump.setDaemon(true);
            pump.start();
        }

        int exitCode() throws Exception {
            if (!process.waitFor(CliRun.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("still running; stdout:\n" + out.text() + "stderr:\n" + err.text());
            }
            return process.exitValue();
        }
    }

    /**
     * {@code env --default-signal=INT}: a process started in the background by a shell without job
     * control inherits SIGINT ignored, and the JVM then leaves it ignored; this puts it back.
     */
    private static List<String> sigintDefault() throws Exception {
        Process probe = new ProcessBuilder("env", "--default-signal=INT", "true").start();
        return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0 ? List.of("env", "--default-signal=INT") : List.of();
    }

    private Child follow() throws Exception {
        Path record = dir.resolve("record.sse");
        Child child = new Child(sigintDefault(), server.uri().toString(), "--raw", "--stats", "--record", record.toString());
        child.out.await(out -> out.equals("first\n"), CliRun.TIMEOUT);
        return child;
    }

    private void closedCleanly(Child child) throws Exception {
        server.awaitClientDisconnects(1, CliRun.TIMEOUT);
        assertEquals("first\n", child.out.text());
        String err = child.err.await(text -> text.endsWith(" reconnects\n"), CliRun.TIMEOUT);
        assertTrue(err.matches("sse4j: 1 event, 19 B in [0-9.]+ s \\([0-9.]+ events/s\\), 0 reconnects\n"), err);
        assertEquals("id: 1\ndata: first\n\n", Files.readString(dir.resolve("record.sse")));
    }

    private static void signal(Child child, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(child.process.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor());
    }

    @Test
    void ctrlCClosesTheStreamAndExits130() throws Exception {
        Child child = follow();
        signal(child, "INT");
        assertEquals(130, child.exitCode(), child.err.text());
        closedCleanly(child);
    }

    @Test
    void sigtermClosesTheStreamAndExits143() throws Exception {
        // kill, not Process.destroy(): destroy() sends the same SIGTERM, but also closes this end of
        // the child's output pipes, and the summary written while it closes would be lost.
        Child child = follow();
        signal(child, "TERM");
        assertEquals(143, child.exitCode(), child.err.text());
        closedCleanly(child);
    }
}
