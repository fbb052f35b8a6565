package io.sse4j.bench.e2e;

import io.sse4j.bench.EventSink;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The least an event-stream reader can do on the benchmark streams, for the JDK-only baselines:
 * splits bytes into LF-terminated lines, keeps the value of {@code data:} lines and dispatches
 * them at a blank line, with type {@code "message"} and ID {@code ""}. Not an SSE parser: no CR
 * line ends, no {@code event}, {@code id} or {@code retry} fields, no BOM, no limits. It handles
 * exactly what the {@code llm} workload and the paced stream contain, so it measures the JDK
 * client rather than any parsing.
 */
final class DataLines {

    private static final byte LF = '\n';
    private static final byte[] DATA = "data:".getBytes(StandardCharsets.US_ASCII);

    private final EventSink sink;
    /** The start of a line that a buffer ended inside. */
    private byte[] line = new byte[256];
    private int lineLength;
    private String data;
    private int events;

    DataLines(EventSink sink) {
        this.sink = sink;
    }

    /** Events dispatched so far. */
    int events() {
        return events;
    }

    void feed(ByteBuffer buffer) {
        int start = buffer.position();
        int limit = buffer.limit();
        for (int i = start; i < limit; i++) {
            if (buffer.get(i) == LF) {
                append(buffer, start, i - start);
                line(line, lineLength);
                lineLength = 0;
                start = i + 1;
            }
        }
        if (start < limit) {
            append(buffer, start, limit - start);
        }
        buffer.position(limit);
    }

    void feed(byte[] bytes, int offset, int length) {
        feed(ByteBuffer.wrap(bytes, offset, length));
    }

    private void append(ByteBuffer buffer, int from, int length) {
        ensure(lineLength + length);
        buffer.get(from, line, lineLength, length);
        lineLength += length;
    }

    private void ensure(int capacity) {
        if (line.length < capacity) {
            line = Arrays.copyOf(line, Math.max(capacity, line.length * 2));
        }
    }

    private void line(byte[] bytes, int length) {
        if (length == 0) {
            if (data != null) {
                events++;
                sink.event("message", data, "");
                data = null;
            }
            return;
        }
        if (length >= DATA.length && Arrays.equals(bytes, 0, DATA.length, DATA, 0, DATA.length)) {
            int from = DATA.length < length && bytes[DATA.length] == ' ' ? DATA.length + 1 : DATA.length;
            String value = new String(bytes, from, length - from, StandardCharsets.UTF_8);
            data = data == null ? value : data + "\n" + value;
        }
    }
}
