package io.sse4j.tests.guide;

import io.sse4j.EventStream;
import io.sse4j.ServerSentEvent;
import io.sse4j.SseBodyHandlers;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The example {@code mcp} of docs/guide.md. Its imports are this file's: the guide shows them, and the
 * compiler holds them to be what the example needs.
 */
public final class McpExample extends GuideExample {

    public void mcp(java.net.http.HttpClient client, java.net.URI endpoint, String sessionId,
            String protocolVersion, String message)
            throws IOException, InterruptedException {
        // mcp:begin
        HttpRequest post = HttpRequest.newBuilder(endpoint)
                .header("Accept", "application/json, text/event-stream")
                .header("Content-Type", "application/json")
                .header("Mcp-Session-Id", sessionId)
                .header("MCP-Protocol-Version", protocolVersion)
                .POST(HttpRequest.BodyPublishers.ofString(message))
                .build();
        HttpResponse<EventStream> response = client.send(post, SseBodyHandlers.ofEvents());
        try (EventStream body = response.body()) {
            if (body.isEventStream()) {
                for (ServerSentEvent event : body) {
                    handleJsonRpc(event.data()); // server requests and notifications, then the response
                }
            } else if (response.statusCode() == 200) {
                handleJsonRpc(body.readBody()); // the response, as one JSON object
            } else if (response.statusCode() != 202) { // 202 Accepted: a notification, no body
                throw new IOException("MCP server answered " + response.statusCode() + ": " + body.readBody());
            }
        }
        // mcp:end
    }
}
