package io.sse4j.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds line ends (CR or LF) eight bytes at a time, and notes on the way whether the bytes of the
 * current line are all ASCII, so that ASCII data needs no decoding beyond a copy.
 *
 * <p>For each word, "byte equals LF or CR" is a zero test on {@code word ^ pattern}; the lowest
 * flagged byte (little-endian order) is always a true match. A cheaper test for bytes below 0x0E
 * runs first: only line ends and a few control characters pay for the exact one.
 */
public final class LineScanner {

    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long LFS = 0x0A0A0A0A0A0A0A0AL;
    private static final long CRS = 0x0D0D0D0D0D0D0D0DL;
    private static final long BELOW_CR = 0x0E0E0E0E0E0E0E0EL;
    private static final byte LF = '\n';
    private static final byte CR = '\r';

    /**
     * OR of the bytes searched since the last {@link #reset()} (and possibly a few past the line
     * end found): when its high bits are clear, the line is ASCII.
     */
    private long bits;

    /** Index of the first CR or LF in {@code b[from, to)}, or -1. */
    public int indexOfLineEnd(byte[] b, int from, int to) {
        long seen = bits;
        int i = from;
        for (int last = to - Long.BYTES; i <= last; i += Long.BYTES) {
            long word = (long) LONGS.get(b, i);
            seen |= word;
            if (((word - BELOW_CR) & ~word & Utf8.HIGHS) != 0) {
                long lf = word ^ LFS;
                long cr = word ^ CRS;
                long found = ((lf - ONES) & ~lf | (cr - ONES) & ~cr) & Utf8.HIGHS;
                if (found != 0) {
                    bits = seen;
                    return i + (Long.numberOfTrailingZeros(found) >>> 3);
                }
            }
        }
        for (; i < to; i++) {
            byte c = b[i];
            if (c == LF || c == CR) {
                bits = seen;
                return i;
            }
            seen |= c;
        }
        bits = seen;
        return -1;
    }

    /** The bits seen of the current line: {@code (bits() & Utf8.HIGHS) == 0} means ASCII. */
    public long bits() {
        return bits;
    }

    /** Marks the current line as not ASCII, for bytes that did not pass through the search. */
    public void markNonAscii() {
        bits = Utf8.HIGHS;
    }

    /** Starts a new line. */
    public void reset() {
        bits = 0;
    }
}
