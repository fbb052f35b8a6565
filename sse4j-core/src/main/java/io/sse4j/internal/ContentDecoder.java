package io.sse4j.internal;

import java.io.IOException;
import java.net.ProtocolException;
import java.net.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * Undoes a response's {@code Content-Encoding} while the body streams in: {@code gzip} (and
 * {@code x-gzip}) and {@code deflate}, with {@link Inflater}, so that core needs no dependency.
 * Output is handed on as soon as the inflater yields it, so a server that flushes its compressor
 * after each event has each event parsed at once.
 *
 * <p>Not thread-safe: the response's body subscriber calls it, one chunk at a time, and
 * {@link #end()} releases the inflater's native memory.
 */
public abstract class ContentDecoder {

    /** Receives decoded bytes; the array is reused after the call returns. */
    @FunctionalInterface
    interface Sink {
        void accept(byte[] bytes, int offset, int length) throws IOException;
    }

    private static final int OUTPUT_SIZE = 16 * 1024;

    /** Made by the subclass once it knows the format. */
    Inflater inflater;
    private final byte[] output = new byte[OUTPUT_SIZE];

    /**
     * The decoders for {@code headers}' {@code Content-Encoding}, outermost first, or an empty
     * list for none or {@code identity}.
     *
     * @throws ProtocolException for an encoding sse4j cannot decode
     */
    static List<ContentDecoder> forHeaders(HttpHeaders headers) throws ProtocolException {
        List<ContentDecoder> decoders = new ArrayList<>();
        for (String value : headers.allValues("Content-Encoding")) {
            for (String coding : value.split(",")) {
                String name = coding.strip().toLowerCase(Locale.ROOT);
                switch (name) {
                    case "", "identity":
                        break;
                    case "gzip", "x-gzip":
                        decoders.add(0, new Gzip());
                        break;
                    case "deflate":
                        decoders.add(0, new Deflate());
                        break;
                    default:
                        decoders.forEach(ContentDecoder::end);
                        throw new ProtocolException("unsupported Content-Encoding \"" + coding.strip()
                                + "\": sse4j decodes gzip, deflate and identity (do not send an Accept-Encoding"
                                + " that offers others)");
                }
            }
        }
        return decoders;
    }

    /** Decodes the remaining bytes of {@code in} into {@code sink}. */
    abstract void decode(ByteBuffer in, Sink sink) throws IOException;

    /** Checks that the body ended where the encoding says it may: not inside a compressed block. */
    abstract void finish() throws IOException;

    /** Releases the inflater; idempotent. */
    final void end() {
        if (inflater != null) {
            inflater.end();
        }
    }

    /** Inflates what the inflater holds; returns true when the compressed data ended. */
    final boolean inflate(Sink sink) throws IOException {
        try {
            while (true) {
                int n = inflater.inflate(output);
                if (n > 0) {
                    sink.accept(output, 0, n);
                }
                if (inflater.finished()) {
                    return true;
                }
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    if (inflater.needsDictionary()) {
                        throw new ZipException("corrupt " + name() + " content: it needs a preset dictionary");
                    }
                    return false;
                }
            }
        } catch (DataFormatException e) {
            ZipException corrupt = new ZipException("corrupt " + name() + " content: " + e.getMessage());
            corrupt.initCause(e);
            throw corrupt;
        }
    }

    abstract String name();

    /**
     * {@code deflate} (RFC 9110 §8.4.1.2): zlib-wrapped deflate data; raw deflate data, which
     * some servers send instead, is recognised by its first two bytes and accepted too.
     */
    static final class Deflate extends ContentDecoder {
        private final byte[] start = new byte[2];
        private int seen;

        @Override
        void decode(ByteBuffer in, Sink sink) throws IOException {
            while (inflater == null && in.hasRemaining()) {
                start[seen++] = in.get();
                if (seen == 2) {
                    int header = (start[0] & 0xFF) << 8 | (start[1] & 0xFF);
                    boolean zlib = (start[0] & 0x0F) == 8 && header % 31 == 0;
                    inflater = new Inflater(!zlib);
                    inflater.setInput(start, 0, 2);
                    inflate(sink);
                }
            }
            if (inflater != null && in.hasRemaining() && !inflater.finished()) {
                inflater.setInput(in);
                inflate(sink);
            }
            in.position(in.limit());
        }

        @Override
        void finish() throws IOException {
            if (seen > 0 && (inflater == null || !inflater.finished())) {
                throw new ZipException("truncated deflate content: the body ended inside compressed data");
            }
        }

        @Override
        String name() {
            return "deflate";
        }
    }

    /**
     * {@code gzip} (RFC 1952): members of header, deflate data and a trailer whose CRC-32 and
     * length are checked; several members in a row decode as one stream, as {@code gzip -d} does.
     */
    static final class Gzip extends ContentDecoder {
        private static final int FHCRC = 2;
        private static final int FEXTRA = 4;
        private static final int FNAME = 8;
        private static final int FCOMMENT = 16;
        /** A header longer than this (with a name, a comment or extra fields) is refused. */
        private static final int MAX_HEADER = 64 * 1024;

        private enum State { HEADER, BODY, TRAILER }

        private final CRC32 crc = new CRC32();
        private State state = State.HEADER;
        private byte[] pending = new byte[16];
        private int pendingLength;
        private long size;

        Gzip() {
            inflater = new Inflater(true);
        }

        @Override
        void decode(ByteBuffer in, Sink sink) throws IOException {
            Sink counting = (b, off, len) -> {
                crc.update(b, off, len);
                size += len;
                sink.accept(b, off, len);
            };
            while (in.hasRemaining()) {
                switch (state) {
                    case HEADER:
                        keep(in.get());
                        int headerLength = headerLength();
                        if (headerLength > 0) {
                            pendingLength = 0;
                            state = State.BODY;
                        }
                        break;
                    case BODY:
                        inflater.setInput(in);
                        boolean ended = inflate(counting);
                        if (ended) {
                            // What the inflater did not use belongs to the trailer.
                            in.position(in.limit() - inflater.getRemaining());
                            state = State.TRAILER;
                        } else {
                            in.position(in.limit());
                        }
                        break;
                    case TRAILER:
                        keep(in.get());
                        if (pendingLength == 8) {
                            checkTrailer();
                            pendingLength = 0;
                            crc.reset();
                            size = 0;
                            inflater.reset();
                            state = State.HEADER;
                        }
                        break;
                    default:
                        throw new AssertionError(state);
                }
            }
        }

        private void keep(byte b) throws ZipException {
            if (pendingLength == pending.length) {
                if (pending.length >= MAX_HEADER) {
                    throw new ZipException("corrupt gzip content: a header longer than " + MAX_HEADER + " bytes");
                }
                pending = java.util.Arrays.copyOf(pending, pending.length * 2);
            }
            pending[pendingLength++] = b;
        }

        /** The length of the complete header in {@link #pending}, or 0 if more bytes are needed. */
        private int headerLength() throws ZipException {
            if (pendingLength < 10) {
                if (pendingLength == 2 && ((pending[0] & 0xFF) != 0x1F || (pending[1] & 0xFF) != 0x8B)) {
                    throw new ZipException("corrupt gzip content: not in gzip format");
                }
                if (pendingLength == 3 && pending[2] != 8) {
                    throw new ZipException("corrupt gzip content: unsupported compression method " + pending[2]);
                }
                return 0;
            }
            int flags = pending[3] & 0xFF;
            int at = 10;
            if ((flags & FEXTRA) != 0) {
                if (pendingLength < at + 2) {
                    return 0;
                }
                at += 2 + ((pending[at] & 0xFF) | (pending[at + 1] & 0xFF) << 8);
            }
            if ((flags & FNAME) != 0) {
                at = afterZero(at);
            }
            if (at > 0 && (flags & FCOMMENT) != 0) {
                at = afterZero(at);
            }
            if (at > 0 && (flags & FHCRC) != 0) {
                at += 2;
            }
            return at > 0 && pendingLength >= at ? at : 0;
        }

        /** The index after the zero byte that ends a string at {@code from}, or 0 if not there yet. */
        private int afterZero(int from) {
            for (int i = from; i < pendingLength; i++) {
                if (pending[i] == 0) {
                    return i + 1;
                }
            }
            return 0;
        }

        private void checkTrailer() throws ZipException {
            long expectedCrc = le32(0);
            long expectedSize = le32(4);
            if (expectedCrc != crc.getValue()) {
                throw new ZipException("corrupt gzip content: CRC-32 mismatch");
            }
            if (expectedSize != (size & 0xFFFFFFFFL)) {
                throw new ZipException("corrupt gzip content: length mismatch");
            }
        }

        private long le32(int at) {
            return (pending[at] & 0xFFL) | (pending[at + 1] & 0xFFL) << 8
                    | (pending[at + 2] & 0xFFL) << 16 | (pending[at + 3] & 0xFFL) << 24;
        }

        @Override
        void finish() throws IOException {
            boolean clean = state == State.HEADER && pendingLength == 0;
            if (!clean) {
                throw new ZipException("truncated gzip content: the body ended inside a gzip member");
            }
        }

        @Override
        String name() {
            return "gzip";
        }
    }
}
