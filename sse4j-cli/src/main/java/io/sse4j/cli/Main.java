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

    /** The shutdown hook: cancels the command in progress and waits for it to finish its output. */
    private static final class Shutdown implements Runnable {
        private final Cancellation cancellation;
        private final CountDownLatch finished;

        Shutdown(Cancellation cancellation, CountDownLatch finished) {
            this.cancellation = cancellation;
            this.finished = finished;
        }

        @Override
        public void run() {
            if (cancellation.cancel()) {
                try {
                    finished.await(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
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
        Runtime.getRuntime().addShutdownHook(new Thread(new Shutdown(cancellation, finished), "sse4j-shutdown"));
        int code;
        try {
            code = new Cli(io, cancellation).run(args);
        } finally {
            finished.countDown();
        }
        if (!cancellation.cancelled()) {
            releaseSelectorThreads();
            System.exit(code);
        }
    }

    /**
     * Lets the HTTP client's selector threads out of {@code epoll_wait} before the exit: HotSpot
     * waits up to 300 ms for threads in native code when it exits (JDK 22 made that wait
     * configurable, JDK 17 has no switch, and its {@code HttpClient} cannot be closed). The
     * command has finished with its client, so its selector thread may end: interrupted, it
     * returns from the system call and leaves its loop.
     */
    private static void releaseSelectorThreads() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 8];
        int n = root.enumerate(threads);
        for (int i = 0; i < n; i++) {
            String name = threads[i].getName();
            if (name.startsWith("HttpClient-") && name.endsWith("-SelectorManager")) {
                threads[i].interrupt();
            }
        }
    }
}
