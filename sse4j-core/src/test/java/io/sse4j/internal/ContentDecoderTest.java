package io.sse4j.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ProtocolException;
import java.net.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;

/** {@link ContentDecoder}: gzip and deflate undone whatever the chunking, and every malformation named. */
class ContentDecoderTest {

    private static final byte[] TEXT = ("data: héllo\n\n" + "data: " + "z".repeat(5000) + "\n\n")
            .getBytes(StandardCharsets.UTF_8);

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] bytes, boolean raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream d = new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, raw))) {
            d.write(bytes);
        }
        return out.toByteArray();
    }

    private static ContentDecoder decoder(String coding) throws ProtocolException {
        List<ContentDecoder> decoders = ContentDecoder.forHeaders(
                HttpHeaders.of(Map.of("Content-Encoding", List.of(coding)), (n, v) -> true));
        assertEquals(1, decoders.size());
        return decoders.get(0);
    }

    /** Decodes {@code encoded} fed in pieces cut at {@code cuts}, then finishes. */
    private static byte[] decode(String coding, byte[] encoded, int... cuts) throws IOException {
        ContentDecoder decoder = decoder(coding);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int from = 0;
        for (int cut : cuts) {
            decoder.decode(ByteBuffer.wrap(encoded, from, cut - from).asReadOnlyBuffer(), out::write);
            from = cut;
        }
        decoder.decode(ByteBuffer.wrap(encoded, from, encoded.length - from).asReadOnlyBuffer(), out::write);
        decoder.finish();
        decoder.end();
        return out.toByteArray();
    }

    @Test
    void gzipIsUndoneCutAtEveryOffset() throws IOException {
        byte[] encoded = gzip(TEXT);
        for (int cut = 0; cut <= encoded.length; cut++) {
            assertArrayEquals(TEXT, decode("gzip", encoded, cut), "cut at " + cut);
        }
    }

    @Test
    void deflateIsUndoneCutAtEveryOffsetWhetherZlibWrappedOrRaw() throws IOException {
        for (boolean raw : new boolean[] {false, true}) {
            byte[] encoded = deflate(TEXT, raw);
            for (int cut = 0; cut <= encoded.length; cut++) {
                assertArrayEquals(TEXT, decode("deflate", encoded, cut), "raw " + raw + ", cut at " + cut);
            }
        }
    }

    @Test
    void gzipFedOneByteAtATime() throws IOException {
        byte[] encoded = gzip(TEXT);
        int[] everyByte = new int[encoded.length - 1];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = i + 1;
        }
        assertArrayEquals(TEXT, decode("x-gzip", encoded, everyByte));
    }

    @Test
    void consecutiveGzipMembersDecodeAsOneStream() throws IOException {
        byte[] first = gzip("data: a\n\n".getBytes(StandardCharsets.UTF_8));
        byte[] second = gzip("data: b\n\n".getBytes(StandardCharsets.UTF_8));
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        assertEquals("data: a\n\ndata: b\n\n", new String(decode("gzip", both, first.length - 3, first.length + 2),
                StandardCharsets.UTF_8));
    }

    /** A header with every optional field: extra, name, comment and header CRC. */
    @Test
    void aGzipHeaderWithEveryOptionalFieldIsPassedOver() throws IOException {
        byte[] plain = gzip(TEXT);
        ByteArrayOutputStream custom = new ByteArrayOutputStream();
        custom.write(new byte[] {0x1F, (byte) 0x8B, 8, 2 | 4 | 8 | 16, 0, 0, 0, 0, 0, (byte) 0xFF});
        custom.write(new byte[] {3, 0, 'a', 'b', 'c'});
        custom.write("events.txt\0".getBytes(StandardCharsets.ISO_8859_1));
        custom.write("a comment\0".getBytes(StandardCharsets.ISO_8859_1));
        CRC32 crc = new CRC32();
        crc.update(custom.toByteArray());
        custom.write((int) crc.getValue() & 0xFF);
        custom.write((int) (crc.getValue() >> 8) & 0xFF);
        custom.write(plain, 10, plain.length - 10);
        byte[] encoded = custom.toByteArray();
        for (int cut = 0; cut < 40; cut++) {
            assertArrayEquals(TEXT, decode("gzip", encoded, cut));
        }
    }

    @Test
    void aCorruptGzipTrailerIsAnError() throws IOException {
        byte[] encoded = gzip(TEXT);
        encoded[encoded.length - 8] ^= 1;
        ZipException e = assertThrows(ZipException.class, () -> decode("gzip", encoded));
        assertEquals("corrupt gzip content: CRC-32 mismatch", e.getMessage());
    }

    @Test
    void aTruncatedBodyIsAnErrorAtTheEnd() throws IOException {
        byte[] encoded = gzip(TEXT);
        byte[] cut = java.util.Arrays.copyOf(encoded, encoded.length / 2);
        assertTrue(assertThrows(ZipException.class, () -> decode("gzip", cut)).getMessage().startsWith("truncated gzip"));
        byte[] deflated = deflate(TEXT, false);
        byte[] cutDeflate = java.util.Arrays.copyOf(deflated, deflated.length / 2);
        assertTrue(assertThrows(ZipException.class, () -> decode("deflate", cutDeflate)).getMessage()
                .startsWith("truncated deflate"));
    }

    @Test
    void anEmptyBodyIsAnEmptyStream() throws IOException {
        assertEquals(0, decode("gzip", new byte[0]).length);
        assertEquals(0, decode("deflate", new byte[0]).length);
    }

    @Test
    void identityAndListsOfCodingsAreUnderstood() throws ProtocolException {
        assertEquals(List.of(), ContentDecoder.forHeaders(HttpHeaders.of(Map.of(), (n, v) -> true)));
        assertEquals(List.of(), ContentDecoder.forHeaders(
                HttpHeaders.of(Map.of("Content-Encoding", List.of("identity")), (n, v) -> true)));
        List<ContentDecoder> two = ContentDecoder.forHeaders(
                HttpHeaders.of(Map.of("Content-Encoding", List.of("deflate, GZIP")), (n, v) -> true));
        assertEquals(List.of("gzip", "deflate"), two.stream().map(ContentDecoder::name).toList(),
                "applied last, undone first");
        two.forEach(ContentDecoder::end);
    }

    @Test
    void anUnknownCodingIsRefusedByName() {
        ProtocolException e = assertThrows(ProtocolException.class, () -> ContentDecoder.forHeaders(
                HttpHeaders.of(Map.of("Content-Encoding", List.of("gzip, zstd")), (n, v) -> true)));
        assertTrue(e.getMessage().startsWith("unsupported Content-Encoding \"zstd\""), e.getMessage());
    }
}
