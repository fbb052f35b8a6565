package io.sse4j.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import picocli.CommandLine;

/**
 * One run of the {@code sse4j} command on given streams: parses the arguments with picocli, runs
 * the command, and turns every outcome into an exit code and at most one line on standard error.
 * {@link Main} runs it on the process's streams; tests run it in-process.
 */
final class Cli {

    private final Io io;
    private final Cancellation cancellation;

    Cli(Io io, Cancellation cancellation) {
        this.io = io;
        this.cancellation = cancellation;
    }

    /** The subcommands' names, and the arguments that show them. */
    private static final Set<String> NEEDS_SUBCOMMANDS = Set.of("parse", "serve", "demo", "help", "-h", "--help");

    /** Runs the command; returns its exit code. */
    int run(String... args) {
        CommandLine cli = commandLine(Arrays.stream(args).anyMatch(NEEDS_SUBCOMMANDS::contains));
        try {
            return cli.execute(args);
        } finally {
            io.out.flush();
            io.err.flush();
        }
    }

    /**
     * The command line: the URL command, its subcommands, and how errors are reported.
     *
     * @param withSubcommands whether to add the subcommands. Picocli reads a command's options
     *                        when it is added, a good part of the start-up time, so
     *                        {@code sse4j URL} leaves them out unless an argument is a
     *                        subcommand's name or asks for the help, which lists them: an
     *                        argument that happens to be such a name (a URL cannot) only
     *                        costs the time.
     */
    CommandLine commandLine(boolean withSubcommands) {
        RootCommand root = new RootCommand(io, cancellation);
        CommandLine cli = new CommandLine(root);
        if (withSubcommands) {
            cli.addSubcommand("parse", new ParseCommand(io))
                    .addSubcommand("serve", new ServeCommand(io, cancellation))
                    .addSubcommand("demo", new DemoCommand(io, cancellation))
                    .addSubcommand("help", new CommandLine.HelpCommand());
        }
        cli.setExpandAtFiles(false); // "-d @body.json" is curl's @file, not picocli's argument file
        cli.setCaseInsensitiveEnumValuesAllowed(true); // --color=auto
        cli.setOut(writer(io.out));
        cli.setErr(writer(io.err));
        cli.getCommandSpec().usageMessage().exitCodeListHeading("%nExit status:%n").exitCodeList(ExitCode.helpList());
        // Named classes, not lambdas: a lambda of one of picocli's (Java 5) interfaces cannot go
        // into the class-data archive, and spinning it at start-up costs milliseconds.
        cli.setExecutionStrategy(new Execution());
        cli.setParameterExceptionHandler(new BadArguments());
        cli.setExecutionExceptionHandler(new Failed());
        return cli;
    }

    /** Runs the command, with the log on if {@code --verbose} was given. */
    private static final class Execution implements CommandLine.IExecutionStrategy {
        @Override
        public int execute(CommandLine.ParseResult parsed) {
            CliLoggerFinder.verbose(verbose(parsed));
            return new CommandLine.RunLast().execute(parsed);
        }
    }

    /** Arguments picocli cannot make sense of: one line, suggestions, and where the help is. */
    private final class BadArguments implements CommandLine.IParameterExceptionHandler {
        @Override
        public int handleParseException(CommandLine.ParameterException e, String[] args) {
            io.err.println("sse4j: " + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, writer(io.err));
            io.err.println("(" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help shows the options)");
            return ExitCode.USAGE.code();
        }
    }

    /** A command that failed: one line, the stack trace with {@code --verbose}, the exit code of its kind. */
    private final class Failed implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception e, CommandLine failed, CommandLine.ParseResult parsed) {
            CliException failure = e instanceof CliException known ? known : Failures.unexpected(e);
            io.err.println("sse4j: " + failure.getMessage());
            if (verbose(parsed)) {
                (failure.getCause() != null ? failure.getCause() : failure).printStackTrace(io.err);
            }
            return failure.exitCode().code();
        }
    }

    /** Whether {@code --verbose} was given, before or after a subcommand's name. */
    private static boolean verbose(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult level = parsed; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    private static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
    }
}
