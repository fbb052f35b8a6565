package io.sse4j.mcp;

import io.sse4j.EventSource;
import io.sse4j.EventSourceListener;
import io.sse4j.ServerSentEvent;

/**
 * The resumption of a {@code POST}'s stream with {@code Last-Event-ID}: delivers its messages and
 * closes it once the response to the request has arrived; the {@link EventSource} resumes again
 * if the server closes it before that.
 */
final class ResumedStream implements EventSourceListener {

    private final StreamableHttpTransport transport;
    private final EventSource source;
    private final Object requestId;
    private volatile boolean responded;

    ResumedStream(StreamableHttpTransport transport, EventSource source, Object requestId) {
        this.transport = transport;
        this.source = source;
        this.requestId = requestId;
    }

    @Override
    public void onEvent(ServerSentEvent event) {
        transport.inbound().message(event).ifPresent(message -> {
            boolean last = ResponseStream.isResponseTo(message, requestId);
            if (last) {
                responded = true;
            }
            transport.inbound().deliver(message);
            if (last) {
                source.close();
            }
        });
    }

    @Override
    public void onClosed() {
        transport.ended(source);
        if (!responded && !transport.isClosed()) {
            transport.failRequest(requestId, "the server ended the resumed stream (204) before the response");
        }
    }

    @Override
    public void onError(Throwable error) {
        transport.ended(source);
        if (!responded && !transport.isClosed()) {
            transport.failRequest(requestId, "resuming the stream failed: " + error);
        }
    }
}
