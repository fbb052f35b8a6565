package io.sse4j.cli;

import io.sse4j.SseBodyHandlers;
import io.sse4j.SseOptions;
import io.sse4j.SseTransport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * Takes the answer to {@code sse4j URL}'s request when it is a 2xx that is not an event stream
 * (the JSON of a request/response protocol, a {@code 202 Accepted}), and reads its body whole,
 * where the {@code EventSource} would refuse it and keep only its start. A transport decorator:
 * such a response is never handed to the source, which only ever sees the exchange end when the
 * command closes it; {@link #reply()} reports it upward instead. Only until an event stream has
 * opened: a reconnection answered like that is the source's to refuse.
 *
 * <p>{@code 204 No Content} passes through: it is the spec's "stop", which the source already
 * takes for a clean end. The body is held in memory up to {@code maxBytes}, received and decoded.
 */
final class PlainReply implements SseTransport {

    /** What was read: the response head, where it came from, and its body as received. */
    record Body(HttpResponse.ResponseInfo response, URI uri, byte[] bytes) {

        /** The Content-Type, or "" if none. */
        String type() {
            return response.headers().firstValue("Content-Type").orElse("").strip();
        }

        /**
         * The body to print: its {@code Content-Encoding} undone, and in UTF-8 (the command's
         * output) when its {@code Content-Type} names another charset; else the bytes as they came.
         *
         * @throws CliException with {@link ExitCode#INVALID_STREAM} if it cannot be decoded or is
         *                      larger than {@code maxBytes} once decoded
         */
        byte[] decoded(int maxBytes) {
            byte[] bytes = this.bytes;
            List<String> codings = response.headers().allValues("Content-Encoding").stream()
                    .flatMap(value -> List.of(value.split(",")).stream())
                    .map(coding -> coding.strip().toLowerCase(Locale.ROOT))
                    .filter(coding -> !coding.isEmpty() && !coding.equals("identity"))
                    .toList();
            // Codings are listed in the order they were applied: undo the last first.
            for (int i = codings.size() - 1; i >= 0; i--) {
                bytes = undo(codings.get(i), bytes, maxBytes);
            }
            Charset charset = charset(type());
            if (!charset.equals(StandardCharsets.UTF_8)) {
                bytes = new String(bytes, charset).getBytes(StandardCharsets.UTF_8);
            }
            return bytes;
        }

        private byte[] undo(String coding, byte[] bytes, int maxBytes) {
            try (InputStream in = switch (coding) {
                case "gzip", "x-gzip" -> new GZIPInputStream(new ByteArrayInputStream(bytes));
                case "deflate" -> new InflaterInputStream(new ByteArrayInputStream(bytes));
                default -> throw new CliException(ExitCode.INVALID_STREAM, "the reply from " + where()
                        + " cannot be decoded: Content-Encoding " + coding + " is not supported");
            }) {
                byte[] decoded = in.readNBytes(maxBytes + 1);
                if (decoded.length > maxBytes) {
                    throw tooLarge(where(), maxBytes);
                }
                return decoded;
            } catch (IOException e) {
                throw new CliException(ExitCode.INVALID_STREAM, "the reply from " + where()
                        + " cannot be decoded (Content-Encoding " + coding + "): " + Failures.message(e), e);
            }
        }

        String where() {
            return SseOptions.defaults().redact(uri);
        }

        /** The charset named by {@code Content-Type}, or UTF-8 if none or one this JVM does not know. */
        private static Charset charset(String type) {
            for (String parameter : type.split(";")) {
                String p = parameter.strip();
                if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                    String name = p.substring(8).strip().replace("\"", "");
                    try {
                        return Charset.forName(name);
                    } catch (IllegalArgumentException e) {
                        return StandardCharsets.UTF_8;
                    }
                }
            }
            return StandardCharsets.UTF_8;
        }
    }

    private final SseTransport transport;
    private final int maxBytes;
    private final CompletableFuture<Body> reply = new CompletableFuture<>();
    /** Set once an event stream has been handed to the source: later answers are its own. */
    private volatile boolean streamOpened;

    /**
     * @param transport the transport to decorate
     * @param maxBytes  the largest body read, received and decoded ({@code --max-event-size})
     */
    PlainReply(SseTransport transport, int maxBytes) {
        this.transport = transport;
        this.maxBytes = maxBytes;
    }

    /**
     * Completes with the reply once its body has been read whole, or with a {@link CliException}
     * if reading it failed or crossed the limit; never completes if the answer is an event stream
     * or a refusal, which go to the source.
     */
    CompletableFuture<Body> reply() {
        return reply;
    }

    @Override
    public Exchange open(Attempt attempt, Map<String, String> headers, Receiver receiver) {
        Taker taker = new Taker(receiver);
        Exchange exchange = transport.open(attempt, headers, taker);
        taker.opened(exchange);
        return exchange;
    }

    /** One exchange's receiver: passes everything on to the source, unless it takes the reply. */
    private final class Taker implements Receiver {
        private final Receiver receiver;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        // Guarded by this; the receiver's calls are sequential, opened() may race with the first.
        private Exchange exchange;
        private boolean requestWhenOpened;
        // Written and read on the receiver's sequential calls only.
        private HttpResponse.ResponseInfo response;
        private URI uri;

        Taker(Receiver receiver) {
            this.receiver = receiver;
        }

        /** The exchange, once open() has returned it: a reply taken before then is read from now on. */
        void opened(Exchange exchange) {
            boolean request;
            synchronized (this) {
                this.exchange = exchange;
                request = requestWhenOpened;
            }
            if (request) {
                exchange.request();
            }
        }

        @Override
        public void onResponse(HttpResponse.ResponseInfo info, URI from) {
            int status = info.statusCode();
            boolean plain = status >= 200 && status <= 299 && status != 204 && !SseBodyHandlers.isEventStream(info);
            if (streamOpened || reply.isDone() || !plain) {
                streamOpened |= SseBodyHandlers.isEventStream(info);
                receiver.onResponse(info, from);
                return;
            }
            response = info;
            uri = from;
            more();
        }

        @Override
        public void onBody(List<ByteBuffer> chunk) {
            if (response == null) {
                receiver.onBody(chunk);
                return;
            }
            for (ByteBuffer buffer : chunk) {
                ByteBuffer bytes = buffer.duplicate();
                while (bytes.hasRemaining()) {
                    body.write(bytes.get());
                }
            }
            if (body.size() > maxBytes) {
                Exchange e;
                synchronized (this) {
                    e = exchange;
                }
                reply.completeExceptionally(tooLarge(SseOptions.defaults().redact(uri), maxBytes));
                if (e != null) {
                    e.abort();
                }
                return;
            }
            more();
        }

        @Override
        public void onComplete() {
            if (response == null) {
                receiver.onComplete();
                return;
            }
            reply.complete(new Body(response, uri, body.toByteArray()));
        }

        @Override
        public void onError(Throwable error) {
            if (response == null) {
                receiver.onError(error);
                return;
            }
            // After an abort (the limit, Ctrl-C) the reply is done already, and this changes nothing.
            reply.completeExceptionally(new CliException(ExitCode.STREAM_LOST, "the reply from "
                    + SseOptions.defaults().redact(uri) + " broke after " + body.size() + " bytes of its body: "
                    + Failures.oneLine(Failures.message(error)), error));
        }

        private void more() {
            Exchange e;
            synchronized (this) {
                e = exchange;
                requestWhenOpened = e == null;
            }
            if (e != null) {
                e.request();
            }
        }
    }

    static CliException tooLarge(String where, int maxBytes) {
        return new CliException(ExitCode.INVALID_STREAM, "the reply from " + where + " is larger than maxEventSize of "
                + maxBytes + " bytes (--max-event-size)");
    }
}
