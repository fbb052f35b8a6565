package io.sse4j;

import java.time.Duration;
import java.util.Objects;

/**
 * Writes events, comments and reconnection times in the event stream format (§9.2.5), for servers
 * and tests.
 *
 * <p>An encoder remembers the last event ID it wrote and writes an {@code id} field only when an
 * event's ID differs, so that a parser reading the output sees each event with the same
 * {@link ServerSentEvent#lastEventId()}. Use one encoder per stream, from one thread at a time.
 *
 * <p>Encoding then parsing gives back the same events, except that CR and CRLF inside data become
 * LF: the format has no way to carry them. Strings should be valid UTF-16; an unpaired surrogate
 * is written as {@code ?}, as {@link String#getBytes(java.nio.charset.Charset)} does.
 *
 * <pre>{@code
 * SseEncoder encoder = SseEncoder.create();
 * String wire = encoder.encode(ServerSentEvent.of("update", "line 1\nline 2", "42"));
 * // "event: update\nid: 42\ndata: line 1\ndata: line 2\n\n"
 * }</pre>
 */
public final class SseEncoder {

    private String lastEventId = "";

    private SseEncoder() {
    }

    /**
     * A new encoder for a stream that has not set a last event ID yet.
     *
     * @return the encoder
     */
    public static SseEncoder create() {
        return new SseEncoder();
    }

    /**
     * Encodes one event as a complete block ending with a blank line. The {@code event} field is
     * omitted for type {@value ServerSentEvent#DEFAULT_TYPE}; the data is split into one
     * {@code data} field per line, at CRLF, LF and CR.
     *
     * @param event the event
     * @return the event in wire format
     * @throws IllegalArgumentException if the type or last event ID contains CR or LF, or the last
     *                                  event ID contains U+0000 (a parser would ignore it)
     */
    public String encode(ServerSentEvent event) {
        Objects.requireNonNull(event, "event");
        StringBuilder out = new StringBuilder(event.data().length() + 32);
        encode(event, out);
        return out.toString();
    }

    /**
     * Appends one event as a complete block ending with a blank line; see {@link #encode(ServerSentEvent)}.
     *
     * @param event the event
     * @param out   where to append it
     * @throws IllegalArgumentException as {@link #encode(ServerSentEvent)} does
     */
    public void encode(ServerSentEvent event, StringBuilder out) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(out, "out");
        String type = event.type();
        String id = event.lastEventId();
        requireSingleLine("event type", type);
        requireSingleLine("last event ID", id);
        if (id.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("last event ID contains U+0000, which parsers ignore: "
                    + quote(id));
        }
        if (!type.equals(ServerSentEvent.DEFAULT_TYPE)) {
            out.append("event: ").append(type).append('\n');
        }
        if (!id.equals(lastEventId)) {
            // "id" with no value resets the last event ID to "".
            out.append(id.isEmpty() ? "id" : "id: ").append(id).append('\n');
            lastEventId = id;
        }
        appendLines("data: ", event.data(), out);
        out.append('\n');
    }

    /**
     * Encodes a comment: one {@code :} line per line of {@code text}. Parsers report the text
     * without the single space written after the colon.
     *
     * @param text the comment, possibly empty or spanning lines
     * @return the comment lines
     */
    public static String comment(String text) {
        Objects.requireNonNull(text, "text");
        StringBuilder out = new StringBuilder(text.length() + 4);
        appendLines(": ", text, out);
        return out.toString();
    }

    /**
     * Encodes a {@code retry} field setting the client's reconnection time, in whole milliseconds
     * as the format requires (a fraction of a millisecond is dropped).
     *
     * @param reconnectionTime the time to wait before reconnecting, not negative and at most
     *                         {@code Long.MAX_VALUE} milliseconds
     * @return the field line
     * @throws IllegalArgumentException if the time is negative or too long
     */
    public static String retry(Duration reconnectionTime) {
        Objects.requireNonNull(reconnectionTime, "reconnectionTime");
        if (reconnectionTime.isNegative()) {
            throw new IllegalArgumentException("reconnection time is negative: " + reconnectionTime);
        }
        try {
            return "retry: " + reconnectionTime.toMillis() + "\n";
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("reconnection time does not fit a long of milliseconds: "
                    + reconnectionTime, e);
        }
    }

    /** Appends one {@code prefix} line per line of {@code text}, splitting at CRLF, LF and CR. */
    private static void appendLines(String prefix, String text, StringBuilder out) {
        int start = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                out.append(prefix).append(text, start, i).append('\n');
                if (c == '\r' && i + 1 < length && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        out.append(prefix).append(text, start, length).append('\n');
    }

    private static void requireSingleLine(String what, String value) {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException(what + " contains CR or LF, which would end the field: "
                    + quote(value));
        }
    }

    private static String quote(String value) {
        String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        return '"' + shown.replace("\r", "\\r").replace("\n", "\\n").replace("\0", "\\0") + '"';
    }
}
