/**
 * MCP client transports for the official MCP Java SDK ({@code io.modelcontextprotocol.sdk:mcp-core}),
 * built on sse4j's spec-exact event stream reader.
 *
 * <ul>
 *   <li>{@link io.sse4j.mcp.StreamableHttpTransport}: the streamable HTTP transport (protocol
 *       2025-03-26 and later), with session handling and resumption of broken or deliberately
 *       closed streams by {@code Last-Event-ID} after the server's {@code retry:} time.</li>
 *   <li>{@link io.sse4j.mcp.LegacySseTransport}: the HTTP+SSE transport of protocol 2024-11-05,
 *       for older servers.</li>
 * </ul>
 *
 * <p>Both implement the SDK's {@code McpClientTransport}: pass one to {@code McpClient.sync(…)} or
 * {@code McpClient.async(…)} in place of the SDK's {@code HttpClientStreamableHttpTransport} or
 * {@code HttpClientSseClientTransport}.
 *
 * <h2>Nulls</h2>
 * No method in this package accepts {@code null}; passing one throws {@link NullPointerException}
 * naming the parameter. (The SDK's own interfaces carry {@code null}s of their own, e.g. a request
 * customizer's body for a {@code GET}; they are passed through as the SDK defines them.)
 *
 * <h2>Threads</h2>
 * Transports are thread-safe. Inbound messages reach the SDK's handler one at a time per stream,
 * in stream order, on a thread of the {@link java.net.http.HttpClient}'s executor or of the
 * {@link io.sse4j.EventSource.Scheduler}; plain JSON replies are read on Reactor's
 * {@code boundedElastic} scheduler.
 */
package io.sse4j.mcp;
