package io.sse4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** One rule for every number on the command line: each kind's notation, bounds and words. */
class AmountTest {

    private static final String DURATION_ABOVE_ZERO =
            "expected a duration above zero (500ms, 5s, 1.5s, 2m, 1h, 10 for seconds, PT10S)";

    private static String refusal(Amount<?> amount, String value) {
        return assertThrows(CommandLine.TypeConversionException.class, () -> amount.convert(value),
                () -> "'" + value + "' was taken").getMessage();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "500ms   | PT0.5S",
        "5s      | PT5S",
        "1.5s    | PT1.5S",
        "2m      | PT2M",
        "1h      | PT1H",
        "10      | PT10S",
        "' 5 s ' | PT5S",
        "PT10S   | PT10S",
        "pt1m    | PT1M",
        "+3s     | PT3S",
        "0.0005ms| PT0.0000005S",
    })
    void durationsInEveryNotation(String text, String expected) {
        assertEquals(Duration.parse(expected), new Amount.PositiveDuration().convert(text));
    }

    @Test
    void aNegativeDurationGivesTheSameMessageInEveryNotation() {
        for (String value : List.of("-5s", "PT-5S", "-PT5S", "-1", "-0.5", "-500ms", "-2m", "-1h")) {
            assertEquals("'" + value + "' is negative; " + DURATION_ABOVE_ZERO,
                    refusal(new Amount.PositiveDuration(), value));
            assertEquals("'" + value + "' is negative; expected a duration, 0 or more (500ms, 5s, 1.5s, 2m, 1h, "
                    + "10 for seconds, PT10S)", refusal(new Amount.DurationOrZero(), value));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0s", "0ms", "0.0", "PT0S", "-0", "0.0000000001s"})
    void zeroInEveryNotationIsRefusedWhereItMeansNothing(String value) {
        assertEquals("'" + value + "' is zero; " + DURATION_ABOVE_ZERO, refusal(new Amount.PositiveDuration(), value));
        assertEquals(Duration.ZERO, new Amount.DurationOrZero().convert(value));
    }

    @Test
    void whatIsNotADurationOrTooLong() {
        assertEquals("'soon' is not a duration; " + DURATION_ABOVE_ZERO, refusal(new Amount.PositiveDuration(), "soon"));
        assertEquals("'5 sec' is not a duration; " + DURATION_ABOVE_ZERO, refusal(new Amount.PositiveDuration(), "5 sec"));
        assertEquals("'2562048h' is too large: the most is 2562047h", refusal(new Amount.PositiveDuration(), "2562048h"));
        assertEquals(Duration.ofHours(2562047), new Amount.PositiveDuration().convert("2562047h"));
    }

    @Test
    void counts() {
        Amount.PositiveCount events = new Amount.PositiveCount();
        assertEquals(1L, events.convert("1"));
        assertEquals(Long.MAX_VALUE, events.convert(String.valueOf(Long.MAX_VALUE)));
        assertEquals("'0' is zero; expected a whole number, 1 or more", refusal(events, "0"));
        assertEquals("'-1' is negative; expected a whole number, 1 or more", refusal(events, "-1"));
        assertEquals("'2.5' is not a whole number; expected a whole number, 1 or more", refusal(events, "2.5"));
        assertEquals("'1e3' is not a whole number; expected a whole number, 1 or more", refusal(events, "1e3"));
        assertEquals("'9223372036854775808' is too large: the most is 9223372036854775807",
                refusal(events, "9223372036854775808"));

        Amount.CountOrZero retries = new Amount.CountOrZero();
        assertEquals(0, retries.convert("0"));
        assertEquals(3, retries.convert("3"));
        assertEquals("'-1' is negative; expected a whole number, 0 or more", refusal(retries, "-1"));
        assertEquals("'2147483648' is too large: the most is 2147483647", refusal(retries, "2147483648"));
    }

    @Test
    void ports() {
        Amount.Port port = new Amount.Port();
        assertEquals(0, port.convert("0"));
        assertEquals(65535, port.convert("65535"));
        assertEquals("'-1' is negative; expected a port number from 0 to 65535", refusal(port, "-1"));
        assertEquals("'65536' is too large: the most is 65535", refusal(port, "65536"));
        assertEquals("'http' is not a port number; expected a port number from 0 to 65535", refusal(port, "http"));
    }

    @Test
    void rates() {
        Amount.Rate rate = new Amount.Rate();
        assertEquals(0.5, rate.convert("0.5"));
        assertEquals(0.5, rate.convert(".5"));
        assertEquals(10.0, rate.convert("10"));
        assertEquals("'0' is zero; expected a number above zero (10, 0.5)", refusal(rate, "0"));
        assertEquals("'-2' is negative; expected a number above zero (10, 0.5)", refusal(rate, "-2"));
        assertEquals("'NaN' is not a number; expected a number above zero (10, 0.5)", refusal(rate, "NaN"));
        assertEquals("'Infinity' is not a number; expected a number above zero (10, 0.5)", refusal(rate, "Infinity"));
        assertEquals("'2000000000' is too large: the most is 1000000000", refusal(rate, "2000000000"));
    }

    @Test
    void sizes() {
        Amount.Size size = new Amount.Size();
        assertEquals(512, size.convert("512"));
        assertEquals(64 * 1024, size.convert("64k"));
        assertEquals(1024 * 1024, size.convert("1M"));
        assertEquals(Integer.MAX_VALUE, size.convert("2147483647"));
        assertEquals("'0' is zero; expected a size in bytes, 1 or more (4096, 64k, 1m)", refusal(size, "0"));
        assertEquals("'0k' is zero; expected a size in bytes, 1 or more (4096, 64k, 1m)", refusal(size, "0k"));
        assertEquals("'-1k' is negative; expected a size in bytes, 1 or more (4096, 64k, 1m)", refusal(size, "-1k"));
        assertEquals("'1.5k' is not a size; expected a size in bytes, 1 or more (4096, 64k, 1m)", refusal(size, "1.5k"));
        assertEquals("'2048m' is too large: the most is 2147483647 bytes (2g less 1)", refusal(size, "2048m"));
    }
}
