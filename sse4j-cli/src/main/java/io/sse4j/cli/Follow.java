package io.sse4j.cli;

import io.sse4j.EventSource;
import io.sse4j.EventSourceListener;
import io.sse4j.RetryPolicy;
import io.sse4j.ServerSentEvent;
import io.sse4j.SseBodyHandlers;
import io.sse4j.SseOptions;
import io.sse4j.SseTransport;
import java.io.EOFException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * {@code sse4j URL}: follows an event stream with an {@link EventSource}, which reconnects and
 * resumes with {@code Last-Event-ID}, and prints what its listener receives until the server says
 * stop (204), a failure the source does not retry, {@code --max-events}, or a cancel (Ctrl-C).
 *
 * <p>The source reads through a tapped transport ({@link SseTransport#tap}), so that each event
 * stream's bytes can be recorded as they arrive; the listener hears the events, the
 * {@code retry:} times and the reconnects. Its calls are sequential; the calling thread waits for
 * its one terminal call, then reports the outcome as an exit code.
 *
 * <p>Between the tap and the source sits {@link PlainReply}: an answer that is a 2xx but not an
 * event stream (JSON, a 202) is read whole there and never reaches the source; it ends the wait
 * as the terminal call does, and is printed as it came. The tap writes each response's head to
 * {@code --dump-header}'s file.
 */
final class Follow {

    private final Io io;
    private final Cancellation cancellation;
    private final URI uri;
    private final RequestOptions request;
    private final StreamOptions stream;
    private final OutputOptions output;
    private final LimitOptions limits;
    private Consumer<ServerSentEvent> observer = event -> { };

    Follow(Io io, Cancellation cancellation, URI uri, RequestOptions request, StreamOptions stream,
            OutputOptions output, LimitOptions limits) {
        this.io = io;
        this.cancellation = cancellation;
        this.uri = uri;
        this.request = request;
        this.stream = stream;
        this.output = output;
        this.limits = limits;
    }

    /** Also hands every event printed to {@code observer}, on the listener's thread. */
    Follow observe(Consumer<ServerSentEvent> observer) {
        this.observer = observer;
        return this;
    }

    /**
     * Follows the stream to its end.
     *
     * @return {@link ExitCode#OK}, or {@link ExitCode#INTERRUPTED} once cancelled
     * @throws CliException for any other outcome, with its exit code
     */
    ExitCode run() throws InterruptedException {
        stream.check();
        EventPrinter printer = output.printer(io);
        HttpRequest httpRequest = request.request(uri, io.in);
        // A Last-Event-ID given with -H is where to start, not a header to send on every reconnect.
        String lastEventId = httpRequest.headers().firstValue("Last-Event-ID").orElse(stream.lastEventId);
        if (httpRequest.headers().firstValue("Last-Event-ID").isPresent()) {
            httpRequest = HttpRequest.newBuilder(httpRequest, (name, value) -> !name.equalsIgnoreCase("Last-Event-ID"))
                    .build();
        }
        Recording recording = stream.record == null ? null : Recording.create(stream.record, limits.limits());
        HeaderDump dump = stream.dumpHeader == null ? null : HeaderDump.create(stream.dumpHeader);
        HttpRequest sent = httpRequest;
        SseTransport jdk = SseTransport.of(request.client(uri), attempt -> sent);
        SseTransport shown = !CliLoggerFinder.verbose() ? jdk : (attempt, headers, receiver) -> {
            showRequest(sent, headers);
            return jdk.open(attempt, headers, receiver);
        };
        SseTransport transport = SseTransport.tap(shown, (response, from) -> {
            if (CliLoggerFinder.verbose()) {
                showResponse(response, from);
            }
            if (dump != null) {
                dump.write(response);
            }
            if (recording == null || !SseBodyHandlers.isEventStream(response)) {
                return Optional.empty();
            }
            boolean encoded = response.headers().firstValue("Content-Encoding")
                    .filter(coding -> !coding.isBlank() && !coding.strip().equalsIgnoreCase("identity")).isPresent();
            return Optional.of(recording.start(encoded));
        });
        PlainReply replies = new PlainReply(transport, limits.limits().maxEventSize());
        Policy policy = new Policy();
        EventSource source = EventSource.newBuilder(replies)
                // A wrong port or host fails at once, unless --max-retries asks to keep trying.
                .retryFirstConnection(stream.maxRetries != null && stream.maxRetries > 0)
                // A finite stream without IDs is shown once, not repeated every few seconds.
                .reopenAfterCleanEnd(false)
                .options(SseOptions.defaults().withLimits(limits.limits()))
                .retryPolicy(policy)
                .lastEventId(lastEventId)
                .idleTimeout(stream.idleTimeout)
                .build();
        Stats stats = stream.stats ? new Stats(io, source::events, source::bytes, source::reconnects) : null;
        Listener listener = new Listener(source, printer, recording, stats);
        source.listen(listener);
        // A reply that is not an event stream never reaches the source: it ends the wait itself.
        replies.reply().whenComplete((reply, failure) -> listener.ended.countDown());
        cancellation.onCancel(source::close);
        try {
            listener.ended.await();
        } finally {
            source.close();
            if (stats != null) {
                stats.finish();
            }
            io.out.flush();
            closeQuietly(recording);
            closeQuietly(dump);
        }
        if (recording != null && recording.failure() != null) {
            throw Failures.ofFile(recording.failure(), "write", recording.path());
        }
        if (dump != null && dump.failure() != null) {
            throw Failures.ofFile(dump.failure(), "write", dump.path());
        }
        if (cancellation.cancelled()) {
            return ExitCode.INTERRUPTED;
        }
        if (replies.reply().isDone()) {
            return print(replies.reply(), printer);
        }
        Throwable error = listener.error;
        if (error == null || listener.outputClosed || (stream.noReconnect && error instanceof EOFException)) {
            return ExitCode.OK;
        }
        CliException failure = Failures.ofStream(error, uri);
        if (policy.gaveUpAfter > 0 && stream.maxRetries != null && stream.maxRetries > 0) {
            throw new CliException(failure.exitCode(), "gave up after " + policy.gaveUpAfter + " failed "
                    + (policy.gaveUpAfter == 1 ? "attempt" : "attempts") + " in a row: " + failure.getMessage(), error);
        }
        throw failure;
    }

    /**
     * Prints a 2xx reply that is not an event stream, whole and as it came, as curl would: the
     * answer of a request/response protocol (JSON, or an empty 202 Accepted). A notice on
     * standard error names its status and type.
     */
    private ExitCode print(CompletableFuture<PlainReply.Body> replied, EventPrinter printer) {
        PlainReply.Body reply;
        try {
            reply = replied.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof CliException cli ? cli : Failures.ofStream(e.getCause(), uri);
        }
        byte[] body = reply.decoded(limits.limits().maxEventSize());
        if (!stream.quiet) {
            String type = reply.type().isEmpty() ? " without Content-Type" : " " + reply.type();
            io.err.println("sse4j: " + reply.response().statusCode() + type + " from " + reply.where()
                    + ", not an event stream: " + (body.length == 0 ? "no body"
                    : body.length + (body.length == 1 ? " byte" : " bytes") + ", printed whole"));
        }
        if (stream.include) {
            printer.response(reply.response().statusCode(), reply.response().version(), reply.response().headers());
        }
        io.out.write(body, 0, body.length);
        io.out.flush();
        return ExitCode.OK;
    }

    /** --verbose: the request as sse4j sends it (credentials masked), curl-style, on standard error. */
    private void showRequest(HttpRequest sent, Map<String, String> added) {
        SseOptions mask = SseOptions.defaults();
        StringBuilder lines = new StringBuilder("> ").append(sent.method()).append(' ').append(mask.redact(sent.uri()));
        sent.headers().map().forEach((name, values) -> values.forEach(value ->
                lines.append("\n> ").append(name).append(": ").append(mask.redact(name, value))));
        added.forEach((name, value) -> {
            if (sent.headers().firstValue(name).isEmpty()) {
                lines.append("\n> ").append(name).append(": ").append(mask.redact(name, value));
            }
        });
        lines.toString().lines().forEach(line -> io.err.println("sse4j: " + line));
    }

    /** --verbose: the response head, from where it came after redirects, credentials masked. */
    private void showResponse(HttpResponse.ResponseInfo response, URI from) {
        SseOptions mask = SseOptions.defaults();
        io.err.println("sse4j: < " + response.statusCode() + " from " + mask.redact(from));
        response.headers().map().forEach((name, values) -> values.forEach(value ->
                io.err.println("sse4j: < " + name + ": " + mask.redact(name, value))));
    }

    private static void closeQuietly(java.io.Closeable file) {
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                // failure() reports what matters: the bytes that were not written.
            }
        }
    }

    /** The options' retry policy, noting when it gave up, for the message. */
    private final class Policy implements RetryPolicy {
        private final RetryPolicy base;
        private volatile int gaveUpAfter;

        Policy() {
            Integer max = stream.maxRetries;
            this.base = stream.noReconnect || (max != null && max == 0) ? RetryPolicy.never()
                    : max == null ? RetryPolicy.exponentialBackoff()
                    : RetryPolicy.exponentialBackoff().withMaxAttempts(max);
        }

        @Override
        public Optional<Duration> delay(Context context) {
            Optional<Duration> delay = base.delay(context);
            if (delay.isEmpty()) {
                gaveUpAfter = context.attempt();
            }
            return delay;
        }
    }

    /** Prints what the source delivers; counts down {@link #ended} at its terminal call. */
    private final class Listener implements EventSourceListener {
        final CountDownLatch ended = new CountDownLatch(1);
        volatile Throwable error;
        volatile boolean outputClosed;
        private final EventSource source;
        private final EventPrinter printer;
        private final Recording recording;
        private final Stats stats;
        /** The retry: the stream set since the last event, shown with the next one; -1 if none. */
        private long retry = -1;
        private long printed;

        Listener(EventSource source, EventPrinter printer, Recording recording, Stats stats) {
            this.source = source;
            this.printer = printer;
            this.recording = recording;
            this.stats = stats;
        }

        @Override
        public void onOpen(HttpResponse.ResponseInfo response) {
            retry = -1;
            if (stream.include) {
                toTerminal(() -> printer.response(response.statusCode(), response.version(), response.headers()));
            }
        }

        @Override
        public void onRetry(Duration reconnectionTime) {
            retry = reconnectionTime.toMillis();
        }

        @Override
        public void onEvent(ServerSentEvent event) {
            OptionalLong before = retry < 0 ? OptionalLong.empty() : OptionalLong.of(retry);
            retry = -1;
            toTerminal(() -> printer.event(event, before));
            observer.accept(event);
            printed++;
            if (printer.outputClosed()) {
                outputClosed = true; // Whoever read the output has gone (| head): nothing left to do.
                source.close();
            } else if (recording != null && recording.failure() != null) {
                source.close();
            } else if (stream.maxEvents > 0 && printed >= stream.maxEvents) {
                source.close();
            }
        }

        @Override
        public void onComment(String comment) {
            toTerminal(() -> printer.comment(comment));
        }

        @Override
        public void onRetrying(Throwable cause, Duration delay, int attempt) {
            if (stream.quiet) {
                return;
            }
            String why = cause instanceof EOFException ? "the server ended the stream"
                    : Failures.ofStream(cause, uri).getMessage();
            String id = source.lastEventId();
            notice(why + "; reconnecting in " + Durations.format(delay)
                    + (attempt > 1 ? " (failure " + attempt + " in a row)" : "")
                    + (id.isEmpty() ? ", from the start" : " with Last-Event-ID: " + id));
        }

        @Override
        public void onClosed() {
            ended.countDown();
        }

        @Override
        public void onError(Throwable error) {
            this.error = error;
            ended.countDown();
        }

        private void notice(String text) {
            Runnable print = () -> io.err.println("sse4j: " + text);
            if (stats != null) {
                stats.around(print);
            } else {
                print.run();
            }
        }

        /** Standard output on a terminal shares it with a live stats line, which steps aside. */
        private void toTerminal(Runnable print) {
            if (stats != null && io.outIsTerminal) {
                stats.around(print);
            } else {
                print.run();
            }
        }
    }
}
