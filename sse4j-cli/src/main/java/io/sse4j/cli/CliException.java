package io.sse4j.cli;

/**
 * A failure the command reports as one line and an exit code: a bad URL, a file that cannot be
 * read, an outcome of the stream. The message is written for the user, without a prefix.
 */
final class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ExitCode exitCode;

    CliException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    CliException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    ExitCode exitCode() {
        return exitCode;
    }
}
