package io.sse4j.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import io.sse4j.EventSource;
import io.sse4j.EventStream;
import io.sse4j.ServerSentEvent;
import io.sse4j.SseListener;
import java.util.Objects;

/**
 * Reads the event stream that answers one {@code POST}: delivers its messages, and if it ends
 * before the response to the request (a broken connection, or a server that closed it after a
 * priming event, SEP-1699) resumes it with {@code Last-Event-ID} after the {@code retry:} time, or
 * fails the request when there is no event ID to resume from.
 */
final class ResponseStream implements SseListener {

    private final StreamableHttpTransport transport;
    /** The ID of the request the stream answers; null when the POST carried no request. */
    private final Object requestId;
    private final EventStream body;
    private volatile boolean responded;

    ResponseStream(StreamableHttpTransport transport, Object requestId, EventStream body) {
        this.transport = transport;
        this.requestId = requestId;
        this.body = body;
    }

    @Override
    public void onEvent(ServerSentEvent event) {
        transport.inbound().message(event).ifPresent(message -> {
            if (isResponseTo(message, requestId)) {
                responded = true;
            }
            transport.inbound().deliver(message);
        });
    }

    static boolean isResponseTo(McpSchema.JSONRPCMessage message, Object requestId) {
        return requestId != null && message instanceof McpSchema.JSONRPCResponse response
                && Objects.equals(String.valueOf(response.id()), String.valueOf(requestId));
    }

    @Override
    public void onClosed() {
        ended(null);
    }

    @Override
    public void onError(Throwable error) {
        ended(error);
    }

    private void ended(Throwable error) {
        transport.ended(body);
        if (requestId == null || responded || transport.isClosed()) {
            if (error != null && !transport.isClosed()) {
                transport.inbound().report(error);
            }
            return;
        }
        String lastEventId = body.lastEventId();
        if (lastEventId.isEmpty()) {
            transport.failRequest(requestId, "the server's event stream ended before the response"
                    + (error == null ? "" : " (" + error + ")") + ", without an event ID to resume from");
            return;
        }
        transport.resume(requestId, lastEventId, body.reconnectionTime().orElse(EventSource.DEFAULT_RECONNECTION_TIME));
    }
}
