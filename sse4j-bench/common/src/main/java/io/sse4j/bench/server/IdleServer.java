package io.sse4j.bench.server;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * The server of the scale benchmark: holds many idle event streams open on one thread. Each
 * connection gets the response head and one comment ({@code : idle}), then nothing more; the
 * server keeps reading it only to notice when the client closes.
 *
 * <p>Every request on any path is answered the same way, with {@code 200 text/event-stream},
 * chunked. Connections beyond {@code maxConnections} are closed at once. Memory per connection is a
 * small object and, until the request head has arrived, a {@value #REQUEST_BUFFER_SIZE}-byte buffer.
 *
 * <p>Run it in its own process, so that the client's and the server's sockets count against
 * different file-descriptor limits:
 *
 * <pre>java -cp benchmarks.jar io.sse4j.bench.server.IdleServer --max-connections 10100 --max-seconds 900</pre>
 *
 * <p>It prints {@code port=N} on a line of its own once it listens, and exits after
 * {@code --max-seconds} at the latest.
 */
public final class IdleServer implements AutoCloseable {

    static final int REQUEST_BUFFER_SIZE = NioLoop.REQUEST_BUFFER_SIZE;

    private static final byte[] RESPONSE;

    static {
        byte[] head = Http.ascii("HTTP/1.1 200 OK\r\n"
                + "Content-Type: text/event-stream\r\n"
                + "Cache-Control: no-store\r\n"
                + "Transfer-Encoding: chunked\r\n"
                + "\r\n");
        byte[] comment = Http.chunk(Http.ascii(": idle\n\n"), 0, 8);
        RESPONSE = new byte[head.length + comment.length];
        System.arraycopy(head, 0, RESPONSE, 0, head.length);
        System.arraycopy(comment, 0, RESPONSE, head.length, comment.length);
    }

    private final NioLoop loop;
    private final int maxConnections;
    private final Object counts = new Object();

    // Guarded by counts.
    private int open;
    private int responded;
    private int accepted;
    private int refused;
    private int closedByClient;

    private IdleServer(int maxConnections) throws IOException {
        this.maxConnections = maxConnections;
        this.loop = new NioLoop("idle server", new Handler());
    }

    /**
     * Starts a server on 127.0.0.1 and an ephemeral port.
     *
     * @param maxConnections how many connections to hold at most
     * @return the running server, which must be closed
     * @throws IOException if the port cannot be bound
     */
    public static IdleServer start(int maxConnections) throws IOException {
        IdleServer server = new IdleServer(maxConnections);
        server.loop.start();
        return server;
    }

    /**
     * The port the server listens on.
     *
     * @return the port
     */
    public int port() {
        return loop.port();
    }

    /**
     * The URI of an idle stream.
     *
     * @return the URI
     */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + port() + "/idle");
    }

    /**
     * Connections open now, whether answered yet or not.
     *
     * @return the count
     */
    public int openConnections() {
        synchronized (counts) {
            return open;
        }
    }

    /**
     * Connections closed by the client so far.
     *
     * @return the count
     */
    public int clientCloses() {
        synchronized (counts) {
            return closedByClient;
        }
    }

    /**
     * Waits until exactly {@code count} connections have been answered and are still open.
     *
     * @param count   the number of open, answered connections to wait for
     * @param timeout how long to wait at most
     * @throws TimeoutException     if the count is not reached in time
     * @throws InterruptedException if interrupted while waiting
     */
    public void awaitStreams(int count, Duration timeout) throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (counts) {
            while (responded != count || open != count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException("expected " + count + " open streams, have " + this);
                }
                counts.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /**
     * Waits until {@code count} connections in all have been closed by their clients.
     *
     * @param count   the number of client closes to wait for
     * @param timeout how long to wait at most
     * @throws TimeoutException     if the count is not reached in time
     * @throws InterruptedException if interrupted while waiting
     */
    public void awaitClientCloses(int count, Duration timeout) throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (counts) {
            while (closedByClient < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException("expected " + count + " client closes, have " + this);
                }
                counts.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** One connection: reading its request head, then writing the response, then idle. */
    private static final class Connection extends NioLoop.Connection {
        ByteBuffer response;
    }

    /** Each connection on the loop's thread: one fixed response, then only watching for the close. */
    private final class Handler implements NioLoop.Handler {

        @Override
        public void accepted(SocketChannel channel) {
            boolean full;
            synchronized (counts) {
                accepted++;
                full = open >= maxConnections;
                if (full) {
                    refused++;
                } else {
                    open++;
                }
            }
            if (full) {
                NioLoop.closeQuietly(channel);
            } else if (!loop.register(channel, new Connection())) {
                synchronized (counts) {
                    open--;
                }
            }
        }

        @Override
        public void requestHead(SelectionKey key, ByteBuffer head) {
            ((Connection) key.attachment()).response = ByteBuffer.wrap(RESPONSE);
        }

        @Override
        public void ready(SelectionKey key) throws IOException {
            Connection connection = (Connection) key.attachment();
            if (connection.response != null && NioLoop.write(key, connection.response)) {
                connection.response = null;
                synchronized (counts) {
                    responded++;
                    counts.notifyAll();
                }
            }
        }

        @Override
        public void closed(SelectionKey key, boolean byClient) {
            Connection connection = (Connection) key.attachment();
            synchronized (counts) {
                open--;
                if (connection.headRead() && connection.response == null) {
                    responded--;
                }
                if (byClient) {
                    closedByClient++;
                }
                counts.notifyAll();
            }
        }
    }

    /** Closes every connection and stops the server's thread. */
    @Override
    public void close() {
        loop.close();
    }

    @Override
    public String toString() {
        synchronized (counts) {
            return "IdleServer[port=" + port() + ", open=" + open + ", answered=" + responded
                    + ", accepted=" + accepted + ", refused=" + refused + ", closedByClient=" + closedByClient + "]";
        }
    }

    /**
     * Runs the server until {@code --max-seconds} have passed (or the process is stopped).
     *
     * @param args {@code --max-connections N} (default 10,100) and {@code --max-seconds S} (default 900)
     * @throws Exception if the server cannot start
     */
    public static void main(String[] args) throws Exception {
        int maxConnections = 10_100;
        long maxSeconds = 900;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--max-connections" -> maxConnections = Integer.parseInt(args[++i]);
                case "--max-seconds" -> maxSeconds = Long.parseLong(args[++i]);
                default -> {
                    System.err.println("usage: IdleServer [--max-connections N] [--max-seconds S]");
                    System.exit(2);
                }
            }
        }
        try (IdleServer server = start(maxConnections)) {
            System.out.println("port=" + server.port());
            System.out.flush();
            Thread.sleep(Duration.ofSeconds(maxSeconds).toMillis());
            System.out.println("stopping after " + maxSeconds + " s: " + server);
        }
    }
}
