package io.sse4j.cli;

import java.io.PrintStream;
import java.text.MessageFormat;
import java.util.ResourceBundle;
import java.util.function.Supplier;

/**
 * Where the {@link System.Logger} messages of sse4j go in the command: nowhere, unless
 * {@code --verbose} is given, and then to standard error as {@code sse4j: [LEVEL] logger: message}.
 * The JDK's own loggers stay silent.
 * Without it the command's own one-line errors say what matters, and the JDK's default,
 * java.util.logging, would print a reconnecting source's warnings twice and cost start-up time.
 * Found by {@link java.util.ServiceLoader} as the process's {@link System.LoggerFinder}.
 */
public final class CliLoggerFinder extends System.LoggerFinder {

    private static volatile boolean verbose;

    /** For {@link java.util.ServiceLoader}. */
    public CliLoggerFinder() {
    }

    /** Turns the log on or off for the whole process. */
    static void verbose(boolean on) {
        verbose = on;
    }

    /** Whether {@code --verbose} was given. */
    static boolean verbose() {
        return verbose;
    }

    @Override
    public System.Logger getLogger(String name, Module module) {
        return new Log(name);
    }

    private static final class Log implements System.Logger {
        private final String name;

        Log(String name) {
            this.name = name;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public boolean isLoggable(Level level) {
            // sse4j's own view only: the JDK's internal HTTP log (jdk.internal.httpclient.debug)
            // dumps certificates and frames, and reads like a bug where nothing is wrong.
            return verbose && name.startsWith("io.sse4j") && level != Level.OFF
                    && level.getSeverity() >= Level.DEBUG.getSeverity();
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
            if (isLoggable(level)) {
                print(level, message, thrown);
            }
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            if (isLoggable(level)) {
                print(level, params == null || params.length == 0 ? format : MessageFormat.format(format, params), null);
            }
        }

        @Override
        public void log(Level level, Supplier<String> message) {
            if (isLoggable(level)) {
                print(level, message.get(), null);
            }
        }

        private void print(Level level, String message, Throwable thrown) {
            PrintStream err = System.err;
            err.println("sse4j: [" + level.getName().toLowerCase(java.util.Locale.ROOT) + "] " + name + ": " + message);
            if (thrown != null) {
                thrown.printStackTrace(err);
            }
        }
    }
}
