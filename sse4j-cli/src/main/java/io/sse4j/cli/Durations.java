package io.sse4j.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The notation of durations on the command line, and of durations shown to people. What a
 * duration option allows is {@link Amount}'s rule; this class only reads the notation.
 */
final class Durations {

    /** How a duration is written, for messages and the help: the same list as docs/cli.md. */
    static final String EXAMPLES = "500ms, 5s, 1.5s, 2m, 1h, 10 for seconds, PT10S";

    // The sign is part of the notation so that "-5s" reads as negative, as "PT-5S" does, and is
    // refused as such rather than as something that is not a duration.
    private static final Pattern SIMPLE = Pattern.compile("([+-]?\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");
    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

    private Durations() {
    }

    /**
     * The nanoseconds a duration is written as, sign kept, rounded to whole nanoseconds: {@code 500ms},
     * {@code 5s}, {@code 1.5s}, {@code 2m}, {@code 1h}, a number of seconds, or ISO-8601
     * ({@code PT5S}, {@code PT-5S}, {@code -PT5S}); empty if the text is none of these.
     */
    static Optional<BigDecimal> nanos(String text) {
        Matcher m = SIMPLE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long unit = switch (m.group(2) == null ? "s" : m.group(2)) {
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            return Optional.of(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit))
                    .setScale(0, RoundingMode.HALF_UP));
        }
        try {
            Duration iso = Duration.parse(text.strip());
            return Optional.of(BigDecimal.valueOf(iso.getSeconds()).multiply(NANOS_PER_SECOND)
                    .add(BigDecimal.valueOf(iso.getNano())));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** A duration for people: {@code 250 ms}, {@code 1.2 s}, {@code 3 min}. */
    static String format(Duration d) {
        long millis = d.toMillis();
        if (millis < 1_000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        return String.format(Locale.ROOT, "%.1f min", millis / 60_000.0);
    }
}
