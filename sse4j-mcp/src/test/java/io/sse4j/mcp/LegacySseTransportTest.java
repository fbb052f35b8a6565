package io.sse4j.mcp;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.sse4j.testkit.MockResponse;
import io.sse4j.testkit.MockSseServer;
import io.sse4j.ServerSentEvent;
import java.net.URI;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link LegacySseTransport} against the SDK's own HTTP+SSE server. */
@Timeout(60)
class LegacySseTransportTest {

    static final Function<URI, McpClientTransport> SSE4J = uri -> LegacySseTransport.builder(uri.toString()).build();

    @Test
    void initializeListToolsCallWithLineSeparatorsAndSampling() throws Exception {
        Scenarios.legacy(SSE4J);
    }

    @Test
    void endpointOfAnotherOriginIsRefused() throws Exception {
        try (MockSseServer server = MockSseServer.start()) {
            server.enqueue(MockResponse.newBuilder()
                    .event(ServerSentEvent.of("endpoint", "http://attacker.example/message")).stall().build());
            McpSyncClient client = Scenarios.client(SSE4J.apply(server.uri()), new LinkedBlockingQueue<>(),
                    new LinkedBlockingQueue<>());
            try {
                assertThrows(RuntimeException.class, client::initialize);
            } finally {
                client.closeGracefully();
            }
        }
    }
}
