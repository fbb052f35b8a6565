package io.sse4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sse4j parse} on captured streams with the cases that trip parsers up. */
class ParseCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** The events of {@code capture} as JSON lines, parsed from a file and from standard input one byte at a time. */
    private List<String> json(byte[] capture) throws Exception {
        Path file = Files.write(dir.resolve("capture.sse"), capture);
        CliRun.Result fromFile = CliRun.run("parse", file.toString(), "--json");
        assertEquals(0, fromFile.code(), fromFile.toString());
        assertEquals("", fromFile.err());
        CliRun.Result trickled = CliRun.runWithInput(oneByteAtATime(capture), "parse", "-", "--json");
        assertEquals(fromFile, trickled);
        return fromFile.outLines();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** Standard input that hands over one byte per read, so that every line ending is split. */
    private static InputStream oneByteAtATime(byte[] bytes) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };
    }

    @Test
    void aLeadingByteOrderMarkIsSkippedOnce() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        assertEquals(List.of("{\"event\":\"message\",\"data\":\"a\",\"id\":\"\"}"),
                json(concat(bom, bytes("data: a\n\n"), bom, bytes("data: b\n\n"))));
    }

    @Test
    void crAloneEndsLines() throws Exception {
        assertEquals(List.of("{\"event\":\"message\",\"data\":\"a\\nb\",\"id\":\"1\"}",
                        "{\"event\":\"up\",\"data\":\"c\",\"id\":\"1\"}"),
                json(bytes("id: 1\rdata: a\rdata: b\r\revent: up\rdata: c\r\r")));
    }

    @Test
    void crlfSplitAcrossReadsIsOneLineEnd() throws Exception {
        // trickled one byte a time by json(), and here across the command's 64 KiB reads as well
        byte[] padding = bytes(":" + "p".repeat(64 * 1024 - 2) + "\r");
        assertEquals(64 * 1024, padding.length);
        byte[] capture = concat(padding, bytes("\ndata: x\r\n\r\ndata: y\r\n\r\n"));
        assertEquals(List.of("{\"event\":\"message\",\"data\":\"x\",\"id\":\"\"}",
                "{\"event\":\"message\",\"data\":\"y\",\"id\":\"\"}"), json(capture));
    }

    @Test
    void invalidUtf8BecomesReplacementCharacters() throws Exception {
        byte[] capture = concat(bytes("data: caf"), new byte[] {(byte) 0xC3}, bytes("!"),
                new byte[] {(byte) 0xFF, (byte) 0xFE}, bytes(" ok\n\n"));
        JsonNode event = JSON.readTree(json(capture).get(0));
        assertEquals("caf\uFFFD!\uFFFD\uFFFD ok", event.get("data").asText());
    }

    @Test
    void anIdWithNulIsIgnored() throws Exception {
        List<String> lines = json(bytes("id: 7\ndata: a\n\nid: 8\0x\ndata: b\n\nid: 9\ndata: c\n\n"));
        assertEquals(List.of("7", "7", "9"), ids(lines));
    }

    @Test
    void dataWithNulQuotesAndNewlinesIsValidJson() throws Exception {
        List<String> lines = json(bytes("data: say \"hi\"\\n\0\ndata: second\tline\n\n"));
        assertEquals(1, lines.size());
        assertEquals("say \"hi\"\\n\0\nsecond\tline", JSON.readTree(lines.get(0)).get("data").asText());
    }

    @Test
    void retryIsShownWithTheEventAfterIt() throws Exception {
        assertEquals(List.of("{\"event\":\"message\",\"data\":\"a\",\"id\":\"\",\"retry\":1500}",
                        "{\"event\":\"message\",\"data\":\"b\",\"id\":\"\"}",
                        "{\"event\":\"message\",\"data\":\"c\",\"id\":\"\",\"retry\":10}"),
                json(bytes("retry: 1500\n\ndata: a\n\ndata: b\n\nretry: x\nretry: 10\ndata: c\n\nretry: 20\n\n")));
    }

    @Test
    void anEventWithoutItsBlankLineAtTheEndIsNotDispatched() throws Exception {
        assertEquals(List.of("{\"event\":\"message\",\"data\":\"done\",\"id\":\"\"}"),
                json(bytes("data: done\n\ndata: cut sh")));
    }

    @Test
    void readableShowsTypeIdRetryDataAndComments() throws Exception {
        Path file = Files.write(dir.resolve("r.sse"), bytes(": hello\nretry: 250\nevent: up\nid: 3\ndata: one\ndata: two\n\n"
                + "data: \u001b[31mred\n\n"));
        CliRun.Result result = CliRun.run("parse", file.toString());
        assertEquals(0, result.code(), result.toString());
        assertEquals(": hello\n[up] id=3 retry=250ms\none\ntwo\n\n[message] id=3\n^[[31mred\n\n", result.out());
    }

    @Test
    void colourOnlyWhenAsked() throws Exception {
        byte[] capture = bytes(": c\nid: 1\ndata: x\n\n");
        assertEquals("\033[2m: c\033[0m\n\033[1;36m[message]\033[0m\033[2m id=1\033[0m\nx\n\n",
                CliRun.runWithInput(capture, "parse", "--color=always").out());
        assertEquals(": c\n[message] id=1\nx\n\n", CliRun.runWithInput(capture, "parse", "--color", "auto").out());
    }

    @Test
    void rawIsTheDataAlone() throws Exception {
        CliRun.Result result = CliRun.runWithInput(bytes(": c\ndata: {\"t\":1}\n\nevent: x\ndata: two\ndata: lines\n\n"),
                "parse", "--raw");
        assertEquals("{\"t\":1}\ntwo\nlines\n", result.out());
    }

    @Test
    void aLimitCrossedIsExit9AfterTheEventsBeforeIt() throws Exception {
        Path file = Files.write(dir.resolve("big.sse"), bytes("data: small\n\ndata: " + "x".repeat(100) + "\n\n"));
        CliRun.Result result = CliRun.run("parse", file.toString(), "--raw", "--max-line-length", "64");
        assertEquals(9, result.code(), result.toString());
        assertEquals("small\n", result.out());
        assertEquals(1, result.errLines().size(), result.toString());
        assertTrue(result.err().contains("maxLineLength of 64 bytes (--max-line-length)"), result.toString());
    }

    @Test
    void aMissingFileIsExit4() throws Exception {
        CliRun.Result result = CliRun.run("parse", dir.resolve("nope.sse").toString());
        assertEquals(4, result.code(), result.toString());
        assertEquals(List.of("sse4j: cannot read " + dir.resolve("nope.sse") + ": no such file or directory"),
                result.errLines());
    }

    private static List<String> ids(List<String> lines) throws Exception {
        List<String> ids = new ArrayList<>();
        for (String line : lines) {
            ids.add(JSON.readTree(line).get("id").asText());
        }
        return ids;
    }
}
