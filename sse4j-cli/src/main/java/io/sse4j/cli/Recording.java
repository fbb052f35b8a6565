package io.sse4j.cli;

import io.sse4j.SseLimits;
import io.sse4j.SseParser;
import io.sse4j.SseTransport;
import java.io.Closeable;
import java.io.IOException;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The file that {@code --record FILE} writes: the body of every event-stream response, connection
 * after connection, byte for byte as it arrived. Two things are left out so that the file reads
 * as one stream that gives exactly the events, comments and retries shown: when a connection
 * ends, the unfinished block it ended in (an event cut short, which the client discarded too;
 * as {@link SseParser#boundary()} tells), and the byte order mark of a connection after the first. A body with
 * a {@code Content-Encoding} is kept whole, as received: compressed, nothing cut.
 *
 * <p>One connection is recorded at a time, as an {@code EventSource} has one at a time; its
 * bytes arrive on the HTTP client's threads. A write that fails ends recording, and
 * {@link #failure()} tells.
 */
final class Recording implements Closeable {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final Path path;
    /** The parser's limits, as the source's: what it reads, the recording's parser can read. */
    private final SseLimits limits;
    private final FileChannel file;
    private final ReentrantLock lock = new ReentrantLock();
    // Guarded by lock:
    private Part current;
    private int parts;
    private IOException failure;
    private boolean closed;

    private Recording(Path path, SseLimits limits, FileChannel file) {
        this.path = path;
        this.limits = limits;
        this.file = file;
    }

    /** Creates (or empties) the file. */
    static Recording create(Path path, SseLimits limits) {
        try {
            return new Recording(path, limits, FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING));
        } catch (IOException e) {
            throw new CliException(ExitCode.LOCAL_IO, "cannot write " + path + ": " + Failures.reason(e), e);
        }
    }

    Path path() {
        return path;
    }

    /**
     * Starts recording a new connection's body, ending the one before if it has not ended.
     *
     * @param encoded whether the body has a Content-Encoding: then it is kept whole
     */
    Part start(boolean encoded) {
        lock.lock();
        try {
            if (current != null) {
                current.end();
            }
            current = new Part(parts++ > 0, encoded);
            return current;
        } finally {
            lock.unlock();
        }
    }

    /** The write that failed, if one did: the file then ends before it. */
    IOException failure() {
        lock.lock();
        try {
            return failure;
        } finally {
            lock.unlock();
        }
    }

    /** Ends the connection being recorded, as a connection's end does, and closes the file. */
    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            if (current != null) {
                current.end();
            }
            closed = true;
            file.close();
        } finally {
            lock.unlock();
        }
    }

    /**
     * One connection's body: a tap on its bytes that writes them through to the file. A parser of
     * its own (the one parser sse4j has, nothing else) reads what is written only to tell where
     * the file can be cut; what is shown comes from the source.
     */
    final class Part implements SseTransport.BodyTap {
        private final long start;
        private final boolean encoded;
        /** Null once the bytes crossed a limit: the source fails on them too, and the cut stays put. */
        private SseParser blocks;
        /** Bytes of this part that can be kept when it ends: up to the last whole block. */
        private long cut;
        /** Bytes of a leading BOM held back: -1 once past the start (or when a BOM is kept). */
        private int bomHeld;
        private boolean ended;

        private Part(boolean later, boolean encoded) {
            this.start = position();
            this.encoded = encoded;
            this.blocks = encoded ? null : SseParser.of(event -> { }, limits);
            this.bomHeld = later && !encoded ? 0 : -1;
        }

        @Override
        public void received(ByteBuffer bytes) {
            lock.lock();
            try {
                if (ended || failure != null || closed) {
                    return;
                }
                ByteBuffer rest = bytes.duplicate();
                while (bomHeld >= 0 && rest.hasRemaining()) {
                    if (rest.get(rest.position()) == BOM[bomHeld]) {
                        rest.position(rest.position() + 1);
                        bomHeld = bomHeld == 2 ? -1 : bomHeld + 1;
                    } else {
                        write(ByteBuffer.wrap(BOM, 0, bomHeld)); // it was no BOM: its bytes are data
                        bomHeld = -1;
                    }
                }
                write(rest);
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void ended() {
            lock.lock();
            try {
                end();
            } finally {
                lock.unlock();
            }
        }

        /** Under the lock: cuts the file back to the last whole block of this part. */
        private void end() {
            if (ended) {
                return;
            }
            ended = true;
            if (encoded || failure != null || closed) {
                return;
            }
            try {
                file.truncate(start + cut);
            } catch (IOException e) {
                failure = e;
            }
        }

        private void write(ByteBuffer buffer) {
            if (blocks != null) {
                try {
                    blocks.feed(buffer.duplicate());
                    cut = blocks.boundary();
                } catch (ProtocolException | RuntimeException e) {
                    blocks = null;
                }
            }
            try {
                while (buffer.hasRemaining()) {
                    file.write(buffer);
                }
            } catch (IOException e) {
                failure = e;
            }
        }
    }

    private long position() {
        try {
            return file.position();
        } catch (IOException e) {
            failure = e;
            return 0;
        }
    }
}
