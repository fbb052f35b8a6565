package io.sse4j.bench;

import java.io.InputStream;
import java.util.Objects;

/**
 * An {@link InputStream} over an array that returns at most {@code chunkSize} bytes per read, like
 * a socket that receives the stream in packets of that size. Not thread-safe.
 */
public final class ChunkedInputStream extends InputStream {

    private final byte[] bytes;
    private final int chunkSize;
    private int position;

    /**
     * A stream over all of {@code bytes}.
     *
     * @param bytes     the content; not copied, not modified
     * @param chunkSize the most bytes any read returns, at least 1
     */
    public ChunkedInputStream(byte[] bytes, int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be at least 1: " + chunkSize);
        }
        this.bytes = bytes;
        this.chunkSize = chunkSize;
    }

    @Override
    public int read() {
        return position < bytes.length ? bytes[position++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        int n = Math.min(Math.min(len, chunkSize), bytes.length - position);
        if (n <= 0) {
            return -1;
        }
        System.arraycopy(bytes, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public int available() {
        return Math.min(chunkSize, bytes.length - position);
    }
}
