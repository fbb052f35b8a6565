package io.sse4j.cli;

import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How {@code sse4j URL} follows the stream, and what it shows besides the events. */
final class StreamOptions {

    @Option(names = "--last-event-id", paramLabel = "ID",
            description = "Resume from this event ID: the first connection sends it as Last-Event-ID.")
    String lastEventId = "";

    @Option(names = "--no-reconnect",
            description = "Do not reconnect: the first end of the stream or failure ends the command.")
    boolean noReconnect;

    @Option(names = "--max-retries", paramLabel = "N",
            description = "Give up after N failed connections in a row (the count starts again once a connection "
                    + "delivers an event). Also retries a first connection that cannot be made, which without "
                    + "this option fails at once. Default: retry for ever, with exponential backoff from the "
                    + "server's retry: time (3 s until it sets one), at most 30 s.")
    Integer maxRetries;

    @Option(names = "--idle-timeout", paramLabel = "DURATION", converter = Durations.class,
            description = "Take a connection that received nothing for this long (heartbeat comments count) "
                    + "for dead, and reconnect. Default: none.")
    Duration idleTimeout = Duration.ZERO;

    @Option(names = {"-n", "--max-events"}, paramLabel = "N",
            description = "Stop after N events.")
    long maxEvents;

    @Option(names = {"-i", "--include"},
            description = "Print each response's status line and headers before its events (on standard error "
                    + "with --json).")
    boolean include;

    @Option(names = "--record", paramLabel = "FILE",
            description = "Also write the bytes received to FILE, connection after connection, for sse4j parse, "
                    + "sse4j serve and bug reports. An event cut short by a lost connection is left out, as the "
                    + "client leaves it out.")
    Path record;

    @Option(names = "--stats",
            description = "Show events, bytes, rate and reconnects on standard error: updated in place on a "
                    + "terminal, one line at the end otherwise.")
    boolean stats;

    @Option(names = {"-q", "--quiet"},
            description = "No notices on standard error when the connection is lost and resumed; errors still.")
    boolean quiet;

    void check() {
        if (maxRetries != null && maxRetries < 0) {
            throw new CliException(ExitCode.USAGE, "--max-retries must be 0 or more, got " + maxRetries);
        }
        if (maxRetries != null && noReconnect) {
            throw new CliException(ExitCode.USAGE, "--max-retries and --no-reconnect cannot be combined");
        }
        if (maxEvents < 0) {
            throw new CliException(ExitCode.USAGE, "--max-events must be 1 or more, got " + maxEvents);
        }
    }
}
