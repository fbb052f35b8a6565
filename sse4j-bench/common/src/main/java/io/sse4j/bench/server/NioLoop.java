package io.sse4j.bench.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The one thread of a non-blocking benchmark server on 127.0.0.1 ({@link IdleServer},
 * {@link StormServer}): the listener, the selector, and the loop that accepts connections, reads
 * each request head into a buffer of its connection's own and hands the rest to the server's
 * {@link Handler}; and a bounded shutdown.
 *
 * <p>Every connection is registered for reading with an attachment that extends {@link Connection}.
 * Until its request head is complete the loop reads into the attachment's buffer; a head that does
 * not fit closes the connection. After the head, the loop reads only to notice the end of the
 * stream, and drops what it reads.
 *
 * <p>{@link #start}, {@link #port}, {@link #execute} and {@link #close} are for any thread; the rest,
 * like the handler's callbacks and the tasks, for the loop's thread.
 */
final class NioLoop implements AutoCloseable {

    /** The longest request head read; a longer one closes the connection: {@value} bytes. */
    static final int REQUEST_BUFFER_SIZE = 2048;
    /** The accept backlog asked for; Linux caps it at {@code net.core.somaxconn}. */
    private static final int BACKLOG = 8192;

    /** What a server does with its connections. Every call is on the loop's thread. */
    interface Handler {

        /**
         * A connection was accepted: the handler {@linkplain #register registers} it or closes it.
         *
         * @param channel the connection, still blocking
         */
        void accepted(SocketChannel channel);

        /**
         * The request head of a connection is complete: the handler answers it. The connection
         * no longer holds the head.
         *
         * @param key  the connection's key
         * @param head the head, from 0 to its position
         * @throws IOException if writing fails; the loop closes the connection then, as by its client
         */
        void requestHead(SelectionKey key, ByteBuffer head) throws IOException;

        /**
         * A connection is still open after the loop read from it, or it was selected for writing
         * only: the handler writes what is due.
         *
         * @param key the connection's key
         * @throws IOException if writing fails; the loop closes the connection then, as by its client
         */
        void ready(SelectionKey key) throws IOException;

        /**
         * A connection was closed, and its key cancelled.
         *
         * @param key      the connection's key, still with its attachment
         * @param byClient whether the client ended it (end of stream, or an I/O error)
         */
        void closed(SelectionKey key, boolean byClient);
    }

    /** What the loop keeps of a connection: its request head, until complete. Attachments extend it. */
    static class Connection {

        private ByteBuffer request = ByteBuffer.allocate(REQUEST_BUFFER_SIZE);
        private int scanned;
        private int matched;

        /**
         * Whether the request head has been read, and handed to {@link Handler#requestHead}.
         *
         * @return true once read
         */
        final boolean headRead() {
            return request == null;
        }

        /** Scans the bytes read since the last call for the blank line that ends the request head. */
        private boolean headComplete() {
            for (int i = scanned; i < request.position(); i++) {
                byte b = request.get(i);
                int m = matched;
                matched = b == (m % 2 == 0 ? '\r' : '\n') ? m + 1 : b == '\r' ? 1 : 0;
                if (matched == 4) {
                    return true;
                }
            }
            scanned = request.position();
            return false;
        }
    }

    private final String name;
    private final Handler handler;
    private final Selector selector;
    private final int port;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final ByteBuffer discard = ByteBuffer.allocateDirect(4096);
    private volatile boolean closed;

    // Loop thread only, once started.
    private ServerSocketChannel listener;

    /**
     * Listens on 127.0.0.1 and an ephemeral port; {@link #start} starts the loop.
     *
     * @param name    the server's name, as in {@code "idle server"}: the start of its messages, and
     *                with dashes and the port, its thread's name
     * @param handler what to do with the connections
     * @throws IOException if the port cannot be bound
     */
    NioLoop(String name, Handler handler) throws IOException {
        this.name = name;
        this.handler = handler;
        this.selector = Selector.open();
        this.listener = listen(0);
        this.port = listener.socket().getLocalPort();
        this.thread = new Thread(this::run, name.replace(' ', '-') + "-" + port);
        this.thread.setDaemon(true);
    }

    private ServerSocketChannel listen(int port) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open();
        channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), BACKLOG);
        channel.configureBlocking(false);
        channel.register(selector, SelectionKey.OP_ACCEPT);
        return channel;
    }

    /** Starts the loop's thread. */
    void start() {
        thread.start();
    }

    /**
     * The port listened on, also while not listening.
     *
     * @return the port
     */
    int port() {
        return port;
    }

    /**
     * Runs a task on the loop's thread, before it next handles the selected keys.
     *
     * @param task the task
     */
    void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    /**
     * The keys of the listener and of every open connection.
     *
     * @return the selector's key set
     */
    Set<SelectionKey> keys() {
        return selector.keys();
    }

    /**
     * Stops listening; connections already accepted stay open.
     *
     * @throws IOException if closing fails
     */
    void stopListening() throws IOException {
        listener.close();
        selector.selectNow(); // deregisters the listener, so that the port can be bound again
    }

    /**
     * Listens again on the same port, after {@link #stopListening}.
     *
     * @throws IOException if the port cannot be bound
     */
    void listenAgain() throws IOException {
        listener = listen(port);
    }

    /**
     * Registers an accepted connection for reading, with TCP_NODELAY. If that fails, the connection
     * is closed, with a message on standard error.
     *
     * @param channel    the connection
     * @param attachment its state
     * @return whether it is registered
     */
    boolean register(SocketChannel channel, Connection attachment) {
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.register(selector, SelectionKey.OP_READ, attachment);
            return true;
        } catch (IOException e) {
            System.err.println(name + ": dropping a connection: " + e);
            closeQuietly(channel);
            return false;
        }
    }

    /**
     * Writes as much of {@code output} as the connection takes, and selects the key for writing
     * too while some is left.
     *
     * @param key    the connection's key
     * @param output what to write
     * @return whether all of it is written
     * @throws IOException if writing fails
     */
    static boolean write(SelectionKey key, ByteBuffer output) throws IOException {
        ((SocketChannel) key.channel()).write(output);
        if (output.hasRemaining()) {
            key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            return false;
        }
        key.interestOps(SelectionKey.OP_READ);
        return true;
    }

    /**
     * Closes a connection and cancels its key, then tells the handler.
     *
     * @param key      the connection's key
     * @param byClient whether the client ended it
     */
    void close(SelectionKey key, boolean byClient) {
        key.cancel();
        try {
            key.channel().close();
        } catch (IOException ignored) {
            // Closed either way.
        }
        handler.closed(key, byClient);
    }

    /**
     * Closes a connection, ignoring a failure: it is closed either way.
     *
     * @param channel the connection
     */
    static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closed either way.
        }
    }

    private void run() {
        try {
            while (!closed) {
                selector.select(500);
                Runnable task;
                while ((task = tasks.poll()) != null) {
                    task.run();
                }
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        accept((ServerSocketChannel) key.channel());
                    } else {
                        handle(key);
                    }
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            if (!closed) {
                throw new UncheckedIOException(new IOException(name + " failed", e));
            }
        }
    }

    /**
     * Hands every pending connection to the handler. Accepting can fail (for example with too many
     * open files): the server goes on serving the connections it has.
     */
    private void accept(ServerSocketChannel listener) {
        while (true) {
            SocketChannel channel;
            try {
                channel = listener.accept();
            } catch (IOException e) {
                System.err.println(name + ": accept failed: " + e);
                return;
            }
            if (channel == null) {
                return;
            }
            handler.accepted(channel);
        }
    }

    private void handle(SelectionKey key) {
        try {
            if (key.isReadable() && !read(key)) {
                return;
            }
            handler.ready(key);
        } catch (IOException e) {
            close(key, true);
        }
    }

    /** Reads what has come on a connection; false if that closed it. */
    private boolean read(SelectionKey key) throws IOException {
        SocketChannel channel = (SocketChannel) key.channel();
        Connection connection = (Connection) key.attachment();
        if (connection.request == null) {
            discard.clear();
            if (channel.read(discard) < 0) {
                close(key, true);
                return false;
            }
            return true;
        }
        if (channel.read(connection.request) < 0) {
            close(key, true);
            return false;
        }
        if (connection.headComplete()) {
            ByteBuffer head = connection.request;
            connection.request = null;
            handler.requestHead(key, head);
        } else if (!connection.request.hasRemaining()) {
            close(key, false);
            return false;
        }
        return true;
    }

    /** Closes every connection and stops the loop's thread, waiting for it at most 5 s. */
    @Override
    public void close() {
        closed = true;
        selector.wakeup();
        try {
            thread.join(5_000);
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
}
