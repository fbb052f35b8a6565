package io.sse4j.internal;

import io.sse4j.Bytes;
import io.sse4j.WhatwgUtf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast data decoder agrees with the Encoding Standard's UTF-8 decode on any bytes. */
class Utf8Test {

    /** Byte values that exercise every branch: ASCII, Latin-1 leads, other leads, continuations, invalid. */
    private static final int[] ALPHABET = {
        'a', 'b', ' ', '{', 0x7F, 0x00, 0xC2, 0xC3, 0xC4, 0xC0, 0xC1, 0xDF, 0xE0, 0xE2, 0xED, 0xEF,
        0xF0, 0xF4, 0xF5, 0xFF, 0x80, 0x8F, 0x9F, 0xA0, 0xA9, 0xBB, 0xBF,
    };

    @Test
    void randomBytesDecodeAsTheEncodingStandardSays() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        for (int iteration = 0; iteration < 20_000; iteration++) {
            byte[] bytes = new byte[random.nextInt(80)];
            boolean mostlyAscii = random.nextBoolean();
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (mostlyAscii && random.nextInt(8) != 0
                        ? 'a' + random.nextInt(26)
                        : ALPHABET[random.nextInt(ALPHABET.length)]);
            }
            int off = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
            int len = random.nextInt(bytes.length - off + 1);
            byte[] slice = java.util.Arrays.copyOfRange(bytes, off, off + len);
            assertEquals(decodeKeepingBom(slice), Utf8.decode(bytes, off, len),
                    () -> "seed " + seed + ", bytes " + Bytes.show(slice));
        }
    }

    /**
     * The reference decoder is the stream's, which strips a leading BOM; data decoding must keep
     * one (only the stream's start is special), so decode behind an ASCII byte and drop it.
     */
    private static String decodeKeepingBom(byte[] slice) {
        byte[] prefixed = new byte[slice.length + 1];
        prefixed[0] = 'a';
        System.arraycopy(slice, 0, prefixed, 1, slice.length);
        return WhatwgUtf8.decode(prefixed).substring(1);
    }

    @Test
    void aByteOrderMarkInsideDataIsKept() {
        byte[] bytes = "\uFEFFdata with a BOM inside, long enough for the fast path é".getBytes(StandardCharsets.UTF_8);
        assertEquals(new String(bytes, StandardCharsets.UTF_8), Utf8.decode(bytes, 0, bytes.length));
    }

    @Test
    void latin1TextOfEveryLengthAndAlignmentDecodesExactly() {
        String text = "The quick brown fox jumps over the lazy dog, café, naïve, ÿ and ©; ".repeat(4);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int off = 0; off < 16; off++) {
            for (int len = 0; off + len <= bytes.length; len++) {
                assertEquals(new String(bytes, off, len, StandardCharsets.UTF_8), Utf8.decode(bytes, off, len),
                        "offset " + off + ", length " + len);
            }
        }
    }

    @Test
    void textBeyondLatin1FallsBackCorrectly() {
        String text = "ascii prefix long enough, then é and then 日本語 and 😀 at the end";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertEquals(text, Utf8.decode(bytes, 0, bytes.length));
    }
}
