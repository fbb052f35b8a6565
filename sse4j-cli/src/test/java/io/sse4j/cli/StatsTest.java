package io.sse4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** {@code --stats}: a line redrawn in place on a terminal, one summary line otherwise. */
class StatsTest {

    private final Capture err = new Capture();
    private final AtomicLong events = new AtomicLong();

    private Io io(boolean terminal) {
        return new Io(java.io.InputStream.nullInputStream(), new PrintStream(new Capture(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), terminal, terminal, true);
    }

    @Test
    void onATerminalTheLineStepsAsideForOutputAndLeavesTheSummary() {
        Stats stats = new Stats(io(true), events::get, () -> 2048, () -> 1);
        events.set(3);
        stats.around(() -> io(true).err.print("notice\n"));
        String drawn = err.text();
        assertTrue(drawn.contains("notice\n\033[2m3 events, 2.0 KiB in "), drawn);
        stats.finish();
        String all = err.text();
        assertTrue(all.matches("(?s).*\r\033\\[Ksse4j: 3 events, 2\\.0 KiB in [0-9.]+ s \\([0-9.]+ events/s\\), 1 reconnect\n"),
                all);
        stats.finish(); // once
        assertEquals(all, err.text());
    }

    @Test
    void elsewhereOnlyTheSummary() {
        Stats stats = new Stats(io(false), events::get, () -> 5 * 1024 * 1024, () -> 0);
        events.set(1);
        stats.around(() -> { });
        stats.finish();
        assertTrue(err.text().matches("sse4j: 1 event, 5\\.0 MiB in [0-9.]+ s \\([0-9.]+ events/s\\), 0 reconnects\n"),
                err.text());
    }
}
