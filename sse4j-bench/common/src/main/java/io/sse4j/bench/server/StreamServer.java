package io.sse4j.bench.server;

import io.sse4j.bench.Workload;
import io.sse4j.bench.Workloads;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The event-stream server of the end-to-end benchmarks: HTTP/1.1 on 127.0.0.1, an ephemeral port,
 * a thread per connection, and as little work per byte as possible, so that the client under test
 * is what limits the rate.
 *
 * <table>
 *   <caption>Routes (GET; any other path gets 404)</caption>
 *   <tr><th>path</th><th>body</th></tr>
 *   <tr><td>{@code /workload/NAME?passes=N}</td><td>the {@link Workloads workload}'s bytes N times
 *       (default 1), framed once in advance as chunks of {@value #WORKLOAD_CHUNK_SIZE} bytes and
 *       written with one {@code write} per pass</td></tr>
 *   <tr><td>{@code /paced?events=N&periodMicros=P}</td><td>N events {@code data: SEQ NANOS}, SEQ
 *       counting from 1, on a fixed schedule of one every P microseconds; each is its own chunk,
 *       written and flushed alone, and NANOS is {@link System#nanoTime()} read just before that
 *       write, so a client in the same JVM can tell how long the event took to reach it</td></tr>
 *   <tr><td>{@code /idle}</td><td>one comment, then nothing until the client leaves or the server
 *       closes</td></tr>
 * </table>
 *
 * <p>Every response is {@code 200 text/event-stream}, chunked, with {@code Connection: close}.
 * After the last chunk the server half-closes and waits (at most {@link #LINGER}) for the client
 * to close too, so no unread byte turns the close into a reset. Sockets have {@code TCP_NODELAY},
 * so a paced event is not held back waiting for an acknowledgement.
 *
 * <p>At most {@value #MAX_CONNECTIONS} connections are served at once; more get 503. {@link #close()}
 * ends every connection and stops the server's threads.
 */
public final class StreamServer implements AutoCloseable {

    /** The chunk size of the {@code /workload} bodies: {@value} bytes. */
    public static final int WORKLOAD_CHUNK_SIZE = 16 * 1024;
    /** Connections served at once: {@value}. */
    public static final int MAX_CONNECTIONS = 64;
    /** How long a finished response waits for the client to close its side. */
    static final Duration LINGER = Duration.ofSeconds(30);

    private static final byte[] IDLE_COMMENT = Http.chunk(Http.ascii(": idle\n\n"), 0, 8);

    private final ServerSocket listener;
    private final Thread acceptor;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final Map<String, byte[]> encoded = new ConcurrentHashMap<>();
    private final AtomicInteger connectionCount = new AtomicInteger();
    private volatile boolean closed;

    private StreamServer(ServerSocket listener) {
        this.listener = listener;
        this.acceptor = new Thread(this::acceptLoop, "stream-server-" + listener.getLocalPort() + "-accept");
        this.acceptor.setDaemon(true);
    }

    /**
     * Starts a server on 127.0.0.1 and an ephemeral port.
     *
     * @return the running server, which must be closed
     * @throws IOException if the port cannot be bound
     */
    public static StreamServer start() throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        StreamServer server = new StreamServer(socket);
        server.acceptor.start();
        return server;
    }

    /**
     * The URI of a workload stream.
     *
     * @param workload one of {@link Workloads#names()}
     * @param passes   how many times the workload is sent in one response, at least 1
     * @return the URI
     */
    public URI workloadUri(String workload, int passes) {
        Workloads.of(workload);
        if (passes < 1) {
            throw new IllegalArgumentException("passes must be at least 1: " + passes);
        }
        return uri("/workload/" + workload + "?passes=" + passes);
    }

    /**
     * The URI of a paced stream of timestamped events.
     *
     * @param events       how many events, at least 1
     * @param periodMicros microseconds from one event's scheduled write to the next, at least 0
     * @return the URI
     */
    public URI pacedUri(int events, long periodMicros) {
        if (events < 1 || periodMicros < 0) {
            throw new IllegalArgumentException("events must be at least 1 and periodMicros at least 0: "
                    + events + ", " + periodMicros);
        }
        return uri("/paced?events=" + events + "&periodMicros=" + periodMicros);
    }

    /**
     * The URI of an idle stream.
     *
     * @return the URI
     */
    public URI idleUri() {
        return uri("/idle");
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort() + pathAndQuery);
    }

    /**
     * The number of connections accepted so far.
     *
     * @return the count
     */
    public int connectionCount() {
        return connectionCount.get();
    }

    /**
     * The {@code /workload} body of one pass as sent, chunk framing included, for clients that read
     * the raw bytes.
     *
     * @param workload the workload's name
     * @return the framed bytes; shared, never modify
     */
    public byte[] framedWorkload(String workload) {
        return encoded.computeIfAbsent(workload,
                name -> Http.chunked(Workloads.of(name).bytes(), WORKLOAD_CHUNK_SIZE));
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            int n = connectionCount.incrementAndGet();
            if (connections.size() >= MAX_CONNECTIONS) {
                refuse(socket);
                continue;
            }
            connections.add(socket);
            if (closed) {
                // close() may have run between the check above and the add: do its work for this one.
                closeQuietly(socket);
                return;
            }
            Thread handler = new Thread(() -> serve(socket), "stream-server-" + listener.getLocalPort() + "-" + n);
            handler.setDaemon(true);
            handler.start();
        }
    }

    private static void refuse(Socket socket) {
        try (socket) {
            socket.getOutputStream().write(Http.SERVICE_UNAVAILABLE);
        } catch (IOException ignored) {
            // The client learns of the refusal from the closed connection instead.
        }
    }

    private void serve(Socket socket) {
        try {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 1024);
            OutputStream out = socket.getOutputStream();
            String target = Http.readRequestTarget(in);
            String path = Http.path(target);
            Map<String, String> query = Http.query(target);
            if (path.startsWith("/workload/") && Workloads.names().contains(path.substring("/workload/".length()))) {
                byte[] body = framedWorkload(path.substring("/workload/".length()));
                int passes = Integer.parseInt(query.getOrDefault("passes", "1"));
                out.write(Http.EVENT_STREAM_HEAD);
                for (int i = 0; i < passes; i++) {
                    out.write(body);
                }
                out.write(Http.LAST_CHUNK);
            } else if (path.equals("/paced")) {
                out.write(Http.EVENT_STREAM_HEAD);
                paced(out, Integer.parseInt(query.getOrDefault("events", "1")),
                        Long.parseLong(query.getOrDefault("periodMicros", "1000")));
                out.write(Http.LAST_CHUNK);
            } else if (path.equals("/idle")) {
                out.write(Http.EVENT_STREAM_HEAD);
                out.write(IDLE_COMMENT);
                out.flush();
                awaitClientClose(in, socket, 0);
                return;
            } else {
                out.write(Http.NOT_FOUND);
            }
            out.flush();
            socket.shutdownOutput();
            awaitClientClose(in, socket, (int) LINGER.toMillis());
        } catch (IOException | RuntimeException e) {
            // The client left early, or sent something that is not a request: nothing to serve.
        } finally {
            connections.remove(socket);
            closeQuietly(socket);
        }
    }

    /**
     * Writes the paced events. The timestamp is read as late as possible: only formatting it into
     * the chunk (well under a microsecond) comes between reading it and the write.
     */
    private static void paced(OutputStream out, int events, long periodMicros) throws IOException {
        long period = periodMicros * 1000;
        long start = System.nanoTime();
        StringBuilder data = new StringBuilder(64);
        for (int seq = 1; seq <= events; seq++) {
            long due = start + (seq - 1) * period;
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            data.setLength(0);
            data.append("data: ").append(seq).append(' ').append(System.nanoTime()).append("\n\n");
            byte[] event = data.toString().getBytes(StandardCharsets.US_ASCII);
            out.write(Http.chunk(event, 0, event.length));
            out.flush();
        }
    }

    /** Reads and discards until the client closes, the timeout passes (0: none) or the server closes. */
    private static void awaitClientClose(InputStream in, Socket socket, int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        byte[] discard = new byte[1024];
        try {
            while (in.read(discard) >= 0) {
                // A client sends nothing more; whatever comes is dropped.
            }
        } catch (SocketTimeoutException | SocketException e) {
            // Lingered long enough, or the server is closing.
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing is all that is left to do.
        }
    }

    /** Stops accepting, closes every connection and waits (briefly) for the accepting thread. */
    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Socket socket : connections) {
            closeQuietly(socket);
        }
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "StreamServer[" + uri("/") + ", connections=" + connections.size() + "]";
    }
}
