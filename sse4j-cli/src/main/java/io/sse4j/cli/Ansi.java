package io.sse4j.cli;

/** Colour and cursor control for a terminal, or plain text when it is off. */
final class Ansi {

    static final Ansi OFF = new Ansi(false);
    static final Ansi ON = new Ansi(true);

    /** Back to the start of the line, and erase it. */
    private static final String CLEAR_LINE = "\r\033[K";

    private final boolean enabled;

    private Ansi(boolean enabled) {
        this.enabled = enabled;
    }

    static Ansi of(boolean enabled) {
        return enabled ? ON : OFF;
    }

    boolean enabled() {
        return enabled;
    }

    String bold(String text) {
        return wrap("1", text);
    }

    String dim(String text) {
        return wrap("2", text);
    }

    String cyan(String text) {
        return wrap("1;36", text);
    }

    String yellow(String text) {
        return wrap("33", text);
    }

    String clearLine() {
        return enabled ? CLEAR_LINE : "";
    }

    private String wrap(String code, String text) {
        return enabled ? "\033[" + code + "m" + text + "\033[0m" : text;
    }
}
