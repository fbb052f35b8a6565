package io.sse4j.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What the latency and scale runs record about the machine and their own process. */
public final class Machine {

    private Machine() {
    }

    /**
     * The 1, 5 and 15 minute load averages, as {@code 0.42/0.51/0.73}, from {@code /proc/loadavg},
     * or the JVM's 1-minute figure where that file is missing.
     *
     * @return the load averages
     */
    public static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).trim().split("\\s+");
            return fields[0] + "/" + fields[1] + "/" + fields[2];
        } catch (IOException | RuntimeException e) {
            double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return load < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", load);
        }
    }

    /**
     * Collects garbage (a full collection, three times, so that objects freed by finalisation or
     * reference processing of the first go too) and returns the heap in use afterwards.
     *
     * @return used heap in bytes after collection
     */
    public static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            memory.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    /**
     * The live threads of this JVM, daemon or not, including the JVM's own (GC, compiler, ...).
     *
     * @return the count
     */
    public static int liveThreads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    /**
     * The resident set size of this process, from {@code /proc/self/status}.
     *
     * @return bytes, or -1 where unknown
     */
    public static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("VmRSS:")) {
                    String[] fields = line.substring("VmRSS:".length()).trim().split("\\s+");
                    return Long.parseLong(fields[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or not readable.
        }
        return -1;
    }
}
