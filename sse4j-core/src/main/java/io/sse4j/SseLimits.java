package io.sse4j;

/**
 * Memory bounds for parsing one event stream. Immutable; start from {@link #defaults()} and adjust
 * with the {@code with…} methods.
 *
 * <p>A stream that crosses a limit fails with a {@link java.net.ProtocolException} whose message
 * names the limit and its value. Events dispatched before that point have been delivered.
 */
public final class SseLimits {

    /** Default {@linkplain #maxLineLength() maximum line length}: {@value} bytes (16 MiB). */
    public static final int DEFAULT_MAX_LINE_LENGTH = 16 * 1024 * 1024;

    /** Default {@linkplain #maxEventSize() maximum event size}: {@value} bytes (16 MiB). */
    public static final int DEFAULT_MAX_EVENT_SIZE = 16 * 1024 * 1024;

    private static final SseLimits DEFAULTS = new SseLimits(DEFAULT_MAX_LINE_LENGTH, DEFAULT_MAX_EVENT_SIZE);

    private final int maxLineLength;
    private final int maxEventSize;

    private SseLimits(int maxLineLength, int maxEventSize) {
        this.maxLineLength = maxLineLength;
        this.maxEventSize = maxEventSize;
    }

    /**
     * The defaults: lines up to {@value #DEFAULT_MAX_LINE_LENGTH} bytes and event data up to
     * {@value #DEFAULT_MAX_EVENT_SIZE} bytes, enough for multi-megabyte base64 payloads. See
     * {@link SseOptions} for the heap this lets one stream need.
     *
     * @return the default limits
     */
    public static SseLimits defaults() {
        return DEFAULTS;
    }

    /**
     * The longest line accepted, in bytes, not counting its line ending. Comment and field lines
     * alike; a stream that never ends a line fails as soon as more than this many bytes of it
     * have arrived.
     *
     * @return the maximum line length in bytes
     */
    public int maxLineLength() {
        return maxLineLength;
    }

    /**
     * The largest data buffer accepted for one event, in bytes of UTF-8: the values of its
     * {@code data} lines plus one line feed per line.
     *
     * @return the maximum event size in bytes
     */
    public int maxEventSize() {
        return maxEventSize;
    }

    /**
     * These limits with another maximum line length.
     *
     * @param bytes the maximum line length in bytes, at least 1
     * @return the new limits
     */
    public SseLimits withMaxLineLength(int bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("maxLineLength must be at least 1, got " + bytes);
        }
        return new SseLimits(bytes, maxEventSize);
    }

    /**
     * These limits with another maximum event size.
     *
     * @param bytes the maximum event size in bytes, at least 1
     * @return the new limits
     */
    public SseLimits withMaxEventSize(int bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("maxEventSize must be at least 1, got " + bytes);
        }
        return new SseLimits(maxLineLength, bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SseLimits
                && ((SseLimits) o).maxLineLength == maxLineLength
                && ((SseLimits) o).maxEventSize == maxEventSize;
    }

    @Override
    public int hashCode() {
        return maxLineLength * 31 + maxEventSize;
    }

    @Override
    public String toString() {
        return "SseLimits[maxLineLength=" + maxLineLength + ", maxEventSize=" + maxEventSize + "]";
    }
}
