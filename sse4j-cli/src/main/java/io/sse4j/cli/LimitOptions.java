package io.sse4j.cli;

import io.sse4j.SseLimits;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The parser's limits, for {@code sse4j URL} and {@code parse}. */
final class LimitOptions {

    @Option(names = "--max-line-length", paramLabel = "BYTES", converter = Size.class,
            description = "Fail on a line longer than this (e.g. 64k, 1m). Default: 16m.")
    Integer maxLineLength;

    @Option(names = "--max-event-size", paramLabel = "BYTES", converter = Size.class,
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

    /** A size in bytes: {@code 512}, {@code 64k}, {@code 16m}. */
    static final class Size implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            String text = value.strip().toLowerCase(Locale.ROOT);
            int scale = text.endsWith("k") ? 1024 : text.endsWith("m") ? 1024 * 1024 : 1;
            String digits = scale == 1 ? text : text.substring(0, text.length() - 1);
            try {
                long bytes = Long.parseLong(digits) * scale;
                if (bytes < 1 || bytes > Integer.MAX_VALUE) {
                    throw new CommandLine.TypeConversionException("'" + value + "' is not from 1 to 2g");
                }
                return (int) bytes;
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a size (examples: 4096, 64k, 1m)");
            }
        }
    }
}
