package io.sse4j.mcp;

import io.modelcontextprotocol.spec.McpClientTransport;
import java.net.URI;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link StreamableHttpTransport} against the SDK's own server, and a scripted one for cuts. */
@Timeout(60)
class StreamableHttpTransportTest {

    static final Function<URI, McpClientTransport> SSE4J = uri -> StreamableHttpTransport.builder(uri.toString()).build();

    @Test
    void initializeListToolsCallProgressOnGetStreamSamplingAndDeleteOnClose() throws Exception {
        Scenarios.endToEnd(SSE4J);
    }

    @Test
    void toolStreamClosedAfterPrimingEventIsResumedWithLastEventIdAfterRetry() throws Exception {
        Scenarios.sseRetry(SSE4J);
    }

    @Test
    void lineSeparatorsMultiLineDataNoEventFieldUnknownTypesCommentsAndRetryAreReadAsTheSpecSays() throws Exception {
        Scenarios.wireQuirks(SSE4J);
    }

    @Test
    void getStreamCutAtRandomOffsetsLosesAndRepeatsNoNotification() throws Exception {
        Scenarios.randomCuts(SSE4J, 18L);
    }
}
