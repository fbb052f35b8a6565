package io.sse4j.tests.guide;

import io.modelcontextprotocol.spec.McpClientTransport;
import io.sse4j.SseOptions;
import io.sse4j.mcp.StreamableHttpTransport;
import java.net.http.HttpRequest;
import java.time.Duration;

/**
 * The example {@code mcpBuilder} of docs/guide.md. Its imports are this file's: the guide shows them, and the
 * compiler holds them to be what the example needs.
 */
public final class McpBuilderExample extends GuideExample {

    public McpClientTransport mcpBuilder(String token) {
        // mcpBuilder:begin
        McpClientTransport transport = StreamableHttpTransport.builder("https://mcp.example.com")
                .endpoint("/mcp")
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token))
                .idleTimeout(Duration.ofSeconds(45))
                .options(SseOptions.defaults().withMaxBodySize(4 * 1024 * 1024))
                .build();
        // mcpBuilder:end
        return transport;
    }
}
