package io.sse4j.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

class ChunkedInputStreamTest {

    @Test
    void readsReturnAtMostOneChunkAndTheWholeContentInOrder() {
        byte[] content = new byte[1000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) i;
        }
        ChunkedInputStream in = new ChunkedInputStream(content, 64);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int reads = 0;
        for (int n; (n = in.read(buffer, 0, buffer.length)) != -1; reads++) {
            assertEquals(reads < 15 ? 64 : 1000 - 15 * 64, n);
            out.write(buffer, 0, n);
        }
        assertEquals(16, reads);
        assertArrayEquals(content, out.toByteArray());
        assertEquals(-1, in.read());
    }
}
