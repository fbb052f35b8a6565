package io.sse4j.cli;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * The one rule for every number an option takes (durations, counts, sizes, the rate, the port):
 * a picocli converter, with one small subclass per kind of number, each naming its notation and
 * its bounds; the checking and the words are all here.
 *
 * <p>A value is first read in its kind's notation as an exact decimal amount of the kind's unit
 * (nanoseconds, events, bytes, events a second), its sign kept, so that every notation of a
 * negative value ({@code -5s}, {@code PT-5S}, {@code -1}) reaches the same check. Then, in this
 * order, it is refused if it is not of the kind, negative, zero where zero has no meaning of its
 * own, or over the largest value. The message quotes the value as given and says what is
 * allowed; picocli puts the option's name in front, and the command exits with
 * {@link ExitCode#USAGE}:
 * <pre>{@code
 * sse4j: Invalid value for option '--timeout': '0' is zero; expected a duration above zero (500ms, 5s, ...)
 * }</pre>
 *
 * <p>Zero is allowed only where it means something ({@code --max-retries 0}: never retry;
 * {@code --port 0}: any free port); elsewhere it would silently have meant "no limit", which is
 * what leaving the option out means. The options keep zero or null as their "not given"
 * default, which no argument can produce. docs/cli.md tables each option's rule, and DocsTest
 * checks that table against these converters.
 *
 * @param <T> the option's type
 */
abstract class Amount<T> implements CommandLine.ITypeConverter<T> {

    private static final Pattern WHOLE = Pattern.compile("[+-]?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)");
    private static final Pattern SIZE = Pattern.compile("([+-]?\\d+)\\s*([km]?)");

    /** The longest duration: whole hours below {@code Long.MAX_VALUE} nanoseconds, so that {@code toNanos()} cannot overflow. */
    private static final long MOST_HOURS = Long.MAX_VALUE / 3_600_000_000_000L;

    private final String noun;
    private final String takes;
    private final String examples;
    private final boolean zeroAllowed;
    private final BigDecimal most;
    private final String mostText;

    /**
     * @param noun        the kind, as in "'x' is not {@code noun}"
     * @param takes       what the option takes, as docs/cli.md's table says it
     * @param examples    a few values, or "" for none
     * @param zeroAllowed whether zero means something for the options of this kind
     * @param most        the largest amount, in the unit {@link #read} gives
     * @param mostText    the largest value, as the user would write it
     */
    Amount(String noun, String takes, String examples, boolean zeroAllowed, BigDecimal most, String mostText) {
        this.noun = noun;
        this.takes = takes;
        this.examples = examples;
        this.zeroAllowed = zeroAllowed;
        this.most = most;
        this.mostText = mostText;
    }

    /** The amount the text gives in this kind's unit, sign kept; empty if it is not written as this kind. */
    abstract Optional<BigDecimal> read(String text);

    /** The option's value of an amount that passed the checks. */
    abstract T make(BigDecimal amount);

    @Override
    public final T convert(String value) {
        Optional<BigDecimal> read = read(value.strip());
        if (read.isEmpty()) {
            throw refused(value, "is not " + noun);
        }
        BigDecimal amount = read.get();
        if (amount.signum() < 0) {
            throw refused(value, "is negative");
        }
        if (amount.signum() == 0 && !zeroAllowed) {
            throw refused(value, "is zero");
        }
        if (amount.compareTo(most) > 0) {
            throw new CommandLine.TypeConversionException("'" + value + "' is too large: the most is " + mostText);
        }
        return make(amount);
    }

    /** What the options of this kind take, as docs/cli.md's table says it: {@code a duration above zero}. */
    final String takes() {
        return takes;
    }

    /** Whether zero is a value of its own for the options of this kind, rather than an error. */
    final boolean zeroAllowed() {
        return zeroAllowed;
    }

    private CommandLine.TypeConversionException refused(String value, String why) {
        return new CommandLine.TypeConversionException("'" + value + "' " + why + "; expected " + takes
                + (examples.isEmpty() ? "" : " (" + examples + ")"));
    }

    private static Optional<BigDecimal> matching(Pattern pattern, String text) {
        return pattern.matcher(text).matches() ? Optional.of(new BigDecimal(text)) : Optional.empty();
    }

    /** A duration, in {@link Durations}' notation; nanoseconds inside. */
    private abstract static class OfDuration extends Amount<Duration> {
        private static final BigDecimal MOST = BigDecimal.valueOf(MOST_HOURS).multiply(BigDecimal.valueOf(3_600_000_000_000L));

        OfDuration(String takes, boolean zeroAllowed) {
            super("a duration", takes, Durations.EXAMPLES, zeroAllowed, MOST, MOST_HOURS + "h");
        }

        @Override
        final Optional<BigDecimal> read(String text) {
            return Durations.nanos(text);
        }

        @Override
        final Duration make(BigDecimal nanos) {
            return Duration.ofNanos(nanos.longValueExact());
        }
    }

    /** A duration above zero: {@code --timeout}, {@code --idle-timeout}. */
    static final class PositiveDuration extends OfDuration {
        PositiveDuration() {
            super("a duration above zero", false);
        }
    }

    /** A duration, zero included: {@code demo --pace}, where 0 is the build's unpaced training run. */
    static final class DurationOrZero extends OfDuration {
        DurationOrZero() {
            super("a duration, 0 or more", true);
        }
    }

    /** A whole number within an {@code int}. */
    private abstract static class OfInt extends Amount<Integer> {
        OfInt(String noun, String takes, boolean zeroAllowed, int most) {
            super(noun, takes, "", zeroAllowed, BigDecimal.valueOf(most), String.valueOf(most));
        }

        @Override
        final Optional<BigDecimal> read(String text) {
            return matching(WHOLE, text);
        }

        @Override
        final Integer make(BigDecimal amount) {
            return amount.intValueExact();
        }
    }

    /** A whole number, 1 or more: {@code -n}, counted in a {@code long}. */
    static final class PositiveCount extends Amount<Long> {
        PositiveCount() {
            super("a whole number", "a whole number, 1 or more", "", false,
                    BigDecimal.valueOf(Long.MAX_VALUE), String.valueOf(Long.MAX_VALUE));
        }

        @Override
        Optional<BigDecimal> read(String text) {
            return matching(WHOLE, text);
        }

        @Override
        Long make(BigDecimal amount) {
            return amount.longValueExact();
        }
    }

    /** A whole number, 0 or more: {@code --max-retries}, where 0 is never to retry. */
    static final class CountOrZero extends OfInt {
        CountOrZero() {
            super("a whole number", "a whole number, 0 or more", true, Integer.MAX_VALUE);
        }
    }

    /** A TCP port: {@code serve --port}, where 0 is any free port. */
    static final class Port extends OfInt {
        Port() {
            super("a port number", "a port number from 0 to 65535", true, 65535);
        }
    }

    /** Events a second, above zero: {@code serve --rate}. At most one event a nanosecond, the pause's resolution. */
    static final class Rate extends Amount<Double> {
        Rate() {
            super("a number", "a number above zero", "10, 0.5", false, BigDecimal.valueOf(1_000_000_000L), "1000000000");
        }

        @Override
        Optional<BigDecimal> read(String text) {
            return matching(DECIMAL, text);
        }

        @Override
        Double make(BigDecimal amount) {
            return amount.doubleValue();
        }
    }

    /** A size in bytes, with {@code k} or {@code m} for KiB or MiB: the parser's limits. */
    static final class Size extends Amount<Integer> {
        Size() {
            super("a size", "a size in bytes, 1 or more", "4096, 64k, 1m", false,
                    BigDecimal.valueOf(Integer.MAX_VALUE), Integer.MAX_VALUE + " bytes (2g less 1)");
        }

        @Override
        Optional<BigDecimal> read(String text) {
            Matcher m = SIZE.matcher(text.toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                return Optional.empty();
            }
            long scale = m.group(2).equals("k") ? 1024 : m.group(2).equals("m") ? 1024 * 1024 : 1;
            return Optional.of(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(scale)));
        }

        @Override
        Integer make(BigDecimal amount) {
            return amount.intValueExact();
        }
    }
}
