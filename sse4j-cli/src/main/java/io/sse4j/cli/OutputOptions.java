package io.sse4j.cli;

import picocli.CommandLine.Option;

/** How events are printed: shared by {@code sse4j URL}, {@code parse} and {@code demo}. */
final class OutputOptions {

    enum Format {
        /** The event type, ID and retry on a header line, the data below, a blank line; comments too. */
        READABLE,
        /** One JSON object per line: event, data, id, and retry when set. Events only. */
        JSON,
        /** The data of each event and a newline, nothing else. */
        RAW
    }

    enum When {
        AUTO, ALWAYS, NEVER
    }

    @Option(names = "--json", description = "One JSON object per event and line: event, data, id, and retry "
            + "(milliseconds) when the stream set it. Nothing else goes to standard output.")
    boolean json;

    @Option(names = "--raw", description = "The data of each event and a newline, nothing else: for piping tokens.")
    boolean raw;

    @Option(names = "--color", paramLabel = "WHEN", description = "Colour the readable output: auto (the default: "
            + "when standard output is a terminal and NO_COLOR is not set), always or never.")
    When color = When.AUTO;

    Format format() {
        if (json && raw) {
            throw new CliException(ExitCode.USAGE, "--json and --raw cannot be combined: choose one format");
        }
        return json ? Format.JSON : raw ? Format.RAW : Format.READABLE;
    }

    /** Whether the readable output is coloured on these streams. */
    boolean colour(Io io) {
        return switch (color) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> io.outIsTerminal && io.ansiAllowed;
        };
    }

    EventPrinter printer(Io io) {
        return EventPrinter.of(format(), io, Ansi.of(colour(io)));
    }
}
