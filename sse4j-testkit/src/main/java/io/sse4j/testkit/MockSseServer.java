package io.sse4j.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * An in-process HTTP/1.1 server on {@code 127.0.0.1} that answers with scripted
 * {@link MockResponse}s, records every request and counts connections: for end-to-end tests of
 * event-stream clients, with any test framework.
 *
 * <pre>{@code
 * try (MockSseServer server = MockSseServer.start()) {
 *     server.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("hello")).build());
 *     // ... connect a client to server.url("/events") ...
 *     RecordedRequest request = server.takeRequest(Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * <h2>Responses</h2>
 * Each request is answered with the next {@linkplain #enqueue enqueued} response, in order; when
 * none is left, the {@linkplain #setDispatcher dispatcher} chooses one. The default dispatcher
 * answers {@code 404 Not Found} with a plain-text body saying that nothing was enqueued. Each
 * response is written exactly as {@link MockResponse} describes, so a test can check every byte.
 *
 * <h2>Connections</h2>
 * Every accepted connection gets two daemon threads named {@code mock-sse-server-<port>-conn-<n>-…}:
 * one reads requests, one writes responses. The reader keeps reading after the request, so the
 * server notices the client closing the connection (end of stream or reset) at any time, even
 * while a response pauses or stalls; the response is then abandoned and the connection closed. A
 * client that half-closes its output after the request therefore looks like a client that left.
 * A connection counts as open from accept until the server closes its socket, which happens when
 * the client closes it, when a fault disconnects it, or on {@link #close()}. After a response that
 * is not {@linkplain MockResponse.Builder#keepAlive() kept alive}, the server half-closes (FIN)
 * and then waits for the client to close its side, so a client that leaks a connection keeps
 * {@link #openConnections()} above zero.
 *
 * <h2>Limits</h2>
 * A request head larger than {@value #MAX_REQUEST_HEAD_SIZE} bytes, a body larger than
 * {@value #MAX_REQUEST_BODY_SIZE} bytes or a malformed request is answered with
 * {@code 400 Bad Request} naming the problem, then the connection is closed; it is not recorded.
 * {@code Expect: 100-continue} is not answered with an interim response, and {@code HEAD} requests
 * get the body like {@code GET}.
 *
 * <h2>Threads</h2>
 * All methods are thread-safe. {@link #close()} stops accepting, closes every connection and waits
 * up to {@value #CLOSE_TIMEOUT_SECONDS} seconds for the server's threads to end.
 */
public final class MockSseServer implements AutoCloseable {

    /** How long {@link #close()} waits for the server's threads to end: {@value} seconds. */
    public static final int CLOSE_TIMEOUT_SECONDS = 10;

    /** The largest request line plus headers the server reads, in bytes: {@value} (64 KiB). */
    public static final int MAX_REQUEST_HEAD_SIZE = 64 * 1024;

    /** The largest request body the server reads, in bytes: {@value} (16 MiB). */
    public static final int MAX_REQUEST_BODY_SIZE = 16 * 1024 * 1024;

    static final String THREAD_NAME_PREFIX = "mock-sse-server-";

    private static final Function<RecordedRequest, MockResponse> NOT_FOUND = request ->
            Connection.textResponse(404, "mock-sse-server: no response enqueued for "
                    + request.method() + " " + request.target());

    private final ServerSocket serverSocket;
    private final int port;
    private final String threadNamePrefix;
    private final ConcurrentLinkedQueue<MockResponse> responses = new ConcurrentLinkedQueue<>();
    private volatile Function<? super RecordedRequest, MockResponse> dispatcher = NOT_FOUND;
    private final LinkedBlockingQueue<RecordedRequest> requests = new LinkedBlockingQueue<>();
    /** Threads started and not yet finished. */
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled whenever a guarded count changes. */
    private final Condition changed = lock.newCondition();
    // Guarded by lock:
    private final Set<Connection> connections = new HashSet<>();
    private boolean closed;
    private int connectionCount;
    private int requestCount;
    private int clientDisconnects;

    private MockSseServer(ServerSocket serverSocket) {
        this.serverSocket = serverSocket;
        this.port = serverSocket.getLocalPort();
        this.threadNamePrefix = THREAD_NAME_PREFIX + port + "-";
    }

    /**
     * Starts a server on {@code 127.0.0.1} with an ephemeral port, accepting connections at once.
     * Close it when done.
     *
     * @return the running server
     * @throws IOException if the port cannot be bound
     */
    public static MockSseServer start() throws IOException {
        return start(0);
    }

    /**
     * Starts a server on {@code 127.0.0.1} on a chosen port, accepting connections at once: for a
     * fixture that something outside the test must find, such as a replay server. Close it when
     * done.
     *
     * @param port the port, 1 to 65535, or 0 for an ephemeral one as {@link #start()} picks
     * @return the running server
     * @throws IOException              if the port cannot be bound, e.g. because it is in use
     * @throws IllegalArgumentException if the port is out of range
     */
    public static MockSseServer start(int port) throws IOException {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 to 65535, got " + port);
        }
        ServerSocket serverSocket = new ServerSocket();
        try {
            serverSocket.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port), 128);
        } catch (IOException e) {
            serverSocket.close();
            throw e;
        }
        MockSseServer server = new MockSseServer(serverSocket);
        server.newThread(server::acceptConnections, server.threadNamePrefix + "acceptor").start();
        return server;
    }

    /**
     * The port the server listens on.
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * The server's root: {@code http://127.0.0.1:<port>/}.
     *
     * @return the URI
     */
    public URI uri() {
        return url("/");
    }

    /**
     * A URI on this server.
     *
     * @param path a path starting with {@code /}, optionally with a query, such as
     *             {@code /events?topic=a}
     * @return {@code http://127.0.0.1:<port>} followed by the path
     * @throws IllegalArgumentException if the path does not start with {@code /} or is not valid
     *                                  in a URI
     */
    public URI url(String path) {
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/': \"" + path + "\"");
        }
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /**
     * Queues a response; requests are answered with queued responses in the order queued, each
     * used once.
     *
     * @param response the response
     */
    public void enqueue(MockResponse response) {
        responses.add(Objects.requireNonNull(response, "response"));
    }

    /**
     * Sets what answers a request when no enqueued response is left, for example by path:
     * {@code server.setDispatcher(r -> r.path().equals("/events") ? stream : notFound)}. It runs on
     * the connection's thread and may be called concurrently for several connections. If it
     * throws, or returns {@code null}, the request is answered with {@code 500} naming the
     * problem.
     *
     * @param dispatcher chooses a response for a request
     */
    public void setDispatcher(Function<? super RecordedRequest, MockResponse> dispatcher) {
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
    }

    /**
     * Removes and returns the oldest recorded request, waiting for one to arrive if needed.
     * Requests are recorded once fully read, body included, before they are answered.
     *
     * @param timeout how long to wait
     * @return the request
     * @throws TimeoutException     if no request arrives in time
     * @throws InterruptedException if interrupted while waiting
     */
    public RecordedRequest takeRequest(Duration timeout) throws InterruptedException, TimeoutException {
        RecordedRequest request = requests.poll(toNanos(timeout), TimeUnit.NANOSECONDS);
        if (request == null) {
            throw new TimeoutException("no request within " + timeout + " (" + requestCount() + " received in all)");
        }
        return request;
    }

    /**
     * How many requests the server has recorded, taken or not.
     *
     * @return the number of requests received
     */
    public int requestCount() {
        return guarded(() -> requestCount);
    }

    /**
     * How many connections the server has accepted in all.
     *
     * @return the number of connections accepted
     */
    public int connectionCount() {
        return guarded(() -> connectionCount);
    }

    /**
     * How many accepted connections the server has not closed yet.
     *
     * @return the number of open connections
     */
    public int openConnections() {
        return guarded(connections::size);
    }

    /**
     * Waits until exactly {@code count} connections are open, for example {@code 0} after a client
     * was closed, to show it released its connection.
     *
     * @param count   the number of open connections to wait for
     * @param timeout how long to wait
     * @throws TimeoutException     if the count is still different after the timeout
     * @throws InterruptedException if interrupted while waiting
     * @throws IllegalArgumentException if the count is negative
     */
    public void awaitOpenConnections(int count, Duration timeout) throws InterruptedException, TimeoutException {
        await(connections::size, count, true, timeout, "open connections");
    }

    /**
     * How many connections ended because the client closed or reset them, as the server saw it:
     * the server read end of stream (or a reset) before closing the socket itself. This includes
     * clients that close after a complete response; it excludes connections the server
     * disconnected by a fault or on {@link #close()}.
     *
     * @return the number of connections the client closed
     */
    public int clientDisconnects() {
        return guarded(() -> clientDisconnects);
    }

    /**
     * Waits until the server has seen at least {@code count} client disconnects in all, to check
     * that a client closed its connection, for instance when an event stream is cancelled.
     *
     * @param count   the number of client disconnects to wait for
     * @param timeout how long to wait
     * @throws TimeoutException     if fewer were seen by the timeout
     * @throws InterruptedException if interrupted while waiting
     * @throws IllegalArgumentException if the count is negative
     */
    public void awaitClientDisconnects(int count, Duration timeout) throws InterruptedException, TimeoutException {
        await(() -> clientDisconnects, count, false, timeout, "client disconnects");
    }

    /**
     * Stops the server: stops accepting, closes every open connection (abandoning their scripts,
     * waking their pauses and latch waits), and waits up to {@value #CLOSE_TIMEOUT_SECONDS} seconds
     * for its threads to end. Recorded requests stay available. Calling it again does nothing.
     *
     * @throws IllegalStateException if some thread did not end in time, naming them (a dispatcher
     *                               that blocks without responding to interrupts, for example), or
     *                               if the caller was interrupted while waiting (its interrupt
     *                               status is set again)
     */
    @Override
    public void close() {
        List<Connection> open;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            open = new ArrayList<>(connections);
        } finally {
            lock.unlock();
        }
        try {
            serverSocket.close();
        } catch (IOException e) {
            // The acceptor ends either way.
        }
        for (Connection connection : open) {
            connection.end(false, false);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CLOSE_TIMEOUT_SECONDS);
        List<String> stuck = new ArrayList<>();
        for (Thread thread : List.copyOf(threads)) {
            if (thread == Thread.currentThread()) {
                continue;
            }
            try {
                long millis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (millis > 0) {
                    thread.join(millis);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the server's threads to end", e);
            }
            if (thread.isAlive()) {
                stuck.add(thread.getName());
            }
        }
        if (!stuck.isEmpty()) {
            throw new IllegalStateException("threads still running " + CLOSE_TIMEOUT_SECONDS
                    + " seconds after close(): " + stuck);
        }
    }

    /** The server's root URI and state, for logs. */
    @Override
    public String toString() {
        return "MockSseServer[" + uri() + ", " + openConnections() + " open connections, "
                + requestCount() + " requests]";
    }

    private void acceptConnections() {
        while (true) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (serverSocket.isClosed()) {
                    return;
                }
                // A persistent failure (out of file descriptors, say) must not spin a core: back
                // off briefly before accepting again.
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
                continue;
            }
            lock.lock();
            try {
                if (closed) {
                    closeQuietly(socket);
                    return;
                }
                socket.setTcpNoDelay(true);
                int number = connectionCount;
                Connection connection = new Connection(this, number, socket, threadNamePrefix + "conn-" + number);
                connectionCount++;
                connections.add(connection);
                changed.signalAll();
                // Started under the lock, so that close() sees, ends and joins every thread.
                connection.start();
            } catch (IOException e) {
                closeQuietly(socket);
            } finally {
                lock.unlock();
            }
        }
    }

    /** A daemon thread that removes itself from {@link #threads} when it ends. */
    Thread newThread(Runnable task, String name) {
        Thread[] self = new Thread[1];
        Thread thread = new Thread(() -> {
            try {
                task.run();
            } finally {
                threads.remove(self[0]);
            }
        }, name);
        self[0] = thread;
        thread.setDaemon(true);
        threads.add(thread);
        return thread;
    }

    RecordedRequest record(RequestParser.Request request, int connectionNumber) {
        lock.lock();
        try {
            RecordedRequest recorded = new RecordedRequest(request.method, request.target, request.version,
                    HttpHeaders.of(request.headers, (name, value) -> true), request.body,
                    requestCount++, connectionNumber);
            requests.add(recorded);
            changed.signalAll();
            return recorded;
        } finally {
            lock.unlock();
        }
    }

    MockResponse responseFor(RecordedRequest request) {
        MockResponse queued = responses.poll();
        if (queued != null) {
            return queued;
        }
        try {
            return Objects.requireNonNull(dispatcher.apply(request), "dispatcher returned null");
        } catch (RuntimeException e) {
            return Connection.textResponse(500, "mock-sse-server: dispatcher failed for "
                    + request.method() + " " + request.target() + ": " + e);
        }
    }

    void connectionEnded(Connection connection, boolean byClient) {
        lock.lock();
        try {
            if (connections.remove(connection) && byClient) {
                clientDisconnects++;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private int guarded(IntSupplier value) {
        lock.lock();
        try {
            return value.getAsInt();
        } finally {
            lock.unlock();
        }
    }

    private void await(IntSupplier value, int target, boolean exactly, Duration timeout, String what)
            throws InterruptedException, TimeoutException {
        if (target < 0) {
            throw new IllegalArgumentException(what + " cannot be negative, got " + target);
        }
        long nanos = toNanos(timeout);
        lock.lock();
        try {
            while (exactly ? value.getAsInt() != target : value.getAsInt() < target) {
                if (nanos <= 0) {
                    throw new TimeoutException("expected " + (exactly ? "" : "at least ") + target + " " + what
                            + " within " + timeout + ", have " + value.getAsInt());
                }
                nanos = changed.awaitNanos(nanos);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The timeout in nanoseconds, saturated; null is refused, naming {@code timeout}. */
    static long toNanos(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        try {
            return timeout.toNanos();
        } catch (ArithmeticException e) {
            return timeout.isNegative() ? 0 : Long.MAX_VALUE;
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing more to do with it.
        }
    }
}
