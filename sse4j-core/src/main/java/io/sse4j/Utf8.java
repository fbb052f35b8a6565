package io.sse4j;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** UTF-8 decoding for event data, faster than the JDK's for text that is mostly ASCII. */
final class Utf8 {

    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    static final long HIGHS = 0x8080808080808080L;
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
    static String decode(byte[] b, int off, int len) {
        if (len < SHORT) {
            return jdkDecode(b, off, len);
        }
        byte[] latin1 = new byte[len];
        int out = 0;
        int i = off;
        int end = off + len;
        int lastWord = end - Long.BYTES;
        while (i < end) {
            if (i <= lastWord) {
                // Copy eight bytes, but advance only past the ASCII ones among them.
                long word = (long) LONGS.get(b, i);
                LONGS.set(latin1, out, word);
                long high = word & HIGHS;
                if (high == 0) {
                    i += Long.BYTES;
                    out += Long.BYTES;
                    continue;
                }
                int ascii = Long.numberOfTrailingZeros(high) >>> 3;
                i += ascii;
                out += ascii;
            }
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
        return new String(latin1, 0, out, StandardCharsets.ISO_8859_1);
    }

    /**
     * The JDK decoder, corrected where it differs from the Encoding Standard: on an encoded
     * surrogate, 0xED then 0xA0..0xBF, it makes one U+FFFD of the whole sequence where the standard
     * makes one per byte. As that only matters when the JDK produced a U+FFFD, only then is the
     * input cut at such an 0xED: the standard replaces the 0xED alone and decodes the following
     * byte afresh.
     */
    static String jdkDecode(byte[] b, int from, int length) {
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
