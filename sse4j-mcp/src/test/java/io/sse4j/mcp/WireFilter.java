package io.sse4j.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.CharArrayWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sits in front of the SDK's servlet and, for the calls of chosen tools, changes what the SDK's
 * server writes, into what the MCP specification and the SSE specification allow but the SDK's
 * server does not send itself (its 2.2.0 streamable transport sends no priming events and
 * replays nothing: {@code McpStreamableServerSession.replay} returns an empty {@code Flux}):
 *
 * <ul>
 *   <li>{@link #primeAndClose}: the {@code tools/call} stream is answered with a priming event
 *       ({@code id} and {@code retry:}, empty data) and closed; what the SDK wrote is kept and
 *       sent to the {@code GET} that resumes with that {@code Last-Event-ID} (SEP-1699).</li>
 *   <li>{@link #quirks}: the SDK's events are sent with a comment, a {@code retry:} line, an
 *       event of an unknown type first, then each message without {@code event:}, its JSON
 *       pretty-printed over several {@code data:} lines.</li>
 * </ul>
 * Every other request passes through untouched. It also tells when the SDK's servlet has taken
 * a session's {@code GET} stream ({@link #awaitListening}).
 */
final class WireFilter implements Filter {

    private static final ObjectMapper PRETTY = new ObjectMapper();

    private volatile String primeTool = "";
    private volatile String primingId = "";
    private volatile Duration primingRetry = Duration.ZERO;
    private volatile String quirksTool = "";
    private final ConcurrentHashMap<String, String> kept = new ConcurrentHashMap<>();
    private final CountDownLatch listening = new CountDownLatch(1);
    private final CountDownLatch resumed = new CountDownLatch(1);
    private final CountDownLatch deleted = new CountDownLatch(1);
    volatile String deletedSession = "";
    volatile long closedAtNanos;
    volatile long resumedAtNanos;
    volatile String resumedLastEventId = "";
    volatile String resumedMethod = "";

    void primeAndClose(String tool, String id, Duration retry) {
        primingId = id;
        primingRetry = retry;
        primeTool = tool;
    }

    void quirks(String tool) {
        quirksTool = tool;
    }

    void awaitListening(Duration timeout) throws InterruptedException, TimeoutException {
        if (!listening.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new TimeoutException("no GET stream reached the SDK's servlet within " + timeout);
        }
    }

    void awaitResumed(Duration timeout) throws InterruptedException, TimeoutException {
        if (!resumed.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new TimeoutException("no resumption within " + timeout);
        }
    }

    void awaitDelete(Duration timeout) throws InterruptedException, TimeoutException {
        if (!deleted.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new TimeoutException("no DELETE within " + timeout);
        }
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String lastEventId = request.getHeader("Last-Event-ID");
        if ("GET".equals(request.getMethod()) && lastEventId != null && kept.containsKey(lastEventId)) {
            resumedAtNanos = System.nanoTime();
            resumedLastEventId = lastEventId;
            resumedMethod = request.getMethod();
            response.setContentType("text/event-stream");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(kept.remove(lastEventId));
            response.flushBuffer();
            resumed.countDown();
            return;
        }
        if (!"POST".equals(request.getMethod())) {
            chain.doFilter(req, res);
            if ("DELETE".equals(request.getMethod())) {
                deletedSession = String.valueOf(request.getHeader("Mcp-Session-Id"));
                deleted.countDown();
            }
            if ("GET".equals(request.getMethod()) && lastEventId == null && request.isAsyncStarted()) {
                listening.countDown(); // the servlet has registered the session's listening stream
            }
            return;
        }
        byte[] body = request.getInputStream().readAllBytes();
        String text = new String(body, StandardCharsets.UTF_8);
        boolean prime = isCallOf(text, primeTool);
        boolean quirk = isCallOf(text, quirksTool);
        CachedBodyRequest cached = new CachedBodyRequest(request, body);
        if (!prime && !quirk) {
            chain.doFilter(cached, res);
            return;
        }
        CapturingResponse capture = new CapturingResponse(response);
        chain.doFilter(cached, capture);
        String written = capture.captured();
        PrintWriter out = response.getWriter();
        if (prime) {
            kept.put(primingId, written);
            out.write("id: " + primingId + "\nretry: " + primingRetry.toMillis() + "\ndata:\n\n");
        } else {
            out.write(quirky(written));
        }
        out.flush();
        response.flushBuffer();
        closedAtNanos = System.nanoTime();
    }

    private static boolean isCallOf(String body, String tool) {
        return !tool.isEmpty() && body.contains("\"tools/call\"") && body.contains("\"name\":\"" + tool + "\"");
    }

    /** The SDK's events, re-sent with every quirk the SSE specification allows. */
    static String quirky(String sdkEvents) throws IOException {
        StringBuilder out = new StringBuilder();
        out.append(": a comment before anything\r\n");
        out.append("retry: 1500\n");
        out.append("event: something-new\ndata: {\"not\":\"an MCP message\"}\n\n");
        for (String block : sdkEvents.split("\n\n")) {
            String id = "";
            String data = "";
            for (String line : block.split("\n")) {
                if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("data: ")) {
                    data = line.substring(6);
                }
            }
            if (data.isEmpty()) {
                continue;
            }
            out.append(": keep-alive\n");
            if (!id.isEmpty()) {
                out.append("id: ").append(id).append('\n');
            }
            String pretty = PRETTY.writerWithDefaultPrettyPrinter().writeValueAsString(PRETTY.readTree(data));
            for (String line : pretty.split("\n", -1)) {
                out.append("data: ").append(line).append('\n');
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** A request whose body has been read once already, readable again. */
    private static final class CachedBodyRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
        }
    }

    /** Keeps what the servlet writes instead of sending it; headers and status pass through. */
    private static final class CapturingResponse extends HttpServletResponseWrapper {
        private final CharArrayWriter chars = new CharArrayWriter();
        private final PrintWriter writer = new PrintWriter(chars);
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        CapturingResponse(HttpServletResponse response) {
            super(response);
        }

        @Override
        public PrintWriter getWriter() {
            return writer;
        }

        @Override
        public ServletOutputStream getOutputStream() {
            return new ServletOutputStream() {
                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public void write(int b) {
                    bytes.write(b);
                }
            };
        }

        @Override
        public void flushBuffer() {
        }

        String captured() {
            writer.flush();
            return chars.toString() + bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
