/**
 * MCP client transports for the official MCP Java SDK, built on sse4j: streamable HTTP with
 * resumption, and the legacy HTTP+SSE transport.
 */
// The SDK and Reactor ship as automatic modules (a manifest name, no module-info): requiring them
// is the only way to name them, so the two lint warnings about it are expected here.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.sse4j.mcp {
    requires transitive io.sse4j;
    requires transitive io.modelcontextprotocol.sdk.mcp.core;
    requires transitive reactor.core;
    requires transitive org.reactivestreams;

    exports io.sse4j.mcp;
}
