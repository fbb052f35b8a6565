package io.sse4j.mcp;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletSseServerTransportProvider;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * The SDK's own server transports, in process on an embedded Tomcat on 127.0.0.1 and an
 * ephemeral port, with the tools the tests call. A {@link WireFilter} in front of the SDK's
 * servlet can rewrite what the server sends (see there); everything else is the SDK's.
 *
 * <p>Tools: {@code echo} returns its {@code text}; {@code sample} asks the client to sample (a
 * server request on the POST's stream) and returns what it answered; {@code notify} sends a
 * progress notification to every session's GET stream and returns "notified".
 */
@SuppressWarnings("deprecation") // the SDK 2.2.0 deprecates most of McpSchema for its "modern" package
final class SdkServer implements AutoCloseable {

    static final McpJsonMapper JSON = McpJsonDefaults.getMapper();

    private final Tomcat tomcat;
    private final McpSyncServer server;
    private final URI uri;
    final WireFilter wire;
    final HttpServletStreamableServerTransportProvider streamable;

    private SdkServer(Tomcat tomcat, McpSyncServer server, URI uri, WireFilter wire,
            HttpServletStreamableServerTransportProvider streamable) {
        this.tomcat = tomcat;
        this.server = server;
        this.uri = uri;
        this.wire = wire;
        this.streamable = streamable;
    }

    /** The SDK's streamable HTTP server transport at {@code /mcp}. */
    static SdkServer streamable() throws Exception {
        HttpServletStreamableServerTransportProvider provider = HttpServletStreamableServerTransportProvider.builder()
                .mcpEndpoint("/mcp").build();
        McpSyncServer server = McpServer.sync(provider).serverInfo("sdk-server", "2.2.0")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).logging().build())
                .tools(tools(provider)).build();
        WireFilter wire = new WireFilter();
        return start(provider, wire, server, provider);
    }

    /** The SDK's legacy HTTP+SSE server transport: {@code /sse} and {@code /mcp/message}. */
    static SdkServer legacy() throws Exception {
        HttpServletSseServerTransportProvider provider = HttpServletSseServerTransportProvider.builder()
                .messageEndpoint("/mcp/message").sseEndpoint("/sse").build();
        McpSyncServer server = McpServer.sync(provider).serverInfo("sdk-legacy-server", "2.2.0")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .tools(tools(null)).build();
        return start(provider, new WireFilter(), server, null);
    }

    private static SdkServer start(HttpServlet servlet, WireFilter wire, McpSyncServer server,
            HttpServletStreamableServerTransportProvider streamable) throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("sse4j-mcp-tomcat").toString());
        Connector connector = new Connector("HTTP/1.1");
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.getService().addConnector(connector);
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", null);
        Wrapper wrapper = Tomcat.addServlet(context, "mcp", servlet);
        wrapper.setAsyncSupported(true);
        context.addServletMappingDecoded("/*", "mcp");
        addFilter(context, "wire", wire);
        tomcat.start();
        URI uri = URI.create("http://127.0.0.1:" + connector.getLocalPort());
        return new SdkServer(tomcat, server, uri, wire, streamable);
    }

    private static void addFilter(Context context, String name, Filter filter) {
        FilterDef def = new FilterDef();
        def.setFilterName(name);
        def.setFilter(filter);
        def.setAsyncSupported("true");
        context.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName(name);
        map.addURLPattern("/*");
        context.addFilterMap(map);
    }

    private static List<SyncToolSpecification> tools(HttpServletStreamableServerTransportProvider provider) {
        String textSchema = "{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}}}";
        SyncToolSpecification echo = SyncToolSpecification.builder()
                .tool(McpSchema.Tool.builder().name("echo").description("returns its text")
                        .inputSchema(JSON, textSchema).build())
                .callHandler((exchange, request) -> CallToolResult.builder()
                        .addTextContent(String.valueOf(request.arguments().get("text"))).build())
                .build();
        SyncToolSpecification sample = SyncToolSpecification.builder()
                .tool(McpSchema.Tool.builder().name("sample").description("asks the client to sample")
                        .inputSchema(JSON, textSchema).build())
                .callHandler((exchange, request) -> {
                    McpSchema.CreateMessageResult answer = exchange.createMessage(McpSchema.CreateMessageRequest.builder()
                            .messages(List.of(new McpSchema.SamplingMessage(McpSchema.Role.USER,
                                    new TextContent(String.valueOf(request.arguments().get("text"))))))
                            .maxTokens(10).build());
                    return CallToolResult.builder().addTextContent(((TextContent) answer.content()).text()).build();
                })
                .build();
        SyncToolSpecification notify = SyncToolSpecification.builder()
                .tool(McpSchema.Tool.builder().name("notify").description("progress on the GET stream")
                        .inputSchema(JSON, textSchema).build())
                .callHandler((exchange, request) -> {
                    if (provider != null) {
                        provider.notifyClients(McpSchema.METHOD_NOTIFICATION_PROGRESS,
                                new McpSchema.ProgressNotification("token-1", 0.5, 1.0, "half way")).block();
                    }
                    return CallToolResult.builder().addTextContent("notified").build();
                })
                .build();
        return List.of(echo, sample, notify);
    }

    /** The base URI: {@code http://127.0.0.1:port}. */
    URI uri() {
        return uri;
    }

    static Map<String, Object> text(String text) {
        return Map.of("text", text);
    }

    @Override
    public void close() throws org.apache.catalina.LifecycleException {
        server.closeGracefully();
        tomcat.stop();
        tomcat.destroy();
    }
}
