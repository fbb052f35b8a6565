package io.sse4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.sse4j.SseLimits;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The record file: connections one after another, each cut back to its last whole block. */
class RecordingTest {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @TempDir
    Path dir;

    private static ByteBuffer buffer(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    @Test
    void eachConnectionLosesOnlyTheBlockItWasCutIn() throws Exception {
        Path file = dir.resolve("r.sse");
        try (Recording recording = Recording.create(file, SseLimits.defaults())) {
            Recording.Part first = recording.start(false);
            first.received(buffer("retry: 5\nid: 1\ndata: a\n\nid: 2\ndata: b"));
            first.received(buffer("roken"));
            first.ended();
            first.received(buffer("after the end"));
            Recording.Part second = recording.start(false);
            second.received(buffer("retry: 5\r\nid: 2\r\ndata: b\r\n\r"));
            second.ended();
            assertNull(recording.failure());
        }
        assertEquals("retry: 5\nid: 1\ndata: a\n\nretry: 5\r\nid: 2\r\ndata: b\r\n\r", Files.readString(file));
    }

    @Test
    void aLaterConnectionsByteOrderMarkIsLeftOutEvenSplitAcrossReads() throws Exception {
        Path file = dir.resolve("r.sse");
        try (Recording recording = Recording.create(file, SseLimits.defaults())) {
            Recording.Part first = recording.start(false);
            first.received(ByteBuffer.wrap(concat(BOM, "data: a\n\n".getBytes(StandardCharsets.UTF_8))));
            first.ended();
            Recording.Part second = recording.start(false);
            second.received(ByteBuffer.wrap(BOM, 0, 1));
            second.received(ByteBuffer.wrap(BOM, 1, 2));
            second.received(buffer("data: b\n\n"));
            second.ended();
            Recording.Part third = recording.start(false);
            third.received(ByteBuffer.wrap(new byte[] {(byte) 0xEF, 'x'}));
            third.received(buffer(": not a BOM\n"));
            third.ended();
        }
        assertArrayEquals(concat(BOM, "data: a\n\ndata: b\n\n".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xEF}, "x: not a BOM\n".getBytes(StandardCharsets.UTF_8)), Files.readAllBytes(file));
    }

    @Test
    void aCompressedBodyIsKeptWholeAsReceived() throws Exception {
        Path file = dir.resolve("r.sse.gz");
        byte[] compressed = {0x1f, (byte) 0x8b, 8, 0, '\n', 1, 2, 3};
        try (Recording recording = Recording.create(file, SseLimits.defaults())) {
            Recording.Part part = recording.start(true);
            part.received(ByteBuffer.wrap(compressed));
            part.ended();
        }
        assertArrayEquals(compressed, Files.readAllBytes(file));
    }

    @Test
    void closingCutsTheConnectionInProgressToo() throws Exception {
        Path file = dir.resolve("r.sse");
        Recording recording = Recording.create(file, SseLimits.defaults());
        recording.start(false).received(buffer("data: a\n\ndata: never fini"));
        recording.close();
        assertEquals("data: a\n\n", Files.readString(file));
    }

    @Test
    void aFileThatCannotBeWrittenIsExit4() {
        CliException e = org.junit.jupiter.api.Assertions.assertThrows(CliException.class,
                () -> Recording.create(dir.resolve("no/such/dir/r.sse"), SseLimits.defaults()));
        assertEquals(ExitCode.LOCAL_IO, e.exitCode());
        assertEquals("cannot write " + dir.resolve("no/such/dir/r.sse") + ": no such file or directory", e.getMessage());
    }
}
