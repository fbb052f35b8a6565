package io.sse4j.cli;

import io.sse4j.ServerSentEvent;
import io.sse4j.testkit.MockResponse;
import io.sse4j.testkit.MockSseServer;
import io.sse4j.testkit.RecordedRequest;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sse4j demo}: {@code sse4j URL} against an embedded server that cuts the first connection
 * in the middle of an event, so that the client is seen to resume with {@code Last-Event-ID}.
 * Ends by itself in a few seconds.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        header = "Watch sse4j follow a stream across a lost connection, against an embedded server.",
        description = {
            "Starts an event-stream server on 127.0.0.1 (the testkit's MockSseServer) and follows it as "
                    + "sse4j URL does. The server cuts the first connection in the middle of an event; the "
                    + "client reconnects with Last-Event-ID and the server resumes after the last event it "
                    + "received, so every event arrives once, in order. The server's 204 No Content ends the "
                    + "demo after about four seconds. Exit status 0 if every event arrived once and in order."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  sse4j demo",
            "  sse4j demo --json",
            "  sse4j demo --stats"
        })
final class DemoCommand implements Callable<Integer> {

    static final String[] TEXT = {
        "Server-Sent Events,", "one after another,", "as the server sends them.", "Now the connection drops",
        "in the middle of an event;", "the client reconnects", "with Last-Event-ID: 4,", "the server resumes",
        "from event 5,", "and every event arrives once, in order."
    };
    private static final int CUT_AFTER = 4;

    private final Io io;
    private final Cancellation cancellation;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Option(names = "--stats", description = "Show events, bytes, rate and reconnects, as sse4j URL --stats does.")
    boolean stats;

    @Option(names = "--pace", hidden = true, converter = Amount.DurationOrZero.class,
            description = "The server's pause between events (0 for the build's training run).")
    Duration pace = Duration.ofMillis(300);

    DemoCommand(Io io, Cancellation cancellation) {
        this.io = io;
        this.cancellation = cancellation;
    }

    @Override
    public Integer call() throws InterruptedException, IOException {
        boolean readable = output.format() == OutputOptions.Format.READABLE;
        Io shown = readable ? io.withErrToOut() : io;
        Ansi ansi = Ansi.of(output.colour(io));
        Function<String, String> narrate = readable ? ansi::yellow : text -> text;
        try (MockSseServer server = MockSseServer.start()) {
            URI url = server.url("/events");
            server.setDispatcher(new Script(line -> tell(shown, narrate.apply("server: " + line))));
            tell(shown, narrate.apply("sse4j demo: an event stream at " + url + ", and the client "
                    + "`sse4j " + url + "` following it. The server will cut the first connection in the "
                    + "middle of event " + (CUT_AFTER + 1) + "."));
            StreamOptions streamOptions = new StreamOptions();
            streamOptions.stats = stats;
            List<String> ids = new ArrayList<>();
            ExitCode code = new Follow(shown, cancellation, url, new RequestOptions(), streamOptions, output,
                    new LimitOptions()).observe(event -> ids.add(event.lastEventId())).run();
            if (code != ExitCode.OK) {
                return code.code();
            }
            List<String> expected = new ArrayList<>();
            for (int i = 1; i <= TEXT.length; i++) {
                expected.add(String.valueOf(i));
            }
            if (!ids.equals(expected)) {
                throw new CliException(ExitCode.ERROR, "demo: expected events 1 to " + TEXT.length
                        + " once each and in order, got " + ids);
            }
            tell(shown, narrate.apply("sse4j demo: " + TEXT.length + " events, each once and in order, over "
                    + server.requestCount() + " requests; the server's 204 ended the stream. Next: sse4j --help"));
        }
        return ExitCode.OK.code();
    }

    private static void tell(Io io, String line) {
        io.err.println(line);
        io.err.flush();
    }

    /** The server's side: the first response is cut inside an event, the next resumes, then 204. */
    private final class Script implements Function<RecordedRequest, MockResponse> {
        private final java.util.function.Consumer<String> narrate;

        Script(java.util.function.Consumer<String> narrate) {
            this.narrate = narrate;
        }

        @Override
        public MockResponse apply(RecordedRequest request) {
            String id = request.lastEventId();
            int from;
            try {
                from = id.isEmpty() ? 1 : Integer.parseInt(id) + 1;
            } catch (NumberFormatException e) {
                return MockResponse.newBuilder().status(400).contentType("text/plain").fixedLength()
                        .raw("unknown Last-Event-ID").build();
            }
            String asked = request.method() + " " + request.path() + (id.isEmpty() ? "" : " with Last-Event-ID: " + id);
            if (from > TEXT.length) {
                narrate.accept(asked + " → 204 No Content: the client has every event, so it stops");
                return MockResponse.newBuilder().status(204).removeHeader("Content-Type").removeHeader("Cache-Control")
                        .build();
            }
            // Chunked, so that the cut below is a broken stream and not an end.
            MockResponse.Builder response = MockResponse.newBuilder().chunkedEncoding();
            int last = TEXT.length;
            if (from == 1) {
                narrate.accept(asked + " → 200, events 1 to " + TEXT.length + ", cut after " + CUT_AFTER
                        + " and a half");
                response.retry(Duration.ofMillis(500));
                last = CUT_AFTER;
            } else {
                narrate.accept(asked + " → 200, resuming with event " + from);
            }
            for (int i = from; i <= last; i++) {
                response.pause(pace).event(ServerSentEvent.of("message", TEXT[i - 1], String.valueOf(i)));
            }
            if (last < TEXT.length) {
                String next = TEXT[last];
                response.pause(pace).raw("id: " + (last + 1) + "\ndata: " + next.substring(0, next.length() / 2))
                        .disconnect();
            }
            return response.build();
        }
    }
}
