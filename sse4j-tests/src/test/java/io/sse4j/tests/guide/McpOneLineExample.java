package io.sse4j.tests.guide;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.sse4j.mcp.StreamableHttpTransport;

/**
 * The example {@code mcpOneLine} of docs/guide.md. Its imports are this file's: the guide shows them, and the
 * compiler holds them to be what the example needs.
 */
public final class McpOneLineExample extends GuideExample {

    public void mcpOneLine() {
        // mcpOneLine:begin
        // McpClientTransport transport = HttpClientStreamableHttpTransport.builder("http://localhost:8080").build();
        McpClientTransport transport = StreamableHttpTransport.builder("http://localhost:8080").build();
        McpSyncClient client = McpClient.sync(transport).build();
        client.initialize();
        // mcpOneLine:end
    }
}
