package io.sse4j.testkit;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A plain socket client that sends bytes and reads them back exactly, every read bounded by a timeout. */
final class RawClient implements Closeable {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawClient(MockSseServer server) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), (int) TIMEOUT.toMillis());
        socket.setSoTimeout((int) TIMEOUT.toMillis());
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    RawClient send(String request) throws IOException {
        return send(request.getBytes(StandardCharsets.UTF_8));
    }

    RawClient send(byte[] request) throws IOException {
        out.write(request);
        out.flush();
        return this;
    }

    RawClient get(String target) throws IOException {
        return send("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    }

    /** Everything until the server closes the connection. */
    byte[] readToEnd() throws IOException {
        return in.readAllBytes();
    }

    String readToEndAsString() throws IOException {
        return new String(readToEnd(), StandardCharsets.ISO_8859_1);
    }

    /** Bytes up to and including the terminator, read one at a time so nothing after it is consumed. */
    String readThrough(String terminator) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        while (!bytes.toString(StandardCharsets.ISO_8859_1).endsWith(terminator)) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("end of stream before \"" + terminator + "\"; got \""
                        + bytes.toString(StandardCharsets.ISO_8859_1) + "\"");
            }
            bytes.write(b);
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    String readHead() throws IOException {
        return readThrough("\r\n\r\n");
    }

    /** Each read's bytes, until end of stream. */
    List<byte[]> reads() throws IOException {
        List<byte[]> reads = new ArrayList<>();
        byte[] buffer = new byte[64 * 1024];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            byte[] read = new byte[n];
            System.arraycopy(buffer, 0, read, 0, n);
            reads.add(read);
        }
        return reads;
    }

    InputStream input() {
        return in;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
