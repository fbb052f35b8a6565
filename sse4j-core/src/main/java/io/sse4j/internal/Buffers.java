package io.sse4j.internal;

/**
 * How the parser keeps its working buffers: how they grow, which are worth keeping for the next
 * line or event, and the per-thread window through which buffers without an accessible array are
 * copied.
 */
public final class Buffers {

    public static final byte[] EMPTY = new byte[0];

    /**
     * Buffers up to this size are kept for the next line or event. Larger ones are kept only while
     * the stream keeps filling at least a quarter of them, and never beyond
     * {@link #MAX_RETAINED_BUFFER_SIZE}: a stream of large events reuses one buffer, while a
     * one-off large event does not pin its memory.
     */
    private static final int RETAINED_BUFFER_SIZE = 8 * 1024;
    private static final int MAX_RETAINED_BUFFER_SIZE = 1024 * 1024;
    /**
     * Window through which buffers without an accessible array are copied. The JDK's HTTP client
     * hands out read-only heap buffers of 16 KiB, which this takes in one copy.
     */
    private static final int COPY_WINDOW = 16 * 1024;
    /**
     * One copy window per thread, not per parser: an idle stream then holds none. A caller takes
     * the thread's window for the length of a call (a nested call on the same thread, from a
     * handler, finds none and makes its own).
     */
    private static final ThreadLocal<byte[]> WINDOWS = new ThreadLocal<>();

    private Buffers() {
    }

    /** Whether a buffer of which {@code used} bytes were just used is worth keeping. */
    public static boolean worthKeeping(byte[] buffer, int used) {
        return buffer.length <= RETAINED_BUFFER_SIZE
                || (buffer.length <= MAX_RETAINED_BUFFER_SIZE && used >= buffer.length / 4);
    }

    /**
     * A copy of the first {@code used} bytes of {@code buffer} in one of at least {@code needed}
     * bytes and at most {@code max}: doubling while small, then growing by half, so that a buffer
     * near its limit does not overshoot what the stream needs by much (the old and the new buffer
     * are both live during the copy).
     */
    public static byte[] grow(byte[] buffer, int used, int needed, int max) {
        long size = Math.max(256L, buffer.length < MAX_RETAINED_BUFFER_SIZE
                ? (long) buffer.length * 2 : buffer.length + (long) (buffer.length >> 1));
        if (size < needed) {
            size = needed < MAX_RETAINED_BUFFER_SIZE ? Integer.highestOneBit(needed - 1) * 2L : needed;
        }
        byte[] bigger = new byte[(int) Math.min(size, max)];
        System.arraycopy(buffer, 0, bigger, 0, used);
        return bigger;
    }

    /** Takes this thread's copy window, or makes one; give it back with {@link #release}. */
    public static byte[] takeWindow() {
        byte[] window = WINDOWS.get();
        if (window == null) {
            return new byte[COPY_WINDOW];
        }
        WINDOWS.set(null);
        return window;
    }

    public static void release(byte[] window) {
        WINDOWS.set(window);
    }
}
