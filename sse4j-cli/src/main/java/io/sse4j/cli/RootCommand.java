package io.sse4j.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;

/** {@code sse4j URL}: the command itself; {@code parse}, {@code serve} and {@code demo} are its subcommands. */
@Command(name = "sse4j", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true, synopsisSubcommandLabel = "[COMMAND]",
        header = "Follow a Server-Sent Events stream: across reconnects, readable, as JSON lines or raw.",
        description = {
            "Connects to URL and prints each event as it arrives. When the connection is lost, it reconnects "
                    + "with Last-Event-ID, as a browser's EventSource does, so every event is printed once and in "
                    + "order; it stops when the server answers 204 No Content, on a failure that is not retried "
                    + "(such as 404), after --max-events, or on Ctrl-C.",
            "",
            "An answer that is a 2xx but not an event stream (the JSON of a request/response protocol such as "
                    + "MCP, an empty 202 Accepted) is printed whole, as curl does, with a notice on standard error: "
                    + "exit 0. -D FILE keeps each response's headers for a script.",
            "",
            "Notices of lost and resumed connections go to standard error, as do errors: one line each "
                    + "(--verbose adds the stack trace).",
            "",
            "Durations are written as " + Durations.EXAMPLES + ". A number an option takes must be above "
                    + "zero, unless the option's description below gives 0 a meaning (docs/cli.md, Numbers)."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  sse4j http://localhost:8080/events",
            "  sse4j http://localhost:8080/events --json | jq -r .data",
            "  sse4j -H 'Content-Type: application/json' -d '{\"prompt\":\"Say hi\"}' \\",
            "        https://api.example.com/v1/stream --raw",
            "  sse4j -d @request.json -H \"Authorization: Bearer $TOKEN\" https://host/sse",
            "  sse4j http://localhost:8080/events --record capture.sse --stats -n 100",
            "  sse4j parse capture.sse --json",
            "  sse4j serve capture.sse --port 8080 --rate 10",
            "",
            "More: docs/cli.md in the sse4j repository."
        })
final class RootCommand implements Callable<Integer> {

    private final Io io;
    private final Cancellation cancellation;

    @Parameters(index = "0", arity = "0..1", paramLabel = "URL", description = "The event stream: an http or https URL.")
    String url;

    @Mixin
    RequestOptions request = new RequestOptions();

    @Mixin
    StreamOptions stream = new StreamOptions();

    @Mixin
    OutputOptions output = new OutputOptions();

    @Mixin
    LimitOptions limits = new LimitOptions();

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "On an error, also print its stack trace; show the library's debug log.")
    boolean verbose;

    RootCommand(Io io, Cancellation cancellation) {
        this.io = io;
        this.cancellation = cancellation;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (url == null) {
            throw new CliException(ExitCode.USAGE, "a URL or a command is needed (sse4j --help shows them)");
        }
        return new Follow(io, cancellation, RequestOptions.parseUrl(url), request, stream, output, limits).run().code();
    }
}
