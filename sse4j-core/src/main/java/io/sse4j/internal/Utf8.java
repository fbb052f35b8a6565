package io.sse4j.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** UTF-8 decoding for event data, faster than the JDK's for text that is mostly ASCII. */
public final class Utf8 {

    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    public static final long HIGHS = 0x8080808080808080L;
    /** Below this length the JDK's decoder is as fast and simpler. */
    private static final int SHORT = 16;

    private Utf8() {
    }

    /**
     * §9.2.5: decodes {@code b[off, off + len)} with the Encoding Standard's UTF-8 decode, each
     * maximal invalid subpart becoming one U+FFFD.
     *
     * <p>Text whose characters are all in Latin-1 (ASCII plus U+0080..U+00FF, such as é) is
     * decoded here, eight ASCII bytes at a time; JDK 17's decoder handles it byte by byte after the
     * first non-ASCII byte. Anything else, including invalid sequences, goes to {@link #jdkDecode}.
     */
    public static String decode(byte[] b, int off, int len) {
        return len < SHORT ? jdkDecode(b, off, len) : decode(b, off, len, new byte[len]);
    }

    /**
     * Decodes like {@link #decode(byte[], int, int)}, using {@code latin1} (at least {@code len}
     * bytes) as working space instead of allocating it: reusing it saves clearing a fresh array
     * for every large event.
     */
    public static String decode(byte[] b, int off, int len, byte[] latin1) {
        int out = 0;
        int i = off;
        int end = off + len;
        long bad = 0;
        // A two-byte sequence whose lead ended the previous word: 0x80 in byte 0 if so, and 0x40
        // in byte 0 if that lead was 0xC3.
        long carryLead = 0;
        long carryC3 = 0;
        // Eight bytes at a time, at a fixed stride so loads do not wait on each other. In Latin-1
        // text a two-byte sequence is C2 or C3 then a continuation byte c, and decodes to c, or
        // to c + 0x40 after C3: add 0x40 where needed, then squeeze the lead bytes out.
        for (int last = end - Long.BYTES; i <= last; i += Long.BYTES) {
            long word = (long) LONGS.get(b, i);
            long high = word & HIGHS;
            if ((high | carryLead) == 0) {
                LONGS.set(latin1, out, word);
                out += Long.BYTES;
                continue;
            }
            long bit6 = (word << 1) & HIGHS;
            long leads = high & bit6;
            long continuations = high & ~bit6;
            // Every lead must be C2 or C3, and every continuation must follow a lead.
            long notC2orC3 = (word ^ 0xC2C2C2C2C2C2C2C2L) & 0xFEFEFEFEFEFEFEFEL;
            long nonZero = (((notC2orC3 & 0x7F7F7F7F7F7F7F7FL) + 0x7F7F7F7F7F7F7F7FL) | notC2orC3) & HIGHS;
            bad |= (leads & nonZero) | (continuations ^ ((leads << 8) | carryLead));
            long c3 = word & (leads >>> 7);
            word += (c3 << 14) | carryC3;
            carryLead = leads >>> 56;
            carryC3 = (c3 >>> 56) << 6;
            int kept = Long.BYTES - Long.bitCount(leads);
            for (long l = leads; l != 0; ) {
                int top = 63 - Long.numberOfLeadingZeros(l);
                long below = (1L << (top & ~7)) - 1;
                word = (word & below) | ((word >>> 8) & ~below);
                l ^= 1L << top;
            }
            if (out + Long.BYTES <= latin1.length) {
                LONGS.set(latin1, out, word);
            } else {
                for (int k = 0; k < kept; k++) {
                    latin1[out + k] = (byte) (word >>> (k << 3));
                }
            }
            out += kept;
        }
        if (carryLead != 0) {
            if (i == end || (b[i] & 0xC0) != 0x80) {
                return jdkDecode(b, off, len);
            }
            latin1[out++] = (byte) (b[i++] + carryC3);
        }
        while (i < end) {
            byte c = b[i];
            if (c >= 0) {
                latin1[out++] = c;
                i++;
            } else if ((c == (byte) 0xC2 || c == (byte) 0xC3) && i + 1 < end && (b[i + 1] & 0xC0) == 0x80) {
                latin1[out++] = (byte) (((c & 0x1F) << 6) | (b[i + 1] & 0x3F));
                i += 2;
            } else {
                return jdkDecode(b, off, len);
            }
        }
        if (bad != 0) {
            return jdkDecode(b, off, len);
        }
        return new String(latin1, 0, out, StandardCharsets.ISO_8859_1);
    }

    /**
     * The JDK decoder, corrected where it differs from the Encoding Standard: on an encoded
     * surrogate, 0xED then 0xA0..0xBF, it makes one U+FFFD of the whole sequence where the standard
     * makes one per byte. As that only matters when the JDK produced a U+FFFD, only then is the
     * input cut at such an 0xED: the standard replaces the 0xED alone and decodes the following
     * byte afresh.
     */
    public static String jdkDecode(byte[] b, int from, int length) {
        String text = new String(b, from, length, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') < 0) {
            return text;
        }
        int to = from + length;
        StringBuilder exact = null;
        int start = from;
        for (int i = from; i + 1 < to; i++) {
            if (b[i] == (byte) 0xED && (b[i + 1] & 0xE0) == 0xA0) {
                if (exact == null) {
                    exact = new StringBuilder(length);
                }
                exact.append(new String(b, start, i - start, StandardCharsets.UTF_8)).append('\uFFFD');
                start = i + 1;
            }
        }
        if (exact == null) {
            return text;
        }
        return exact.append(new String(b, start, to - start, StandardCharsets.UTF_8)).toString();
    }
}
