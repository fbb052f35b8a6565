package io.sse4j.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where one run of the command reads and writes, and whether its output goes to a terminal.
 * Output is UTF-8 whatever the platform's default, as event streams are: {@code jq} and other
 * readers of {@code --json} and {@code --raw} expect it.
 */
final class Io {

    final InputStream in;
    final PrintStream out;
    final PrintStream err;
    final boolean outIsTerminal;
    final boolean errIsTerminal;
    /** Whether the environment allows colour and cursor control at all: no NO_COLOR, no TERM=dumb. */
    final boolean ansiAllowed;

    Io(InputStream in, PrintStream out, PrintStream err, boolean outIsTerminal, boolean errIsTerminal,
            boolean ansiAllowed) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.outIsTerminal = outIsTerminal;
        this.errIsTerminal = errIsTerminal;
        this.ansiAllowed = ansiAllowed;
    }

    /** A run on the process's own standard streams. */
    static Io system() {
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 14),
                false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        Map<String, String> env = System.getenv();
        boolean ansi = env.get("NO_COLOR") == null && !"dumb".equals(env.get("TERM"));
        return new Io(System.in, out, err, isTerminal(1), isTerminal(2), ansi);
    }

    /** The same streams with output and errors on one stream, so that they keep their order (the demo). */
    Io withErrToOut() {
        return new Io(in, out, out, outIsTerminal, outIsTerminal, ansiAllowed);
    }

    /**
     * Whether file descriptor {@code fd} is a terminal. Java 17 has no isatty: on Linux the
     * descriptor's link in /proc names the device; elsewhere {@link System#console()} is the usual
     * stand-in (non-null when standard input and output are both terminals).
     */
    private static boolean isTerminal(int fd) {
        Path link = Path.of("/proc/self/fd/" + fd);
        try {
            String target = Files.readSymbolicLink(link).toString();
            return target.startsWith("/dev/pts/") || target.matches("/dev/tty[0-9]*");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }
}
