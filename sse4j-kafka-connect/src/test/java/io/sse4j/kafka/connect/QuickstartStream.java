package io.sse4j.kafka.connect;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.sse4j.ServerSentEvent;
import io.sse4j.SseEncoder;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;

/**
 * The local event stream of the quickstart in {@code docs/kafka-connect.md}: on
 * {@code http://127.0.0.1:8080/events} (or the port given), one event a second, numbered from 1,
 * each with its number as ID; a client that sends {@code Last-Event-ID: n} gets event n+1 next.
 * It prints each connection, so a reader sees where the connector resumed. Runs until stopped.
 */
public final class QuickstartStream {

    private QuickstartStream() {
    }

    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/events", QuickstartStream::serve);
        server.start();
        System.out.println("event stream on http://127.0.0.1:" + port + "/events (Ctrl-C to stop)");
    }

    private static void serve(HttpExchange exchange) throws IOException {
        String lastEventId = exchange.getRequestHeaders().getFirst("Last-Event-ID");
        long next = 1;
        if (lastEventId != null && lastEventId.matches("[0-9]{1,18}")) {
            next = Long.parseLong(lastEventId) + 1;
        }
        System.out.println(Instant.now() + " " + exchange.getRemoteAddress() + " connected"
                + (lastEventId == null ? "" : " with Last-Event-ID " + lastEventId) + ": sending from event " + next);
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, 0);
        SseEncoder encoder = SseEncoder.create();
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(SseEncoder.retry(Duration.ofSeconds(1)).getBytes(StandardCharsets.UTF_8));
            for (long n = next; ; n++) {
                String data = "{\"n\":" + n + ",\"at\":\"" + Instant.now() + "\"}";
                out.write(encoder.encode(ServerSentEvent.of("tick", data, Long.toString(n))).getBytes(StandardCharsets.UTF_8));
                out.flush();
                Thread.sleep(1000); // The pace of the demo stream, not a wait for something.
            }
        } catch (IOException | InterruptedException gone) {
            System.out.println(Instant.now() + " " + exchange.getRemoteAddress() + " left");
        }
    }
}
