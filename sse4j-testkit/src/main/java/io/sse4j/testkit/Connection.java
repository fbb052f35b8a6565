package io.sse4j.testkit;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One accepted connection, served by two threads. The reader parses requests until the client
 * closes its side, so the server notices a client going away at any moment, even while the
 * response stalls; it hands each request to the writer, which plays the responses' scripts.
 *
 * <p>The connection ends exactly once, by {@link #end}: the socket is closed, the writer is woken
 * from any wait (by {@link #ended} for the server's own waits, by interrupt for a test's latch),
 * and the server is told whether the client or the server ended it.
 */
final class Connection {

    /** What the reader hands to the writer: a request to answer, or why the request was unreadable. */
    private static final class Incoming {
        final RecordedRequest request;
        final boolean wantsClose;
        final ProtocolException malformed;

        Incoming(RecordedRequest request, boolean wantsClose, ProtocolException malformed) {
            this.request = request;
            this.wantsClose = wantsClose;
            this.malformed = malformed;
        }
    }

    private final MockSseServer server;
    private final int number;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final BlockingQueue<Incoming> incoming = new LinkedBlockingQueue<>();
    private final AtomicBoolean endedOnce = new AtomicBoolean();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final Thread reader;
    private final Thread writer;

    Connection(MockSseServer server, int number, Socket socket, String threadName) throws IOException {
        this.server = server;
        this.number = number;
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.reader = server.newThread(this::readRequests, threadName + "-reader");
        this.writer = server.newThread(this::writeResponses, threadName + "-writer");
    }

    void start() {
        reader.start();
        writer.start();
    }

    private void readRequests() {
        RequestParser parser = new RequestParser(in);
        try {
            for (Optional<RequestParser.Request> next = parser.next(); next.isPresent(); next = parser.next()) {
                RequestParser.Request request = next.get();
                incoming.add(new Incoming(server.record(request, number), request.wantsClose(), null));
            }
        } catch (ProtocolException e) {
            incoming.add(new Incoming(null, true, e));
            drainUntilEndOfStream();
        } catch (IOException e) {
            // End of stream inside a request, a reset, or the socket closed by end(): all end the connection.
        }
        // The client closed its side (or the server did, and then this call does nothing).
        end(true, false);
    }

    private void drainUntilEndOfStream() {
        byte[] discard = new byte[4096];
        try {
            while (in.read(discard) >= 0) {
                continue;
            }
        } catch (IOException e) {
            // The connection is going away either way.
        }
    }

    private void writeResponses() {
        try {
            while (true) {
                Incoming next = incoming.take();
                MockResponse response = next.malformed != null
                        ? textResponse(400, "mock-sse-server: " + next.malformed.getMessage())
                        : server.responseFor(next.request);
                if (!play(response, next.wantsClose || next.malformed != null)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            // end() woke us: the connection is over.
        } catch (IOException e) {
            // A write failed: the client reset or closed the connection before the reader noticed.
            end(true, false);
        } finally {
            end(false, false);
        }
    }

    /**
     * Plays one response.
     *
     * @return whether to keep the connection for another request
     */
    private boolean play(MockResponse response, boolean requestWantsClose) throws IOException, InterruptedException {
        if (response.headLatch() != null) {
            response.headLatch().await(); // Interrupted, like a test's latch in the body, if the connection ends.
        }
        out.write(response.head());
        BodyWriter body = new BodyWriter(response);
        if (response.disconnectAfterBodyBytes() == 0) {
            return disconnect(response);
        }
        for (Step step : response.steps()) {
            if (step instanceof Step.Bytes) {
                if (!body.write(((Step.Bytes) step).bytes)) {
                    return disconnect(response);
                }
            } else if (step instanceof Step.Pause) {
                if (pause(((Step.Pause) step).duration)) {
                    return false;
                }
            } else if (step instanceof Step.Await) {
                ((Step.Await) step).latch.await();
            } else if (step instanceof Step.Signal) {
                ((Step.Signal) step).latch.countDown();
            } else if (step == Step.Stall.INSTANCE) {
                ended.await();
                return false;
            } else if (step == Step.Disconnect.INSTANCE) {
                return disconnect(response);
            } else {
                throw new AssertionError("unknown step " + step);
            }
        }
        if (response.framing() == MockResponse.Framing.CHUNKED && !body.writeLastChunk()) {
            return disconnect(response);
        }
        if (response.keepAlive() && !requestWantsClose) {
            return true;
        }
        // End the body with a FIN, then keep reading until the client closes too: a client that
        // never closes its socket is visible in openConnections().
        socket.shutdownOutput();
        ended.await();
        return false;
    }

    private boolean disconnect(MockResponse response) {
        end(false, response.resetOnDisconnect());
        return false;
    }

    /** Waits, scripted. @return whether the connection ended meanwhile */
    private boolean pause(Duration duration) throws InterruptedException {
        long nanos;
        try {
            nanos = duration.toNanos();
        } catch (ArithmeticException e) {
            nanos = Long.MAX_VALUE;
        }
        return nanos > 0 && ended.await(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Ends the connection, once: closes the socket (with a reset if asked), wakes the writer and
     * tells the server.
     *
     * @param byClient whether the client ended it, as far as this connection can tell
     * @param reset    whether to close with {@code SO_LINGER} zero, which sends RST
     */
    void end(boolean byClient, boolean reset) {
        if (!endedOnce.compareAndSet(false, true)) {
            return;
        }
        if (reset) {
            try {
                socket.setSoLinger(true, 0);
            } catch (IOException e) {
                // Closing below still ends the connection, with a FIN instead.
            }
        }
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing more can be done with this socket.
        }
        ended.countDown();
        if (Thread.currentThread() != writer) {
            // The writer may be waiting on a test's latch, which only an interrupt can cut short.
            writer.interrupt();
        }
        server.connectionEnded(this, byClient);
    }

    static MockResponse textResponse(int status, String text) {
        return textResponseBuilder(status, text).build();
    }

    /** A plain-text response with a fixed length, for the builder to add headers to. */
    static MockResponse.Builder textResponseBuilder(int status, String text) {
        return MockResponse.newBuilder()
                .status(status)
                .contentType("text/plain; charset=utf-8")
                .removeHeader("Cache-Control")
                .raw(text + "\n")
                .fixedLength();
    }

    /** Writes a response's body: splits writes into chunks, frames them, counts bytes toward a disconnect. */
    private final class BodyWriter {
        private final MockResponse.Framing framing;
        private final int chunkSize;
        private final Duration chunkPause;
        private final long limit;
        private long written;

        BodyWriter(MockResponse response) {
            this.framing = response.framing();
            this.chunkSize = response.chunkSize();
            this.chunkPause = response.chunkPause();
            this.limit = response.disconnectAfterBodyBytes();
        }

        /** @return false if the connection must be disconnected now (or has ended) */
        boolean write(byte[] data) throws IOException, InterruptedException {
            int piece = chunkSize == 0 ? Math.max(data.length, 1) : chunkSize;
            for (int offset = 0; offset < data.length; offset += piece) {
                if (offset > 0 && pause(chunkPause)) {
                    return false;
                }
                int length = Math.min(piece, data.length - offset);
                boolean more = framing == MockResponse.Framing.CHUNKED
                        ? send(frame(data, offset, length))
                        : send(data, offset, length);
                if (!more) {
                    return false;
                }
            }
            return true;
        }

        boolean writeLastChunk() throws IOException {
            return send("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }

        private boolean send(byte[] bytes) throws IOException {
            return send(bytes, 0, bytes.length);
        }

        /** One socket write, cut short at the disconnect limit. @return false once the limit is reached */
        private boolean send(byte[] bytes, int offset, int length) throws IOException {
            if (limit >= 0 && written + length >= limit) {
                int allowed = (int) (limit - written);
                out.write(bytes, offset, allowed);
                written = limit;
                return false;
            }
            out.write(bytes, offset, length);
            written += length;
            return true;
        }

        private byte[] frame(byte[] data, int offset, int length) {
            byte[] size = (Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] chunk = new byte[size.length + length + 2];
            System.arraycopy(size, 0, chunk, 0, size.length);
            System.arraycopy(data, offset, chunk, size.length, length);
            chunk[chunk.length - 2] = '\r';
            chunk[chunk.length - 1] = '\n';
            return chunk;
        }
    }
}
