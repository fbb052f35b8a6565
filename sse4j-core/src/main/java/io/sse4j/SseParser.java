package io.sse4j;

import io.sse4j.internal.Buffers;
import io.sse4j.internal.Utf8;
import io.sse4j.internal.LineScanner;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * An incremental Server-Sent Events parser: bytes in, events out, exactly as the WHATWG HTML
 * Standard §9.2.5 (parsing) and §9.2.6 (interpretation) say.
 *
 * <p>Feed the stream's bytes in chunks of any size with {@link #feed(byte[], int, int)} or
 * {@link #feed(ByteBuffer)}; each event reaches the {@link Handler} during the call that
 * delivers its blank line, never later. Call {@link #finish()} at end of stream: a block that was
 * not ended by a blank line is then discarded, as the spec requires.
 *
 * <p>A chunk may end anywhere: inside the byte order mark, between CR and LF, inside a multi-byte
 * UTF-8 sequence. Invalid UTF-8 decodes to U+FFFD. Memory is bounded by {@link SseLimits}.
 *
 * <p>The parser is a pure state machine: it does no I/O, starts no threads and reads no clock. It
 * is not thread-safe; feed it from one thread at a time.
 *
 * <pre>{@code
 * SseParser parser = SseParser.of(event -> System.out.println(event.data()));
 * parser.feed("data: hello\n\n".getBytes(StandardCharsets.UTF_8));
 * parser.finish();
 * }</pre>
 */
public final class SseParser {

    /**
     * Receives what an {@link SseParser} finds in a stream, in stream order, on the thread that
     * feeds the parser.
     *
     * <p>Only {@link #onEvent} must be implemented; the other callbacks do nothing by default. An
     * exception thrown by a callback propagates out of the {@code feed} call that caused it, and
     * the parser cannot be used afterwards.
     */
    @FunctionalInterface
    public interface Handler {

        /**
         * An event was dispatched: its block ended with a blank line and had data (§9.2.6).
         *
         * @param event the event
         */
        void onEvent(ServerSentEvent event);

        /**
         * A comment line (one starting with {@code :}) was read. Comments carry no meaning in the
         * spec; servers send them as heartbeats.
         *
         * @param comment the text after the colon, with one leading space removed if present
         */
        default void onComment(String comment) {
        }

        /**
         * A valid {@code retry} field set the stream's reconnection time (§9.2.6). Values that are
         * not all ASCII digits, or too large for a {@code long} of milliseconds, are ignored and not
         * reported.
         *
         * @param reconnectionTime the new reconnection time
         */
        default void onRetry(Duration reconnectionTime) {
        }

        /**
         * A block without data changed the last event ID (§9.2.6 dispatch steps 1 and 2: the ID
         * takes effect, yet no event is dispatched), e.g. {@code "id: 7\n\n"}. A consumer that
         * resumes with {@code Last-Event-ID} must resume from here, not from the last event's ID.
         * Events carry their own last event ID, so this is called only when no event does.
         *
         * @param lastEventId the new last event ID, possibly {@code ""} (an empty {@code id} field)
         */
        default void onLastEventId(String lastEventId) {
        }
    }

    private static final byte LF = '\n';
    private static final byte CR = '\r';
    private static final byte COLON = ':';
    private static final byte SPACE = ' ';
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final byte[] EMPTY = Buffers.EMPTY;
    private static final long HIGHS = Utf8.HIGHS;

    private final Handler handler;
    private final LineScanner scanner = new LineScanner();
    private final int maxLineLength;
    private final int maxEventSize;

    /** Bytes of the BOM matched so far at stream start, or -1 once the start is behind us. */
    private int bomMatched;
    /** The previous chunk ended with CR: an LF starting the next chunk belongs to it. */
    private boolean skipLf;
    /** A line begun in an earlier chunk and not yet ended. */
    private byte[] line = EMPTY;
    private int lineLength;
    private boolean linePending;

    /** The data buffer (§9.2.6), as UTF-8 with each value followed by LF. */
    private byte[] data = EMPTY;
    private int dataLength;
    /** OR of the scanner's bits over the data lines: high bits clear means the data is ASCII. */
    private long dataBits;
    /** Working space for decoding non-ASCII data, kept like {@link #data}. */
    private byte[] scratch = EMPTY;
    /** The event type buffer; {@code null} stands for the empty string. */
    private String eventType;
    /** A field line arrived since the last blank line. */
    private boolean blockPending;
    /** A data, event or id line arrived since the last blank line: a cut now would lose its block. */
    private boolean cutPending;
    /** Bytes fed so far; the last place they can be cut ({@link #boundary()}). */
    private long consumed, boundary;
    private String lastEventIdBuffer = "";
    private String lastEventId = "";
    private long reconnectionMillis = -1;

    /** Set while a call runs and left set if it throws: the parser is then unusable. */
    private boolean busy;
    private boolean finished;
    private boolean endedCleanly;

    private SseParser(Handler handler, SseLimits limits) {
        this.handler = Objects.requireNonNull(handler, "handler");
        this.maxLineLength = Objects.requireNonNull(limits, "limits").maxLineLength();
        this.maxEventSize = limits.maxEventSize();
    }

    /**
     * A parser with {@linkplain SseLimits#defaults() default limits}.
     *
     * @param handler receives events, comments, reconnection times and last event IDs
     * @return a new parser at the start of a stream
     */
    public static SseParser of(Handler handler) {
        return new SseParser(handler, SseLimits.defaults());
    }

    /**
     * A parser with the given limits.
     *
     * @param handler receives events, comments, reconnection times and last event IDs
     * @param limits  the memory bounds
     * @return a new parser at the start of a stream
     */
    public static SseParser of(Handler handler, SseLimits limits) {
        return new SseParser(handler, limits);
    }

    /**
     * A parser that continues a stream whose last event ID was {@code lastEventId}: what a client
     * that reconnects with {@code Last-Event-ID} needs, since the spec keeps the last event ID
     * across connections (§9.2.3). Events carry it until the new stream sets another.
     *
     * @param handler     receives events, comments and reconnection times
     * @param limits      the memory bounds
     * @param lastEventId the last event ID so far, {@code ""} for none
     * @return a new parser at the start of a connection
     */
    public static SseParser of(Handler handler, SseLimits limits, String lastEventId) {
        SseParser parser = new SseParser(handler, limits);
        parser.lastEventId = Objects.requireNonNull(lastEventId, "lastEventId");
        parser.lastEventIdBuffer = lastEventId;
        return parser;
    }

    /**
     * Feeds all of {@code bytes}.
     *
     * @param bytes the next bytes of the stream
     * @throws ProtocolException     if a line or an event exceeds its {@link SseLimits limit}
     * @throws IllegalStateException if the parser was finished or a previous call failed
     */
    public void feed(byte[] bytes) throws ProtocolException {
        feed(Objects.requireNonNull(bytes, "bytes"), 0, bytes.length);
    }

    /**
     * Feeds {@code length} bytes of {@code bytes} from {@code offset}. The parser does not keep a
     * reference to the array after the call returns.
     *
     * @param bytes  the array holding the next bytes of the stream
     * @param offset where they start
     * @param length how many there are
     * @throws ProtocolException     if a line or an event exceeds its {@link SseLimits limit}
     * @throws IllegalStateException if the parser was finished or a previous call failed
     */
    public void feed(byte[] bytes, int offset, int length) throws ProtocolException {
        Objects.checkFromIndexSize(offset, length, Objects.requireNonNull(bytes, "bytes").length);
        enter();
        parse(bytes, offset, offset + length);
        busy = false;
    }

    /**
     * Feeds the remaining bytes of {@code buffer}, leaving its position at its limit. Heap buffers
     * are parsed in place; others are copied through a small fixed window.
     *
     * @param buffer the next bytes of the stream
     * @throws ProtocolException     if a line or an event exceeds its {@link SseLimits limit}
     * @throws IllegalStateException if the parser was finished or a previous call failed
     */
    public void feed(ByteBuffer buffer) throws ProtocolException {
        Objects.requireNonNull(buffer, "buffer");
        enter();
        if (buffer.hasArray()) {
            int start = buffer.arrayOffset() + buffer.position();
            parse(buffer.array(), start, start + buffer.remaining());
            buffer.position(buffer.limit());
        } else {
            byte[] window = Buffers.takeWindow();
            try {
                while (buffer.hasRemaining()) {
                    int n = Math.min(window.length, buffer.remaining());
                    buffer.get(window, 0, n);
                    parse(window, 0, n);
                }
            } finally {
                Buffers.release(window);
            }
        }
        busy = false;
    }

    /**
     * Signals the end of the stream. A partial line and an event whose block was not ended by a
     * blank line are discarded (§9.2.6: "any pending data must be discarded"). Calling it again has
     * no effect and returns the same answer.
     *
     * @return {@code true} if the stream ended at a block boundary; {@code false} if it ended in a
     *         line, or after field lines (any, even {@code id} or {@code retry}) with no blank line
     *         after them, which the spec discards
     * @throws IllegalStateException if a previous call failed
     */
    public boolean finish() {
        if (finished) {
            return endedCleanly;
        }
        enter();
        endedCleanly = !linePending && !blockPending && bomMatched <= 0;
        finished = true;
        line = EMPTY;
        data = EMPTY;
        scratch = EMPTY;
        lineLength = dataLength = 0;
        linePending = false;
        scanner.reset();
        dataBits = 0;
        busy = false;
        return endedCleanly;
    }

    /**
     * Where the bytes fed so far can be cut without changing what a client makes of them: bytes
     * from the first fed (a BOM included) to the end of the last line after which no {@code data},
     * {@code event} or {@code id} line waited for a blank line. A cut there keeps every event,
     * comment and retry, and drops only a block without its blank line, which a client discards
     * at the end of a stream anyway (§9.2.6). A cut after a CR moves past its LF once fed.
     *
     * @return the last place the stream can be cut, 0 if none yet
     */
    public long boundary() {
        return boundary;
    }

    /**
     * The stream's last event ID string: the ID of the most recent valid {@code id} field as of
     * the last blank line (§9.2.6 dispatch step 1). This is what a reconnecting client sends as
     * {@code Last-Event-ID}.
     *
     * @return the last event ID, {@code ""} if none
     */
    public String lastEventId() {
        return lastEventId;
    }

    /**
     * The reconnection time most recently set by a valid {@code retry} field.
     *
     * @return the reconnection time, or empty if the stream has not set one
     */
    public Optional<Duration> reconnectionTime() {
        return reconnectionMillis < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(reconnectionMillis));
    }

    private void enter() {
        if (busy) {
            throw new IllegalStateException("parser is unusable: an earlier call failed or is still running");
        }
        if (finished) {
            throw new IllegalStateException("parser is finished: the stream has ended");
        }
        busy = true;
    }

    private void parse(byte[] b, int from, int to) throws ProtocolException {
        int i = from;
        if (i == to) {
            return;
        }
        // Stream offset of b[0], for boundary(): index + base is a position in the stream.
        long base = consumed - from;
        consumed += to - from;
        if (bomMatched >= 0) {
            // §9.2.5: the UTF-8 decode algorithm strips one leading BOM, which may arrive in pieces.
            while (bomMatched < BOM.length && i < to && b[i] == BOM[bomMatched]) {
                bomMatched++;
                i++;
            }
            if (bomMatched == BOM.length) {
                bomMatched = -1;
            } else if (i < to) {
                // Not a BOM after all: the bytes matched so far start the first line.
                appendToLine(BOM, 0, bomMatched);
                scanner.markNonAscii();
                bomMatched = -1;
            } else {
                return;
            }
        }
        if (skipLf) {
            // §9.2.5: CRLF is one line ending even when CR and LF arrive in different chunks.
            if (i < to && b[i] == LF) {
                boundary += boundary == base + i ? 1 : 0; // A cut after the CR moves past its LF.
                i++;
            }
            skipLf = false;
        }
        if (linePending && i < to) {
            int eol = scanner.indexOfLineEnd(b, i, to);
            if (eol < 0) {
                appendToLine(b, i, to - i);
                return;
            }
            appendToLine(b, i, eol - i);
            linePending = false;
            int length = lineLength;
            lineLength = 0;
            processLine(line, 0, length);
            scanner.reset();
            if (!Buffers.worthKeeping(line, length)) {
                line = EMPTY;
            }
            i = afterLineEnd(b, eol, to, base);
        }
        while (i < to) {
            int eol = scanner.indexOfLineEnd(b, i, to);
            if (eol < 0) {
                appendToLine(b, i, to - i);
                return;
            }
            if (eol - i > maxLineLength) {
                throw lineTooLong();
            }
            processLine(b, i, eol - i);
            scanner.reset();
            i = afterLineEnd(b, eol, to, base);
        }
    }

    /** Index just past the line ending at {@code eol}, noting a CR that may pair with a later LF, and a cut there. */
    private int afterLineEnd(byte[] b, int eol, int to, long base) {
        int next = eol + 1;
        if (b[eol] == CR) {
            if (next < to) {
                if (b[next] == LF) {
                    next++;
                }
            } else {
                skipLf = true;
            }
        }
        if (!cutPending) {
            boundary = base + next;
        }
        return next;
    }

    private void appendToLine(byte[] b, int from, int length) throws ProtocolException {
        int needed = lineLength + length;
        if (needed > maxLineLength || needed < 0) {
            throw lineTooLong();
        }
        if (needed > line.length) {
            line = Buffers.grow(line, lineLength, needed, maxLineLength);
        }
        System.arraycopy(b, from, line, lineLength, length);
        lineLength = needed;
        linePending = true;
    }

    private ProtocolException lineTooLong() {
        return new ProtocolException("SSE line longer than maxLineLength of " + maxLineLength
                + " bytes (see SseLimits)");
    }

    private String decodeData(int length) {
        if (scratch.length < length) {
            scratch = new byte[length];
        }
        String text = Utf8.decode(data, 0, length, scratch);
        if (!Buffers.worthKeeping(scratch, length)) {
            scratch = EMPTY;
        }
        return text;
    }

    /** §9.2.6: interprets one line, without its line ending. */
    private void processLine(byte[] b, int from, int length) throws ProtocolException {
        // §9.2.6: "If the line is empty (a blank line) -> Dispatch the event".
        if (length == 0) {
            dispatch();
            return;
        }
        int end = from + length;
        // §9.2.6: "If the line starts with a U+003A COLON character (:) -> Ignore the line"; we report it.
        if (b[from] == COLON) {
            int start = from + 1;
            if (start < end && b[start] == SPACE) {
                start++;
            }
            handler.onComment(Utf8.decode(b, start, end - start));
            return;
        }
        int colon = from + 1;
        while (colon < end && b[colon] != COLON) {
            colon++;
        }
        int valueStart;
        if (colon < end) {
            // §9.2.6: "If the line contains a U+003A COLON": field before it, value after it,
            // without one leading U+0020 SPACE.
            valueStart = colon + 1;
            if (valueStart < end && b[valueStart] == SPACE) {
                valueStart++;
            }
        } else {
            // §9.2.6: "Otherwise, the string is not empty but does not contain a U+003A COLON":
            // the whole line is the field name and the value is empty.
            valueStart = end;
        }
        blockPending = true;
        int nameLength = colon - from;
        // Field names are compared as bytes: a non-ASCII byte never decodes to an ASCII letter.
        if (nameLength == 4 && b[from] == 'd' && b[from + 1] == 'a' && b[from + 2] == 't' && b[from + 3] == 'a') {
            cutPending = true;
            appendData(b, valueStart, end - valueStart);
        } else if (nameLength == 5 && b[from] == 'e' && b[from + 1] == 'v' && b[from + 2] == 'e'
                && b[from + 3] == 'n' && b[from + 4] == 't') {
            // §9.2.6 "event": set the event type buffer to the field value.
            cutPending = true;
            eventType = valueStart == end ? null : Utf8.decode(b, valueStart, end - valueStart);
        } else if (nameLength == 2 && b[from] == 'i' && b[from + 1] == 'd') {
            // §9.2.6 "id": ignored if the value contains U+0000 NULL, else sets the last event ID buffer.
            cutPending = true;
            setLastEventIdBuffer(b, valueStart, end);
        } else if (nameLength == 5 && b[from] == 'r' && b[from + 1] == 'e' && b[from + 2] == 't'
                && b[from + 3] == 'r' && b[from + 4] == 'y') {
            setReconnectionTime(b, valueStart, end);
        }
        // §9.2.6 "Otherwise": the field is ignored.
    }

    /** §9.2.6 "data": append the value, then a single U+000A LINE FEED, to the data buffer. */
    private void appendData(byte[] b, int from, int length) throws ProtocolException {
        int needed = dataLength + length + 1;
        if (needed > maxEventSize || needed < 0) {
            throw new ProtocolException("SSE event data larger than maxEventSize of " + maxEventSize
                    + " bytes (see SseLimits)");
        }
        if (needed > data.length) {
            data = Buffers.grow(data, dataLength, needed, maxEventSize);
        }
        System.arraycopy(b, from, data, dataLength, length);
        data[needed - 1] = LF;
        dataLength = needed;
        dataBits |= scanner.bits();
    }

    private void setLastEventIdBuffer(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == 0) {
                return;
            }
        }
        lastEventIdBuffer = from == to ? "" : Utf8.decode(b, from, to - from);
    }

    /** §9.2.6 "retry": if the value is only ASCII digits, it is the new reconnection time. */
    private void setReconnectionTime(byte[] b, int from, int to) {
        if (from == to) {
            return;
        }
        long millis = 0;
        for (int i = from; i < to; i++) {
            int digit = b[i] - '0';
            if (digit < 0 || digit > 9) {
                return;
            }
            if (millis > (Long.MAX_VALUE - digit) / 10) {
                return; // Too large to represent: ignored like any other invalid value.
            }
            millis = millis * 10 + digit;
        }
        reconnectionMillis = millis;
        handler.onRetry(Duration.ofMillis(millis));
    }

    /** §9.2.6 "dispatch the event". */
    private void dispatch() {
        // Step 1: the last event ID string takes the buffer's value; the buffer is not reset.
        String previousLastEventId = lastEventId;
        lastEventId = lastEventIdBuffer;
        blockPending = false;
        cutPending = false;
        // Step 2: with an empty data buffer, reset the buffers and dispatch nothing. A changed last
        // event ID is reported all the same: a reconnecting consumer must resume from it.
        if (dataLength == 0) {
            eventType = null;
            if (!lastEventId.equals(previousLastEventId)) {
                handler.onLastEventId(lastEventId);
            }
            return;
        }
        // Step 3: drop the data buffer's final LF. The data is decoded once, here; ASCII needs no
        // decoding beyond a copy.
        String text = (dataBits & HIGHS) == 0
                ? new String(data, 0, dataLength - 1, StandardCharsets.ISO_8859_1)
                : decodeData(dataLength - 1);
        dataBits = 0;
        // Steps 5-6: type "message" unless the event type buffer is non-empty.
        String type = eventType == null ? ServerSentEvent.DEFAULT_TYPE : eventType;
        // Step 7: reset the data and event type buffers before the handler runs.
        if (!Buffers.worthKeeping(data, dataLength)) {
            data = EMPTY;
        }
        dataLength = 0;
        eventType = null;
        handler.onEvent(new ServerSentEvent(type, text, lastEventId));
    }
}
