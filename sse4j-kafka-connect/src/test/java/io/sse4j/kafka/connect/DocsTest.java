package io.sse4j.kafka.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

/** docs/kafka-connect.md stays true to the code: every setting in its reference, its example as shipped. */
class DocsTest {

    private static final Path GUIDE = Path.of("..", "docs", "kafka-connect.md");
    private static final Path EXAMPLE = Path.of("src", "main", "plugin", "etc", "sse-source.properties");

    @Test
    void everySettingIsInTheReference() throws IOException {
        String guide = Files.readString(GUIDE, StandardCharsets.UTF_8);
        for (ConfigDef.ConfigKey key : SseSourceConfig.CONFIG_DEF.configKeys().values()) {
            if (key.internalConfig) {
                continue;
            }
            String row = "| `" + key.name + "` | ";
            assertTrue(guide.contains(row), "docs/kafka-connect.md has no row for " + key.name);
            String shownDefault = key.defaultValue == ConfigDef.NO_DEFAULT_VALUE ? "required"
                    : "`" + ConfigDef.convertToString(key.defaultValue, key.type) + "`";
            assertTrue(guide.contains(row + shownDefault + " |"), key.name + " is documented with its default " + shownDefault);
        }
        for (String setting : new String[] {"url", "method", "body", "header.<Name>", "secret.header.<Name>", "last.event.id"}) {
            assertTrue(guide.contains("| `stream.<name>." + setting + "` |"), "no row for stream.<name>." + setting);
        }
    }

    @Test
    void theLogsSectionNamesTheLoggerTheTaskLogsUnder() throws IOException {
        String guide = Files.readString(GUIDE, StandardCharsets.UTF_8);
        assertTrue(guide.contains("Its logger is `" + SseSourceTask.class.getName() + "`"), "the logger's name");
        assertTrue(guide.contains("/admin/loggers/" + SseSourceTask.class.getPackageName()), "how to raise it");
    }

    @Test
    void theQuickstartShowsTheExampleConfigurationThePluginShips() throws IOException {
        String guide = Files.readString(GUIDE, StandardCharsets.UTF_8);
        String example = Files.readString(EXAMPLE, StandardCharsets.UTF_8);
        String indented = ("   " + example.strip()).replace("\n", "\n   ");
        assertTrue(guide.contains("   ```properties\n" + indented + "\n   ```"),
                "docs/kafka-connect.md quotes " + EXAMPLE + " as it is");
        java.util.Properties properties = new java.util.Properties();
        properties.load(new java.io.StringReader(example));
        java.util.Map<String, String> config = new java.util.HashMap<>();
        properties.stringPropertyNames().forEach(key -> config.put(key, properties.getProperty(key)));
        assertEquals(SseSourceConnector.class.getName(), config.get("connector.class"));
        new SseSourceConnector().validate(config).configValues()
                .forEach(value -> assertEquals(java.util.List.of(), value.errorMessages(), value.name()));
    }
}
