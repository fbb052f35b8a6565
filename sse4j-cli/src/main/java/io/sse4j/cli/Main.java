package io.sse4j.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The {@code sse4j} command's entry point. See {@code sse4j --help}, or docs/cli.md in the
 * repository.
 */
public final class Main {

    /** How long Ctrl-C waits for the command to close its stream and flush its output. */
    private static final long CLOSE_WAIT_SECONDS = 5;

    private Main() {
    }

    /**
     * Runs the command and exits with its status.
     *
     * <p>Ctrl-C (SIGINT) and SIGTERM start the JVM's shutdown, whose hook here cancels the command
     * in progress, which closes its stream, and waits for it to finish its output. The JVM then
     * exits with the signal's status, 130 or 143; this thread does not call {@code exit} over it.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        Io io = Io.system();
        Cancellation cancellation = new Cancellation();
        CountDownLatch finished = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (cancellation.cancel()) {
                try {
                    finished.await(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "sse4j-shutdown"));
        int code;
        try {
            code = new Cli(io, cancellation).run(args);
        } finally {
            finished.countDown();
        }
        if (!cancellation.cancelled()) {
            System.exit(code);
        }
    }
}
