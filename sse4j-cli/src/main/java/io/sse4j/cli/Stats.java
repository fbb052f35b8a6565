package io.sse4j.cli;

import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * {@code --stats}: events, bytes, rate and reconnects on standard error. On a terminal the line is
 * redrawn in place four times a second, and taken away while anything else is printed to the
 * terminal ({@link #around}); otherwise one summary line is printed at the end.
 */
final class Stats {

    private static final long REDRAW_MILLIS = 250;

    private final Io io;
    private final Ansi ansi;
    private final boolean live;
    private final LongSupplier events;
    private final LongSupplier bytes;
    private final LongSupplier reconnects;
    private final long start = System.nanoTime();
    private final ReentrantLock lock = new ReentrantLock();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private boolean shown;
    private boolean finished;

    /** Starts counting now; on a terminal, starts redrawing. */
    Stats(Io io, LongSupplier events, LongSupplier bytes, LongSupplier reconnects) {
        this.io = io;
        this.live = io.errIsTerminal && io.ansiAllowed;
        this.ansi = Ansi.of(live);
        this.events = events;
        this.bytes = bytes;
        this.reconnects = reconnects;
        if (live) {
            Thread redraw = new Thread(this::redrawUntilStopped, "sse4j-stats");
            redraw.setDaemon(true);
            redraw.start();
        }
    }

    /** Prints something to the terminal: the live line steps aside for it, then comes back below. */
    void around(Runnable print) {
        lock.lock();
        try {
            erase();
            print.run();
            draw();
        } finally {
            lock.unlock();
        }
    }

    /** Stops redrawing and prints the summary line. */
    void finish() {
        lock.lock();
        try {
            if (finished) {
                return;
            }
            finished = true;
            stopped.countDown();
            erase();
            io.err.println("sse4j: " + line());
        } finally {
            lock.unlock();
        }
    }

    private void redrawUntilStopped() {
        try {
            while (!stopped.await(REDRAW_MILLIS, TimeUnit.MILLISECONDS)) {
                lock.lock();
                try {
                    if (!finished) {
                        erase();
                        draw();
                    }
                } finally {
                    lock.unlock();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void draw() {
        if (live && !finished) {
            io.err.print(ansi.dim(line()));
            io.err.flush();
            shown = true;
        }
    }

    private void erase() {
        if (shown) {
            io.err.print(ansi.clearLine());
            io.err.flush();
            shown = false;
        }
    }

    /** {@code 42 events, 3.1 KiB in 2.0 s (21.0 events/s), 1 reconnect}. */
    String line() {
        long n = events.getAsLong();
        double seconds = (System.nanoTime() - start) / 1e9;
        long r = reconnects.getAsLong();
        return String.format(Locale.ROOT, "%d %s, %s in %.1f s (%.1f events/s), %d %s", n, n == 1 ? "event" : "events",
                size(bytes.getAsLong()), seconds, seconds > 0 ? n / seconds : 0.0, r, r == 1 ? "reconnect" : "reconnects");
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }
}
