package io.sse4j.bench.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Iterator;
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

    static final int REQUEST_BUFFER_SIZE = 2048;
    /** The accept backlog asked for; Linux caps it at {@code net.core.somaxconn}. */
    private static final int BACKLOG = 8192;

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

    private final ServerSocketChannel listener;
    private final Selector selector;
    private final Thread loop;
    private final int maxConnections;
    private final ByteBuffer discard = ByteBuffer.allocateDirect(4096);
    private final Object counts = new Object();

    // Guarded by counts.
    private int open;
    private int responded;
    private int accepted;
    private int refused;
    private int closedByClient;

    private volatile boolean closed;

    private IdleServer(ServerSocketChannel listener, Selector selector, int maxConnections) {
        this.listener = listener;
        this.selector = selector;
        this.maxConnections = maxConnections;
        int port = listener.socket().getLocalPort();
        this.loop = new Thread(this::run, "idle-server-" + port);
        this.loop.setDaemon(true);
    }

    /**
     * Starts a server on 127.0.0.1 and an ephemeral port.
     *
     * @param maxConnections how many connections to hold at most
     * @return the running server, which must be closed
     * @throws IOException if the port cannot be bound
     */
    public static IdleServer start(int maxConnections) throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), BACKLOG);
        listener.configureBlocking(false);
        Selector selector = Selector.open();
        listener.register(selector, SelectionKey.OP_ACCEPT);
        IdleServer server = new IdleServer(listener, selector, maxConnections);
        server.loop.start();
        return server;
    }

    /**
     * The port the server listens on.
     *
     * @return the port
     */
    public int port() {
        return listener.socket().getLocalPort();
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
    private static final class Connection {
        ByteBuffer request = ByteBuffer.allocate(REQUEST_BUFFER_SIZE);
        ByteBuffer response;
        int scanned;
        int matched;
    }

    private void run() {
        try {
            while (!closed) {
                selector.select(500);
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        accept();
                    } else {
                        handle(key);
                    }
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            if (!closed) {
                throw new UncheckedIOException(new IOException("idle server failed", e));
            }
        }
    }

    private void accept() {
        SocketChannel channel;
        while ((channel = acceptOne()) != null) {
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
            try {
                if (full) {
                    channel.close();
                    continue;
                }
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel.register(selector, SelectionKey.OP_READ, new Connection());
            } catch (IOException e) {
                System.err.println("idle server: dropping a connection: " + e);
                closeQuietly(channel);
                if (!full) {
                    synchronized (counts) {
                        open--;
                    }
                }
            }
        }
    }

    /**
     * Accepts a pending connection, or returns null if there is none or accepting failed (for
     * example with too many open files): the server goes on serving the connections it has.
     */
    private SocketChannel acceptOne() {
        try {
            return listener.accept();
        } catch (IOException e) {
            System.err.println("idle server: accept failed: " + e);
            return null;
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closed either way.
        }
    }

    private void handle(SelectionKey key) {
        SocketChannel channel = (SocketChannel) key.channel();
        Connection connection = (Connection) key.attachment();
        try {
            if (key.isReadable()) {
                if (connection.request != null) {
                    if (channel.read(connection.request) < 0) {
                        close(key, true);
                        return;
                    }
                    if (headComplete(connection)) {
                        connection.request = null;
                        connection.response = ByteBuffer.wrap(RESPONSE);
                    } else if (!connection.request.hasRemaining()) {
                        close(key, false);
                        return;
                    }
                } else {
                    discard.clear();
                    if (channel.read(discard) < 0) {
                        close(key, true);
                        return;
                    }
                }
            }
            if (connection.response != null) {
                channel.write(connection.response);
                if (connection.response.hasRemaining()) {
                    key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                } else {
                    connection.response = null;
                    key.interestOps(SelectionKey.OP_READ);
                    synchronized (counts) {
                        responded++;
                        counts.notifyAll();
                    }
                }
            }
        } catch (IOException e) {
            close(key, true);
        }
    }

    /** Scans the bytes read since the last call for the blank line that ends the request head. */
    private static boolean headComplete(Connection connection) {
        ByteBuffer request = connection.request;
        for (int i = connection.scanned; i < request.position(); i++) {
            byte b = request.get(i);
            int m = connection.matched;
            connection.matched = b == (m % 2 == 0 ? '\r' : '\n') ? m + 1 : b == '\r' ? 1 : 0;
            if (connection.matched == 4) {
                return true;
            }
        }
        connection.scanned = request.position();
        return false;
    }

    private void close(SelectionKey key, boolean byClient) {
        key.cancel();
        Connection connection = (Connection) key.attachment();
        try {
            key.channel().close();
        } catch (IOException ignored) {
            // Closed either way.
        }
        synchronized (counts) {
            open--;
            if (connection.request == null && connection.response == null) {
                responded--;
            }
            if (byClient) {
                closedByClient++;
            }
            counts.notifyAll();
        }
    }

    /** Closes every connection and stops the server's thread. */
    @Override
    public void close() {
        closed = true;
        selector.wakeup();
        try {
            loop.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
            selector.close();
            listener.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
