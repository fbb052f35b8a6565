package io.sse4j.cli;

import io.sse4j.SseLimits;
import io.sse4j.testkit.MockSseServer;
import java.io.IOException;
import java.net.BindException;
import java.net.ProtocolException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sse4j serve FILE|-}: a captured stream as a local event-stream server, until Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        header = "Replay a captured stream as a local SSE server, honouring Last-Event-ID.",
        description = {
            "Serves the bytes of FILE, exactly, to every request on 127.0.0.1 (any path, any method), "
                    + "starting after the event whose ID the request's Last-Event-ID names. A client that "
                    + "has every event gets 204 No Content, which tells it to stop. The URL goes to standard "
                    + "output, each request to standard error. Runs until Ctrl-C.",
            "",
            "A fixture for your own tests and demos: record a real stream with sse4j URL --record, then "
                    + "replay it as often as you like, at the pace you like."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  sse4j serve capture.sse --port 8080",
            "  sse4j serve capture.sse --port 8080 --rate 5 --loop",
            "  printf 'id: 1\\ndata: hello\\n\\n' | sse4j serve - --port 8080"
        })
final class ServeCommand implements Callable<Integer> {

    private final Io io;
    private final Cancellation cancellation;

    @Parameters(index = "0", paramLabel = "FILE", description = "The captured stream, or - for standard input.")
    String file;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", converter = Amount.Port.class,
            description = "The port on 127.0.0.1. Default: 0, any free port.")
    int port;

    /** Zero when not given: no pause. The option itself refuses zero. */
    @Option(names = "--rate", paramLabel = "EVENTS_PER_SECOND", converter = Amount.Rate.class,
            description = "Pace the replay: this many events a second (e.g. 10, or 0.5). Default: as fast as it goes.")
    double rate;

    @Option(names = "--loop",
            description = "After the last event, start again from the first (and never answer 204). A response ends "
                    + "after about " + Replay.LOOP_EVENTS_PER_RESPONSE + " events; the client resumes.")
    boolean loop;

    ServeCommand(Io io, Cancellation cancellation) {
        this.io = io;
        this.cancellation = cancellation;
    }

    @Override
    public Integer call() throws InterruptedException {
        boolean stdin = file.equals("-");
        String name = stdin ? "standard input" : file;
        byte[] capture;
        try {
            capture = stdin ? io.in.readAllBytes() : Files.readAllBytes(Path.of(file));
        } catch (IOException e) {
            throw Failures.ofFile(e, "read", name);
        }
        Duration interval = rate == 0 ? Duration.ZERO : Duration.ofNanos(Math.round(1e9 / rate));
        Replay replay;
        try {
            replay = Replay.of(capture, SseLimits.defaults(), interval, loop, line -> io.err.println("sse4j serve: " + line));
        } catch (ProtocolException e) {
            throw Failures.invalidStream(name, e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try (MockSseServer server = start()) {
            server.setDispatcher(replay);
            io.out.println(server.uri());
            io.out.flush();
            io.err.println("sse4j serve: replaying " + name + " (" + replay.events() + " events) on " + server.uri()
                    + ", any path; Ctrl-C stops");
            cancellation.onCancel(stopped::countDown);
            stopped.await();
        }
        return ExitCode.INTERRUPTED.code();
    }

    private MockSseServer start() {
        try {
            return MockSseServer.start(port);
        } catch (BindException e) {
            throw new CliException(ExitCode.LOCAL_IO, "cannot serve on port " + port + ": " + Failures.message(e)
                    + " (choose another with --port, or 0 for any free port)", e);
        } catch (IOException e) {
            throw new CliException(ExitCode.LOCAL_IO, "cannot serve on port " + port + ": " + Failures.message(e), e);
        }
    }
}
