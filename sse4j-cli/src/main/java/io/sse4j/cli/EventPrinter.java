package io.sse4j.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.sse4j.ServerSentEvent;
import io.sse4j.SseOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Writes events to standard output in one of the {@linkplain OutputOptions.Format formats},
 * flushing after each, so that a pipe sees every event the moment it arrives. Not thread-safe:
 * one caller at a time (the listener's calls are sequential).
 */
abstract class EventPrinter {

    final Io io;

    private EventPrinter(Io io) {
        this.io = io;
    }

    static EventPrinter of(OutputOptions.Format format, Io io, Ansi ansi) {
        return switch (format) {
            case READABLE -> new Readable(io, ansi);
            case JSON -> new Json(io);
            case RAW -> new Raw(io);
        };
    }

    /**
     * Prints an event.
     *
     * @param retryMillis the reconnection time the stream set with {@code retry:} since the
     *                    event before, if it did
     */
    abstract void event(ServerSentEvent event, OptionalLong retryMillis);

    /** Prints a comment, in the formats that show them. */
    void comment(String text) {
    }

    /**
     * Prints a response's status line and headers ({@code -i}): on standard output before its
     * events, except with {@code --json}, whose standard output is JSON lines only.
     */
    void response(int status, HttpClient.Version version, HttpHeaders headers) {
        PrintStream to = headersTo();
        to.print(head(status, version, headers, true));
        to.flush();
    }

    /**
     * A response's head as {@code -i} and {@code --dump-header} write it: the status line, a
     * {@code Name: value} line per header value, a blank line; lines end with LF.
     *
     * @param masked whether credentials are masked ({@code -i}) or written as received
     *               ({@code --dump-header}, for scripts)
     */
    static String head(int status, HttpClient.Version version, HttpHeaders headers, boolean masked) {
        StringBuilder head = new StringBuilder(version == HttpClient.Version.HTTP_2 ? "HTTP/2 " : "HTTP/1.1 ");
        head.append(status).append('\n');
        SseOptions mask = SseOptions.defaults();
        for (Map.Entry<String, List<String>> header : headers.map().entrySet()) {
            for (String value : header.getValue()) {
                head.append(header.getKey()).append(": ")
                        .append(masked ? mask.redact(header.getKey(), value) : value).append('\n');
            }
        }
        return head.append('\n').toString();
    }

    PrintStream headersTo() {
        return io.out;
    }

    /** Whether standard output is gone (a closed pipe: {@code sse4j URL | head -3}). */
    boolean outputClosed() {
        return io.out.checkError();
    }

    /** The header line, the data, a blank line; comments dim; control characters made visible. */
    private static final class Readable extends EventPrinter {
        private final Ansi ansi;

        Readable(Io io, Ansi ansi) {
            super(io);
            this.ansi = ansi;
        }

        @Override
        void event(ServerSentEvent event, OptionalLong retryMillis) {
            StringBuilder line = new StringBuilder(64 + event.data().length());
            line.append(ansi.cyan("[" + visible(event.type()) + "]"));
            if (!event.lastEventId().isEmpty()) {
                line.append(ansi.dim(" id=" + visible(event.lastEventId())));
            }
            if (retryMillis.isPresent()) {
                line.append(ansi.dim(" retry=" + retryMillis.getAsLong() + "ms"));
            }
            line.append('\n').append(visible(event.data())).append("\n\n");
            io.out.print(line);
            io.out.flush();
        }

        @Override
        void comment(String text) {
            io.out.print(ansi.dim(":" + (text.isEmpty() ? "" : " ") + visible(text)) + "\n");
            io.out.flush();
        }

        /**
         * The text with control characters other than tab and newline in caret notation
         * ({@code ^[} for ESC), as {@code cat -v} shows them, so that a stream cannot move the
         * cursor or change the colours of the terminal it is printed on.
         */
        static String visible(String text) {
            StringBuilder sb = null;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                boolean control = (c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7F && c < 0xA0);
                if (control && sb == null) {
                    sb = new StringBuilder(text.length() + 8).append(text, 0, i);
                }
                if (sb != null) {
                    if (!control) {
                        sb.append(c);
                    } else if (c < 0x20) {
                        sb.append('^').append((char) (c + '@'));
                    } else if (c == 0x7F) {
                        sb.append("^?");
                    } else {
                        sb.append(String.format("\\u%04X", (int) c));
                    }
                }
            }
            return sb == null ? text : sb.toString();
        }
    }

    /** One JSON object a line, through Jackson's streaming generator. */
    private static final class Json extends EventPrinter {
        private final JsonGenerator json;

        Json(Io io) {
            super(io);
            try {
                json = new JsonFactory().createGenerator(io.out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.setRootValueSeparator(null); // each object ends its own line, below
        }

        @Override
        void event(ServerSentEvent event, OptionalLong retryMillis) {
            try {
                json.writeStartObject();
                json.writeStringField("event", event.type());
                json.writeStringField("data", event.data());
                json.writeStringField("id", event.lastEventId());
                if (retryMillis.isPresent()) {
                    json.writeNumberField("retry", retryMillis.getAsLong());
                }
                json.writeEndObject();
                json.writeRaw('\n');
                json.flush();
            } catch (IOException e) {
                // Not a closed pipe: the PrintStream below records those for outputClosed().
                throw new UncheckedIOException(e);
            }
        }

        @Override
        PrintStream headersTo() {
            return io.err;
        }
    }

    /** Data and a newline. */
    private static final class Raw extends EventPrinter {
        Raw(Io io) {
            super(io);
        }

        @Override
        void event(ServerSentEvent event, OptionalLong retryMillis) {
            io.out.print(event.data());
            io.out.print('\n');
            io.out.flush();
        }
    }
}
