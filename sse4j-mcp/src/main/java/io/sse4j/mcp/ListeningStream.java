package io.sse4j.mcp;

import io.sse4j.EventSource;
import io.sse4j.EventSourceListener;
import io.sse4j.ServerSentEvent;

/**
 * Reads the {@code GET} stream of messages the server sends on its own. The {@link EventSource}
 * reconnects and resumes by itself; this only delivers messages and reports how it ended.
 */
final class ListeningStream implements EventSourceListener {

    private final StreamableHttpTransport transport;
    private final EventSource source;

    ListeningStream(StreamableHttpTransport transport, EventSource source) {
        this.transport = transport;
        this.source = source;
    }

    @Override
    public void onEvent(ServerSentEvent event) {
        transport.inbound().message(event).ifPresent(transport.inbound()::deliver);
    }

    @Override
    public void onClosed() {
        transport.ended(source);
    }

    @Override
    public void onError(Throwable error) {
        transport.ended(source);
        transport.listeningFailed(source, error);
    }
}
