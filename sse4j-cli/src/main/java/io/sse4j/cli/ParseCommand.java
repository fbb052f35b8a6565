package io.sse4j.cli;

import io.sse4j.ServerSentEvent;
import io.sse4j.SseParser;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code sse4j parse [FILE|-]}: a captured stream's events, as the client would see them. */
@Command(name = "parse", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        header = "Print the events of a captured stream, in the same formats as sse4j URL.",
        description = {
            "Reads a stream saved by sse4j URL --record, by curl -N, or written by hand, and prints its "
                    + "events as a client would receive them: the parser follows the WHATWG HTML standard "
                    + "(a byte order mark, CR, LF and CRLF line ends, invalid UTF-8, NUL in an id). An event "
                    + "without its blank line at the end of the input is not dispatched."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  sse4j parse capture.sse",
            "  sse4j parse capture.sse --json | jq -c 'select(.event == \"update\")'",
            "  curl -sN http://localhost:8080/events | sse4j parse - --raw"
        })
final class ParseCommand implements Callable<Integer> {

    private static final int CHUNK = 64 * 1024;

    private final Io io;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
            description = "The captured stream; - or nothing for standard input.")
    String file;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Mixin
    LimitOptions limits = new LimitOptions();

    ParseCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        EventPrinter printer = output.printer(io);
        boolean stdin = file == null || file.equals("-");
        String name = stdin ? "standard input" : file;
        Handler handler = new Handler(printer);
        SseParser parser = SseParser.of(handler, limits.limits());
        try (InputStream in = stdin ? io.in : Files.newInputStream(Path.of(file))) {
            byte[] buffer = new byte[CHUNK];
            for (int n = in.read(buffer); n >= 0 && !printer.outputClosed(); n = in.read(buffer)) {
                parser.feed(buffer, 0, n);
            }
        } catch (ProtocolException e) {
            io.out.flush();
            throw Failures.invalidStream(name, e);
        } catch (IOException e) {
            io.out.flush();
            throw Failures.ofFile(e, "read", name);
        }
        parser.finish();
        io.out.flush();
        return ExitCode.OK.code();
    }

    /** Prints each event with the retry set since the one before; comments in the readable format. */
    private static final class Handler implements SseParser.Handler {
        private final EventPrinter printer;
        private long retry = -1;

        Handler(EventPrinter printer) {
            this.printer = printer;
        }

        @Override
        public void onEvent(ServerSentEvent event) {
            printer.event(event, retry < 0 ? OptionalLong.empty() : OptionalLong.of(retry));
            retry = -1;
        }

        @Override
        public void onComment(String comment) {
            printer.comment(comment);
        }

        @Override
        public void onRetry(Duration reconnectionTime) {
            retry = reconnectionTime.toMillis();
        }
    }
}
