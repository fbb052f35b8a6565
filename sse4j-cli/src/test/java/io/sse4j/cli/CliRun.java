package io.sse4j.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs the command in-process, as {@link Main} would, on captured streams that are not terminals. */
final class CliRun {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** What a finished run left: its exit code and its output. */
    record Result(int code, String out, String err) {

        List<String> outLines() {
            return out.lines().toList();
        }

        List<String> errLines() {
            return err.lines().toList();
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout:\n" + out + "--- stderr:\n" + err;
        }
    }

    /** A run in progress on its own thread. */
    static final class Running {
        final Capture out = new Capture();
        final Capture err = new Capture();
        final Cancellation cancellation = new Cancellation();
        private final FutureTask<Integer> task;

        private Running(InputStream stdin, String... args) {
            Io io = new Io(stdin, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), false, false, true);
            task = new FutureTask<>(() -> new Cli(io, cancellation).run(args));
            Thread thread = new Thread(task, "sse4j-under-test");
            thread.setDaemon(true);
            thread.start();
        }

        /** Ctrl-C, as the shutdown hook gives it. */
        Running cancel() {
            cancellation.cancel();
            return this;
        }

        Result result() throws InterruptedException, TimeoutException {
            try {
                int code = task.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                return new Result(code, out.text(), err.text());
            } catch (ExecutionException e) {
                throw new AssertionError("the command threw", e.getCause());
            } catch (TimeoutException e) {
                task.cancel(true);
                throw new TimeoutException("still running after " + TIMEOUT + "\n--- stdout:\n" + out.text()
                        + "--- stderr:\n" + err.text());
            }
        }
    }

    private CliRun() {
    }

    static Running start(String... args) {
        return new Running(InputStream.nullInputStream(), args);
    }

    static Result run(String... args) throws InterruptedException, TimeoutException {
        return start(args).result();
    }

    static Result runWithInput(byte[] stdin, String... args) throws InterruptedException, TimeoutException {
        return runWithInput(new ByteArrayInputStream(stdin), args);
    }

    static Result runWithInput(InputStream stdin, String... args) throws InterruptedException, TimeoutException {
        return new Running(stdin, args).result();
    }
}
