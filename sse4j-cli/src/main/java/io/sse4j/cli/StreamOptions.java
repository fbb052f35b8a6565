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

    /** Null when not given: retry for ever. */
    @Option(names = "--max-retries", paramLabel = "N", converter = Amount.CountOrZero.class,
            description = "Give up after N failed connections in a row (the count starts again once a connection "
                    + "delivers an event). Also retries a first connection that cannot be made, which without "
                    + "this option fails at once. 0 never retries, as --no-reconnect. Default: retry for ever, "
                    + "with exponential backoff from the server's retry: time (3 s until it sets one), at most 30 s.")
    Integer maxRetries;

    /** Zero when not given, which EventSource takes for no idle timeout; the option itself refuses zero. */
    @Option(names = "--idle-timeout", paramLabel = "DURATION", converter = Amount.PositiveDuration.class,
            description = "Take a connection that received nothing for this long (heartbeat comments count) "
                    + "for dead, and reconnect. Default: none.")
    Duration idleTimeout = Duration.ZERO;

    /** Zero when not given: no limit. The option itself refuses zero. */
    @Option(names = {"-n", "--max-events"}, paramLabel = "N", converter = Amount.PositiveCount.class,
            description = "Stop after N events. Default: no limit.")
    long maxEvents;

    @Option(names = {"-i", "--include"},
            description = "Print each response's status line and headers before its events or body, on standard "
                    + "output (on standard error with --json), credentials masked.")
    boolean include;

    @Option(names = {"-D", "--dump-header"}, paramLabel = "FILE",
            description = "Write each response's status line and headers to FILE as they arrive, nothing masked, "
                    + "for a script to read (a session ID).")
    Path dumpHeader;

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
            description = "No notices on standard error when the connection is lost and resumed, or of a reply "
                    + "that is not an event stream; errors still.")
    boolean quiet;

    /**
     * Checks what the options say together. Each number is checked alone as it is parsed
     * ({@link Amount}), so none can be out of its range here.
     *
     * @throws CliException with {@link ExitCode#USAGE} for options that cannot be combined
     */
    void check() {
        if (maxRetries != null && noReconnect) {
            throw new CliException(ExitCode.USAGE, "--max-retries and --no-reconnect cannot be combined");
        }
    }
}
