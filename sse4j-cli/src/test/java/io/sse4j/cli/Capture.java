package io.sse4j.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/** What a command writes to one stream, readable while it runs; {@link #await} waits for text to appear. */
final class Capture extends OutputStream {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public synchronized void write(int b) {
        bytes.write(b);
        notifyAll();
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        bytes.write(b, off, len);
        notifyAll();
    }

    synchronized String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    synchronized byte[] bytes() {
        return bytes.toByteArray();
    }

    /** Waits until the text so far satisfies {@code condition}; returns that text. */
    synchronized String await(Predicate<String> condition, Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String text;
        while (!condition.test(text = text())) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException("not within " + timeout + "; so far:\n" + text);
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return text;
    }
}
