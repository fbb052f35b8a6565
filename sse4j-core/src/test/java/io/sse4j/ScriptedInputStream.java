package io.sse4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An input stream that serves what a test offers, in order, and blocks when it has nothing left
 * until the test offers more, ends it or fails it. A blocked read ends with
 * {@link InterruptedIOException} when its thread is interrupted (as JUnit's preemptive timeouts do).
 */
final class ScriptedInputStream extends InputStream {

    private static final Object END = new Object();

    private final BlockingQueue<Object> script = new LinkedBlockingQueue<>();
    private final int maxBytesPerRead;
    private final AtomicInteger reads = new AtomicInteger();
    private volatile boolean closed;
    private byte[] current = new byte[0];
    private int position;

    private ScriptedInputStream(int maxBytesPerRead) {
        this.maxBytesPerRead = maxBytesPerRead;
    }

    /** A stream whose reads return whatever is at hand, up to one offered chunk. */
    static ScriptedInputStream create() {
        return new ScriptedInputStream(Integer.MAX_VALUE);
    }

    /** A stream whose reads return at most one byte each. */
    static ScriptedInputStream oneBytePerRead() {
        return new ScriptedInputStream(1);
    }

    ScriptedInputStream offer(String text) {
        script.add(Bytes.utf8(text));
        return this;
    }

    ScriptedInputStream offer(byte[] bytes) {
        script.add(bytes.clone());
        return this;
    }

    /** After what was offered, reads throw {@code failure}. */
    ScriptedInputStream fail(IOException failure) {
        script.add(failure);
        return this;
    }

    /** After what was offered, the stream ends. */
    ScriptedInputStream end() {
        script.add(END);
        return this;
    }

    /** How many read calls returned data, -1 or an exception so far. */
    int reads() {
        return reads.get();
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        if (length == 0) {
            return 0;
        }
        while (position == current.length) {
            Object next;
            try {
                next = script.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the test to offer more");
            }
            if (next == END) {
                script.add(END);
                reads.incrementAndGet();
                return -1;
            }
            if (next instanceof IOException) {
                reads.incrementAndGet();
                throw (IOException) next;
            }
            current = (byte[]) next;
            position = 0;
        }
        int n = Math.min(Math.min(length, maxBytesPerRead), current.length - position);
        System.arraycopy(current, position, buffer, offset, n);
        position += n;
        reads.incrementAndGet();
        return n;
    }

    @Override
    public void close() {
        closed = true;
    }
}
