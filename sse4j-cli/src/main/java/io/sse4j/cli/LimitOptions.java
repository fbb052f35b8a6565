package io.sse4j.cli;

import io.sse4j.SseLimits;
import picocli.CommandLine.Option;

/** The parser's limits, for {@code sse4j URL} and {@code parse}. */
final class LimitOptions {

    @Option(names = "--max-line-length", paramLabel = "BYTES", converter = Amount.Size.class,
            description = "Fail on a line longer than this (e.g. 64k, 1m). Default: 16m.")
    Integer maxLineLength;

    @Option(names = "--max-event-size", paramLabel = "BYTES", converter = Amount.Size.class,
            description = "Fail on an event whose data is larger than this. Default: 16m.")
    Integer maxEventSize;

    SseLimits limits() {
        SseLimits limits = SseLimits.defaults();
        if (maxLineLength != null) {
            limits = limits.withMaxLineLength(maxLineLength);
        }
        if (maxEventSize != null) {
            limits = limits.withMaxEventSize(maxEventSize);
        }
        return limits;
    }
}
