package io.sse4j.testkit;

import io.sse4j.ServerSentEvent;
import io.sse4j.SseEncoder;
import io.sse4j.testkit.ResumableScenario.Cut;
import io.sse4j.testkit.ResumableScenario.LineEnding;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * The body of one event-stream response of a {@link ResumableScenario}: events {@code first} to
 * {@code last} in wire format, after an optional {@code retry} line, and for every offset a cut
 * could fall at (0 to the body's length, both included) what kind of place it is. Pure: no I/O,
 * no threads; randomness only from the {@link Random} passed in.
 *
 * <p>The bytes of an event depend only on its number and the scenario's settings, never on the
 * window it is sent in, so a resumed event is byte for byte the event that was cut.
 */
final class EventWindow {

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    /** The endings {@link LineEnding#MIXED} cycles through, line after line. */
    private static final String[] MIXED_CYCLE = {"\n", "\r\n", "\r"};

    private final byte[] bytes;
    private final int first;
    /** For each event, the offset just past the byte that completes it: the first byte of its blank line's ending. */
    private final int[] dispatchedAt;
    /** For each event, the offset just past its last byte (its blank line's whole ending). */
    private final int[] endsAt;

    private EventWindow(byte[] bytes, int first, int[] dispatchedAt, int[] endsAt) {
        this.bytes = bytes;
        this.first = first;
        this.dispatchedAt = dispatchedAt;
        this.endsAt = endsAt;
    }

    /**
     * Renders events {@code first} to {@code last}; an empty window when {@code last < first}.
     *
     * @param retryLine a {@code retry} field line without its ending, or {@code ""} for none
     */
    static EventWindow of(IntFunction<String> data, LineEnding ending, String retryLine, int first, int last) {
        int count = Math.max(0, last - first + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * Math.max(count, 1));
        int[] dispatchedAt = new int[count];
        int[] endsAt = new int[count];
        String previous = "";
        if (!retryLine.isEmpty()) {
            previous = endingOf(ending, first, -1, false, previous);
            write(out, retryLine + previous);
        }
        for (int i = 0; i < count; i++) {
            int number = first + i;
            // The encoder's output ends every line with LF and has no other CR or LF: each
            // LF-terminated piece is one line, to which this scenario gives its own ending.
            String lf = SseEncoder.create().encode(event(data, number));
            int line = 0;
            for (int start = 0, end = lf.indexOf('\n'); end >= 0; start = end + 1, end = lf.indexOf('\n', start)) {
                boolean blank = start == end;
                previous = endingOf(ending, number, line++, blank, previous);
                write(out, lf.substring(start, end) + previous);
            }
            endsAt[i] = out.size();
            dispatchedAt[i] = endsAt[i] - previous.length() + 1;
        }
        return new EventWindow(out.toByteArray(), first, dispatchedAt, endsAt);
    }

    /**
     * Event {@code number} as a conforming parser reads it: type {@code message}, the data with
     * CRLF and CR turned into LF (the wire format cannot carry them), the ID {@code "<number>"}.
     */
    static ServerSentEvent event(IntFunction<String> data, int number) {
        String text = data.apply(number);
        if (text == null) {
            throw new NullPointerException("data function returned null for event " + number);
        }
        return ServerSentEvent.of(ServerSentEvent.DEFAULT_TYPE,
                text.replace("\r\n", "\n").replace('\r', '\n'), Integer.toString(number));
    }

    /**
     * The ending of line {@code line} of event {@code number} ({@code -1} for the retry line that
     * precedes it).
     */
    private static String endingOf(LineEnding ending, int number, int line, boolean blank, String previous) {
        switch (ending) {
            case LF:
                return "\n";
            case CRLF:
                return "\r\n";
            case CR:
                return "\r";
            case MIXED:
                String chosen = MIXED_CYCLE[Math.floorMod(number + line, MIXED_CYCLE.length)];
                // A line ended by a lone CR, then a blank line ended by LF, would read as one CRLF:
                // the blank line, and with it the event, would vanish. End that blank line with CRLF.
                return blank && previous.equals("\r") && chosen.equals("\n") ? "\r\n" : chosen;
            default:
                throw new AssertionError(ending);
        }
    }

    private static void write(ByteArrayOutputStream out, String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.write(utf8, 0, utf8.length);
    }

    byte[] bytes() {
        return bytes;
    }

    int length() {
        return bytes.length;
    }

    /** The number of the window's first event (meaningful only if it has events). */
    int first() {
        return first;
    }

    /** How many events the window holds. */
    int eventCount() {
        return endsAt.length;
    }

    /** How many events a client has complete once it has the first {@code offset} bytes. */
    int completeEventsAt(int offset) {
        int found = Arrays.binarySearch(dispatchedAt, offset);
        return found >= 0 ? found + 1 : -found - 1;
    }

    /** What kind of place a cut after the first {@code offset} bytes falls at. */
    Cut cutAt(int offset) {
        if (offset < 0 || offset > bytes.length) {
            throw new IndexOutOfBoundsException("offset " + offset + " outside 0.." + bytes.length);
        }
        if (offset == 0 || offset == bytes.length) {
            return Cut.BETWEEN_EVENTS;
        }
        byte before = bytes[offset - 1];
        byte at = bytes[offset];
        if (before == CR && at == LF) {
            return Cut.BETWEEN_CR_AND_LF;
        }
        if ((at & 0xC0) == 0x80) {
            // A continuation byte: a multi-byte sequence started before the cut. CR and LF are ASCII,
            // so they never occur inside one.
            return Cut.MID_CHARACTER;
        }
        if (before == CR || before == LF) {
            return Arrays.binarySearch(endsAt, offset) >= 0 ? Cut.BETWEEN_EVENTS : Cut.BETWEEN_LINES;
        }
        return Cut.MID_LINE;
    }

    /**
     * Chooses where to cut: first a kind, {@code preferred} if the window has a place of that kind,
     * otherwise uniformly among the kinds it has; then a place of that kind, uniformly. Choosing the
     * kind first makes the rare places (between CR and LF, inside a character) as likely as the
     * common ones.
     *
     * @param preferred the kind asked for, or null for any
     * @return the offset: how many body bytes to send before the cut
     */
    int chooseCut(Cut preferred, Random random) {
        Cut[] kinds = Cut.values();
        int[] counts = new int[kinds.length];
        for (int offset = 0; offset <= bytes.length; offset++) {
            counts[cutAt(offset).ordinal()]++;
        }
        Cut kind = preferred != null && counts[preferred.ordinal()] > 0 ? preferred : null;
        if (kind == null) {
            int present = 0;
            for (int count : counts) {
                present += count > 0 ? 1 : 0;
            }
            int pick = random.nextInt(present);
            for (int i = 0; kind == null; i++) {
                if (counts[i] > 0 && pick-- == 0) {
                    kind = kinds[i];
                }
            }
        }
        int nth = random.nextInt(counts[kind.ordinal()]);
        for (int offset = 0; ; offset++) {
            if (cutAt(offset) == kind && nth-- == 0) {
                return offset;
            }
        }
    }
}
