package io.sse4j.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The benchmark inputs, generated deterministically: the same bytes on every machine and in every
 * JVM. Each is built once per JVM and then shared.
 */
public final class Workloads {

    /** 100,000 LLM-style token events, LF line endings: {@value}. */
    public static final String LLM = "llm";
    /** 100,000 events with {@code id}, {@code event} and {@code data}, CRLF line endings, a keep-alive comment every 10: {@value}. */
    public static final String CRLF = "crlf";
    /** 100 events of 64 {@code data} lines of 1 KiB each, mixed ASCII and é: {@value}. */
    public static final String LARGE = "large";

    private static final List<String> NAMES = List.of(LLM, CRLF, LARGE);
    private static final Map<String, Workload> CACHE = new ConcurrentHashMap<>();

    private static final String[] EVENT_TYPES = {"delta", "usage", "status"};
    private static final int LARGE_LINE_BYTES = 1024;

    private Workloads() {
    }

    /**
     * The names of all workloads, in table order.
     *
     * @return the names
     */
    public static List<String> names() {
        return NAMES;
    }

    /**
     * The workload of the given name.
     *
     * @param name one of {@link #names()}
     * @return the workload
     * @throws IllegalArgumentException if there is no such workload
     */
    public static Workload of(String name) {
        return CACHE.computeIfAbsent(name, Workloads::generate);
    }

    private static Workload generate(String name) {
        return switch (name) {
            case LLM -> llm(100_000);
            case CRLF -> crlf(100_000);
            case LARGE -> large(100, 64);
            default -> throw new IllegalArgumentException("no workload named " + name + "; known: " + NAMES);
        };
    }

    /** {@code data: {"choices":[{"delta":{"content":"tokN"}}]}} then a blank line, N counting from 1. */
    static Workload llm(int count) {
        StringBuilder out = new StringBuilder(count * 56);
        EventDigest expected = new EventDigest();
        for (int i = 1; i <= count; i++) {
            String data = "{\"choices\":[{\"delta\":{\"content\":\"tok" + i + "\"}}]}";
            out.append("data: ").append(data).append("\n\n");
            expected.event("message", data, "");
        }
        return new Workload(LLM, String.format(Locale.ROOT, "%,d", count) + " events `data: {\"choices\":[{\"delta\":{\"content\":\"tokN\"}}]}`, LF",
                out.toString().getBytes(StandardCharsets.UTF_8), expected);
    }

    /** {@code id}, {@code event} and {@code data} per event, CRLF; a {@code : keep-alive} block after every 10th. */
    static Workload crlf(int count) {
        StringBuilder out = new StringBuilder(count * 80);
        EventDigest expected = new EventDigest();
        for (int i = 1; i <= count; i++) {
            String id = Integer.toString(i);
            String type = EVENT_TYPES[i % EVENT_TYPES.length];
            String data = "{\"seq\":" + i + ",\"text\":\"chunk " + i + " of the stream\"}";
            out.append("id: ").append(id).append("\r\n")
                    .append("event: ").append(type).append("\r\n")
                    .append("data: ").append(data).append("\r\n")
                    .append("\r\n");
            expected.event(type, data, id);
            if (i % 10 == 0) {
                out.append(": keep-alive\r\n\r\n");
            }
        }
        return new Workload(CRLF, String.format(Locale.ROOT, "%,d", count) + " events with `id`, `event`, `data`, CRLF, `: keep-alive` comment block every 10 events",
                out.toString().getBytes(StandardCharsets.UTF_8), expected);
    }

    /** Events of {@code lines} data lines, each value exactly {@value #LARGE_LINE_BYTES} bytes of ASCII and é. */
    static Workload large(int count, int lines) {
        StringBuilder out = new StringBuilder(count * lines * (LARGE_LINE_BYTES + 8));
        EventDigest expected = new EventDigest();
        StringBuilder data = new StringBuilder(lines * (LARGE_LINE_BYTES + 1));
        for (int e = 0; e < count; e++) {
            data.setLength(0);
            for (int l = 0; l < lines; l++) {
                String value = largeLine(e * lines + l);
                out.append("data: ").append(value).append('\n');
                if (l > 0) {
                    data.append('\n');
                }
                data.append(value);
            }
            out.append('\n');
            expected.event("message", data.toString(), "");
        }
        return new Workload(LARGE, String.format(Locale.ROOT, "%,d", count) + " events of " + lines + " `data:` lines of 1 KiB (ASCII and é), LF",
                out.toString().getBytes(StandardCharsets.UTF_8), expected);
    }

    /**
     * A line of exactly {@value #LARGE_LINE_BYTES} UTF-8 bytes: letters, digits and spaces with an é
     * (two bytes) at a position that shifts from line to line, so chunk boundaries fall inside some.
     */
    static String largeLine(int seed) {
        StringBuilder line = new StringBuilder(LARGE_LINE_BYTES);
        int bytes = 0;
        for (int p = 0; bytes < LARGE_LINE_BYTES; p++) {
            boolean accent = (p + seed) % 7 == 3 && bytes + 2 <= LARGE_LINE_BYTES;
            if (accent) {
                line.append('é');
                bytes += 2;
            } else {
                int k = (p * 31 + seed) % 37;
                line.append(k < 26 ? (char) ('a' + k) : k < 36 ? (char) ('0' + k - 26) : ' ');
                bytes++;
            }
        }
        return line.toString();
    }
}
