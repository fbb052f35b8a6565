package io.sse4j.mcp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpClientTransport;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The same scenarios over this module's transports and the SDK's own
 * ({@code HttpClientStreamableHttpTransport}, {@code HttpClientSseClientTransport}), in one run,
 * with the messages per second and median round trip of sequential {@code tools/call}s. Writes
 * the table to {@code target/side-by-side.md} and prints it; only ours must pass everything (the
 * SDK's results are reported, not asserted).
 */
@Timeout(240)
class SideBySideTest {

    interface Scenario {
        void run(Function<URI, McpClientTransport> transports) throws Exception;
    }

    @Test
    @SuppressWarnings("deprecation") // the SDK 2.2.0 deprecates HttpClientSseClientTransport
    void sameScenariosOverTheSdksTransportAndOurs() throws IOException {
        Function<URI, McpClientTransport> ours = StreamableHttpTransportTest.SSE4J;
        Function<URI, McpClientTransport> sdk = uri -> HttpClientStreamableHttpTransport.builder(uri.toString()).build();
        Function<URI, McpClientTransport> oursLegacy = LegacySseTransportTest.SSE4J;
        Function<URI, McpClientTransport> sdkLegacy = uri -> HttpClientSseClientTransport.builder(uri.toString()).build();

        Map<String, Scenario> scenarios = new LinkedHashMap<>();
        scenarios.put("initialize, tools/list, tools/call, progress on GET, sampling, DELETE", Scenarios::endToEnd);
        scenarios.put("SEP-1699: priming event + close, GET resume with Last-Event-ID at retry (450-700 ms)",
                t -> Scenarios.sseRetry(t));
        scenarios.put("U+2028/U+2029/U+0085, multi-line data, no event:, unknown event, comments, retry:",
                Scenarios::wireQuirks);
        scenarios.put("GET stream cut at random offsets: none lost, none repeated", t -> Scenarios.randomCuts(t, 18L));

        StringBuilder table = new StringBuilder();
        table.append("| scenario | sse4j-mcp | SDK 2.2.0 |\n|---|---|---|\n");
        boolean oursAll = true;
        for (Map.Entry<String, Scenario> scenario : scenarios.entrySet()) {
            String a = outcome(scenario.getValue(), ours);
            String b = outcome(scenario.getValue(), sdk);
            oursAll &= a.equals("pass");
            table.append("| ").append(scenario.getKey()).append(" | ").append(a).append(" | ").append(b).append(" |\n");
        }
        String a = outcome(Scenarios::legacy, oursLegacy);
        String b = outcome(Scenarios::legacy, sdkLegacy);
        oursAll &= a.equals("pass");
        table.append("| legacy HTTP+SSE: initialize, list, call with U+2028…, sampling | ").append(a).append(" | ")
                .append(b).append(" |\n");

        table.append("\n| sequential tools/call (echo), 200 after 100 warm-up | sse4j-mcp | SDK 2.2.0 |\n|---|---|---|\n");
        double[] ourSpeed = speed(ours);
        double[] sdkSpeed = speed(sdk);
        table.append(String.format(Locale.ROOT, "| messages/s | %.0f | %.0f |%n", ourSpeed[0], sdkSpeed[0]));
        table.append(String.format(Locale.ROOT, "| p50 round trip | %.2f ms | %.2f ms |%n", ourSpeed[1], sdkSpeed[1]));

        Path out = Path.of("target", "side-by-side.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table, StandardCharsets.UTF_8);
        System.out.println(table);
        assertTrue(oursAll, table.toString());
    }

    private static double[] speed(Function<URI, McpClientTransport> transports) {
        try {
            return Scenarios.throughput(transports, 100, 200);
        } catch (Exception | AssertionError e) {
            return new double[] {Double.NaN, Double.NaN};
        }
    }

    private static String outcome(Scenario scenario, Function<URI, McpClientTransport> transports) {
        try {
            scenario.run(transports);
            return "pass";
        } catch (Exception | AssertionError e) {
            String message = String.valueOf(e.getMessage()).replace('\n', ' ').replace("|", "\\|");
            if (message.length() > 160) {
                message = message.substring(0, 160) + "…";
            }
            return "**fail**: " + e.getClass().getSimpleName() + ": " + message;
        }
    }
}
