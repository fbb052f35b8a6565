package io.sse4j.bench.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The server of the reconnect storm: many event streams with IDs on one NIO thread, and a restart
 * that drops every connection at once.
 *
 * <p>{@code GET /s/K} (K from 0 to {@code streams − 1}) is stream K: {@code retry: R}, then the
 * events published so far, each {@code id: K:I} and {@code data: K:I} with I counting from 1, then
 * each new one as it is {@linkplain #publish published}. Every stream has the same events. A
 * request with {@code Last-Event-ID: K:I} resumes after event I. Any other path, an ID of another
 * stream, or an ID beyond what was published gets 404. Responses are {@code 200 text/event-stream},
 * chunked, {@code Connection: close}.
 *
 * <p>{@link #restart} is the storm: it resets every connection (SO_LINGER 0, so the clients see
 * a reset rather than an end), stops listening for the outage, then listens again on the same port.
 * Requests from then on are recorded with their arrival time, for {@link #stats()}: how the
 * reconnects spread, and whether each resumed where its stream was.
 *
 * <p>Everything but the counts behind {@link #awaitStreams} lives on the server's thread; the other
 * methods hand it a task and wait for it, at most {@link #TASK_TIMEOUT}.
 *
 * <p>{@link #main} runs one in a process of its own, driven over standard input (see
 * {@link StormServerProcess}), so that the client's heap, threads and sockets are its own.
 */
public final class StormServer implements StormControl {

    /** Bounds every call into the server's thread. */
    static final Duration TASK_TIMEOUT = Duration.ofSeconds(60);
    /** The width of the windows in which reconnects are counted: {@value} ms. */
    public static final int WINDOW_MILLIS = 100;

    private final int streams;
    private final int retryMillis;
    private final NioLoop loop;
    private final Object counts = new Object();

    // Server thread only.
    private int published;
    private int publishedBeforeRestart = -1;
    private long downAt;
    private long listeningAgainAt;
    private int accepted;
    private int requests;
    private int notFound;
    private int resumedRight;
    private int resumedElsewhere;
    private int fresh;
    private long[] reconnectTimes = new long[1024];
    private int reconnectCount;

    // Guarded by counts.
    private int open;
    private int streaming;

    private StormServer(int streams, int retryMillis) throws IOException {
        this.streams = streams;
        this.retryMillis = retryMillis;
        this.loop = new NioLoop("storm server", new Handler());
    }

    /**
     * Starts a server on 127.0.0.1 and an ephemeral port, with nothing published.
     *
     * @param streams     how many streams, {@code /s/0} to {@code /s/(streams − 1)}
     * @param retryMillis the {@code retry:} time each response starts with
     * @return the running server, which must be closed
     * @throws IOException if the port cannot be bound
     */
    public static StormServer start(int streams, int retryMillis) throws IOException {
        StormServer server = new StormServer(streams, retryMillis);
        server.loop.start();
        return server;
    }

    @Override
    public int port() {
        return loop.port();
    }

    @Override
    public int publish(int events) {
        return call(() -> {
            published += events;
            for (SelectionKey key : loop.keys()) {
                if (key.attachment() instanceof Connection connection && connection.streaming) {
                    send(key, connection);
                }
            }
            return published;
        });
    }

    @Override
    public void restart(Duration outage, int publishWhileDown) throws InterruptedException {
        call(() -> {
            publishedBeforeRestart = published;
            reconnectCount = 0;
            downAt = System.nanoTime();
            for (SelectionKey key : new ArrayList<>(loop.keys())) {
                if (key.attachment() instanceof Connection) {
                    reset(key);
                }
            }
            try {
                loop.stopListening();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            published += publishWhileDown;
            return null;
        });
        // Pacing: the outage itself; refused connects meanwhile are the clients' business.
        Thread.sleep(outage.toMillis());
        call(() -> {
            try {
                loop.listenAgain();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot listen on port " + loop.port() + " again", e);
            }
            listeningAgainAt = System.nanoTime();
            return null;
        });
    }

    @Override
    public void awaitStreams(int count, Duration timeout) throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (counts) {
            while (streaming != count || open != count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException("expected " + count + " open streams, have " + streaming
                            + " streaming of " + open + " open connections");
                }
                counts.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    @Override
    public Stats stats() {
        return call(() -> {
            long[] times = Arrays.copyOf(reconnectTimes, reconnectCount);
            Arrays.sort(times);
            int peak = 0;
            long peakAt = 0;
            long window = TimeUnit.MILLISECONDS.toNanos(WINDOW_MILLIS);
            for (int first = 0, last = 0; last < times.length; last++) {
                while (times[last] - times[first] >= window) {
                    first++;
                }
                if (last - first + 1 > peak) {
                    peak = last - first + 1;
                    peakAt = times[first] - downAt;
                }
            }
            int[] bins = new int[times.length == 0 ? 0 : (int) ((times[times.length - 1] - downAt) / window) + 1];
            for (long time : times) {
                bins[(int) ((time - downAt) / window)]++;
            }
            int openNow;
            int streamingNow;
            synchronized (counts) {
                openNow = open;
                streamingNow = streaming;
            }
            return new Stats(streams, published, accepted, requests, notFound, openNow, streamingNow, times.length,
                    resumedRight, resumedElsewhere, fresh, millis(listeningAgainAt - downAt),
                    times.length == 0 ? 0 : millis(times[0] - downAt),
                    times.length == 0 ? 0 : millis(times[times.length - 1] - downAt), peak, millis(peakAt), bins);
        });
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    /**
     * What the server saw. Times are in milliseconds since the restart reset the connections.
     *
     * @param streams          streams served
     * @param published        events published to every stream
     * @param accepted         connections accepted in all
     * @param requests         request heads read in all
     * @param notFound         requests answered 404 (a wrong path or a wrong {@code Last-Event-ID})
     * @param open             connections open now
     * @param streaming        of those, the ones streaming events
     * @param reconnects       requests since the restart
     * @param resumedRight     of those, with the {@code Last-Event-ID} of the last event before it
     * @param resumedElsewhere of those, with another valid ID of their stream
     * @param fresh            of those, without a {@code Last-Event-ID}
     * @param listeningAgainMs when the server listened again
     * @param firstMs          the first request since the restart
     * @param lastMs           the last request since the restart
     * @param peak             the most requests in any {@value #WINDOW_MILLIS} ms window
     * @param peakAtMs         where that window starts
     * @param bins             requests in each {@value #WINDOW_MILLIS} ms since the restart
     */
    public record Stats(int streams, int published, int accepted, int requests, int notFound, int open, int streaming,
            int reconnects, int resumedRight, int resumedElsewhere, int fresh, double listeningAgainMs, double firstMs,
            double lastMs, int peak, double peakAtMs, int[] bins) {

        /**
         * The stats as one line of {@code key=value} fields, as {@link #parse} reads them.
         *
         * @return the line
         */
        public String toLine() {
            StringBuilder b = new StringBuilder();
            for (int bin : bins) {
                b.append(b.length() == 0 ? "" : ",").append(bin);
            }
            return String.format(Locale.ROOT, "streams=%d published=%d accepted=%d requests=%d not_found=%d open=%d"
                    + " streaming=%d reconnects=%d resumed_right=%d resumed_elsewhere=%d fresh=%d"
                    + " listening_again_ms=%.1f first_ms=%.1f last_ms=%.1f peak=%d peak_at_ms=%.1f bins=%s",
                    streams, published, accepted, requests, notFound, open, streaming, reconnects, resumedRight,
                    resumedElsewhere, fresh, listeningAgainMs, firstMs, lastMs, peak, peakAtMs,
                    b.length() == 0 ? "-" : b);
        }

        /**
         * Reads a line written by {@link #toLine}.
         *
         * @param line the line
         * @return the stats
         */
        public static Stats parse(String line) {
            Map<String, String> f = new HashMap<>();
            for (String field : line.trim().split(" ")) {
                int eq = field.indexOf('=');
                if (eq > 0) {
                    f.put(field.substring(0, eq), field.substring(eq + 1));
                }
            }
            String bins = f.get("bins");
            int[] counts = bins == null || bins.equals("-") ? new int[0]
                    : Arrays.stream(bins.split(",")).mapToInt(Integer::parseInt).toArray();
            return new Stats(i(f, "streams"), i(f, "published"), i(f, "accepted"), i(f, "requests"),
                    i(f, "not_found"), i(f, "open"), i(f, "streaming"), i(f, "reconnects"), i(f, "resumed_right"),
                    i(f, "resumed_elsewhere"), i(f, "fresh"), d(f, "listening_again_ms"), d(f, "first_ms"),
                    d(f, "last_ms"), i(f, "peak"), d(f, "peak_at_ms"), counts);
        }

        private static int i(Map<String, String> f, String key) {
            String value = f.get(key);
            if (value == null) {
                throw new IllegalArgumentException("no " + key + " in the stats line");
            }
            return Integer.parseInt(value);
        }

        private static double d(Map<String, String> f, String key) {
            String value = f.get(key);
            if (value == null) {
                throw new IllegalArgumentException("no " + key + " in the stats line");
            }
            return Double.parseDouble(value);
        }
    }

    // ---- the server's thread ----

    /** One connection: its request head, then the stream it serves and what is still to write. */
    private static final class Connection extends NioLoop.Connection {
        boolean streaming;
        int stream;
        /** The last event of the stream queued for writing. */
        int sent;
        ByteBuffer output;
        boolean closeWhenWritten;
    }

    private <T> T call(Supplier<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                result.complete(task.get());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        try {
            return result.get(TASK_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the storm server", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("storm server task failed", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("storm server task took longer than " + TASK_TIMEOUT.toSeconds() + " s", e);
        }
    }

    /** Each connection on the server's thread: its stream from where it resumes, until it is closed or reset. */
    private final class Handler implements NioLoop.Handler {

        @Override
        public void accepted(SocketChannel channel) {
            accepted++;
            if (loop.register(channel, new Connection())) {
                synchronized (counts) {
                    open++;
                }
            }
        }

        @Override
        public void requestHead(SelectionKey key, ByteBuffer head) throws IOException {
            answer(key, head);
        }

        @Override
        public void ready(SelectionKey key) throws IOException {
            if (key.isValid() && key.isWritable()) {
                flush(key, (Connection) key.attachment());
            }
        }

        @Override
        public void closed(SelectionKey key, boolean byClient) {
            Connection connection = (Connection) key.attachment();
            synchronized (counts) {
                open--;
                if (connection.streaming) {
                    connection.streaming = false;
                    streaming--;
                }
                counts.notifyAll();
            }
        }
    }

    /** The request head is complete: answer it with its stream from where it resumes, or 404. */
    private void answer(SelectionKey key, ByteBuffer request) throws IOException {
        Connection connection = (Connection) key.attachment();
        long now = System.nanoTime();
        String head = new String(request.array(), 0, request.position(), StandardCharsets.ISO_8859_1);
        requests++;
        int stream = streamOf(Http.path(Http.requestTarget(head)));
        String lastEventId = header(head, "last-event-id");
        int resumeAfter = stream < 0 ? -1 : lastEventId == null ? 0 : eventOf(lastEventId, stream);
        if (publishedBeforeRestart >= 0) {
            if (reconnectCount == reconnectTimes.length) {
                reconnectTimes = Arrays.copyOf(reconnectTimes, reconnectCount * 2);
            }
            reconnectTimes[reconnectCount++] = now;
            if (lastEventId == null) {
                fresh++;
            } else if (resumeAfter == publishedBeforeRestart) {
                resumedRight++;
            } else if (resumeAfter >= 0) {
                resumedElsewhere++;
            }
        }
        if (resumeAfter < 0 || resumeAfter > published) {
            notFound++;
            connection.output = ByteBuffer.wrap(Http.NOT_FOUND);
            connection.closeWhenWritten = true;
            flush(key, connection);
            return;
        }
        connection.stream = stream;
        connection.sent = resumeAfter;
        connection.streaming = true;
        synchronized (counts) {
            streaming++;
            counts.notifyAll();
        }
        byte[] retry = Http.ascii("retry: " + retryMillis + "\n\n");
        byte[] first = Http.chunk(retry, 0, retry.length);
        ByteBuffer out = ByteBuffer.allocate(Http.EVENT_STREAM_HEAD.length + first.length);
        out.put(Http.EVENT_STREAM_HEAD).put(first).flip();
        connection.output = out;
        send(key, connection);
    }

    /** Queues the stream's events after {@code sent} up to the last published, as one chunk, and writes. */
    private void send(SelectionKey key, Connection connection) {
        if (connection.sent < published) {
            StringBuilder events = new StringBuilder();
            for (int i = connection.sent + 1; i <= published; i++) {
                String id = connection.stream + ":" + i;
                events.append("id: ").append(id).append("\ndata: ").append(id).append("\n\n");
            }
            connection.sent = published;
            byte[] body = Http.ascii(events.toString());
            byte[] chunk = Http.chunk(body, 0, body.length);
            ByteBuffer pending = connection.output == null ? ByteBuffer.allocate(0) : connection.output;
            ByteBuffer out = ByteBuffer.allocate(pending.remaining() + chunk.length);
            out.put(pending).put(chunk).flip();
            connection.output = out;
        }
        try {
            flush(key, connection);
        } catch (IOException e) {
            loop.close(key, true);
        }
    }

    private void flush(SelectionKey key, Connection connection) throws IOException {
        if (connection.output == null) {
            return;
        }
        if (NioLoop.write(key, connection.output)) {
            connection.output = null;
            if (connection.closeWhenWritten) {
                loop.close(key, false);
            }
        }
    }

    /** The stream of {@code /s/K}, or -1. */
    private int streamOf(String path) {
        if (!path.startsWith("/s/")) {
            return -1;
        }
        try {
            int k = Integer.parseInt(path.substring(3));
            return k >= 0 && k < streams ? k : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The event number of an ID {@code K:I} of {@code stream}, or -1 for an ID of another stream or none. */
    private static int eventOf(String id, int stream) {
        int colon = id.indexOf(':');
        try {
            if (colon < 0 || Integer.parseInt(id.substring(0, colon)) != stream) {
                return -1;
            }
            int event = Integer.parseInt(id.substring(colon + 1));
            return event >= 0 ? event : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A header's value (the first), by lower-case name, or null. */
    private static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    /** Resets a connection: SO_LINGER 0 makes close() send RST, as a crashing server's kernel would. */
    private void reset(SelectionKey key) {
        try {
            ((SocketChannel) key.channel()).setOption(StandardSocketOptions.SO_LINGER, 0);
        } catch (IOException e) {
            // Closed anyway below.
        }
        loop.close(key, false);
    }

    /** Closes every connection and stops the server's thread. */
    @Override
    public void close() {
        loop.close();
    }

    /**
     * Runs the server in this process, driven by one command a line on standard input, each
     * answered by one line on standard output ({@code ok …} or {@code error …}):
     * {@code publish N}, {@code restart OUTAGE_MS PUBLISH_WHILE_DOWN}, {@code await-streams N TIMEOUT_MS},
     * {@code stats}, {@code quit}. It prints {@code port=N} first, and stops at the end of input or
     * after {@code --max-seconds}.
     *
     * @param args {@code --streams N} (default 10,000), {@code --retry-ms R} (default 1000),
     *             {@code --max-seconds S} (default 900)
     * @throws Exception if the server cannot start
     */
    public static void main(String[] args) throws Exception {
        int streams = 10_000;
        int retryMillis = 1_000;
        long maxSeconds = 900;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--streams" -> streams = Integer.parseInt(args[++i]);
                case "--retry-ms" -> retryMillis = Integer.parseInt(args[++i]);
                case "--max-seconds" -> maxSeconds = Long.parseLong(args[++i]);
                default -> {
                    System.err.println("usage: StormServer [--streams N] [--retry-ms R] [--max-seconds S]");
                    System.exit(2);
                }
            }
        }
        long limitSeconds = maxSeconds;
        long stopAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(limitSeconds);
        try (StormServer server = start(streams, retryMillis)) {
            Thread limit = new Thread(() -> {
                try {
                    Thread.sleep(Math.max(0, (stopAt - System.nanoTime()) / 1_000_000));
                    System.err.println("storm server: stopping after " + limitSeconds + " s");
                    System.exit(1);
                } catch (InterruptedException e) {
                    // Stopped normally.
                }
            }, "storm-server-limit");
            limit.setDaemon(true);
            limit.start();
            System.out.println("port=" + server.port());
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null) {
                String[] words = line.trim().split("\\s+");
                String reply;
                try {
                    reply = switch (words[0]) {
                        case "publish" -> "ok published=" + server.publish(Integer.parseInt(words[1]));
                        case "restart" -> {
                            server.restart(Duration.ofMillis(Long.parseLong(words[1])), Integer.parseInt(words[2]));
                            yield "ok";
                        }
                        case "await-streams" -> {
                            server.awaitStreams(Integer.parseInt(words[1]), Duration.ofMillis(Long.parseLong(words[2])));
                            yield "ok";
                        }
                        case "stats" -> "ok " + server.stats().toLine();
                        case "quit" -> null;
                        default -> "error unknown command " + words[0];
                    };
                } catch (Exception e) {
                    reply = "error " + e.toString().replaceAll("\\s+", " ");
                }
                if (reply == null) {
                    break;
                }
                System.out.println(reply);
                System.out.flush();
            }
            limit.interrupt();
        }
    }
}
