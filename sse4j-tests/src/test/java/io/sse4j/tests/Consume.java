package io.sse4j.tests;

import io.sse4j.EventStream;
import io.sse4j.ServerSentEvent;
import io.sse4j.SseBodyHandlers;
import io.sse4j.SseListener;
import io.sse4j.SseOptions;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/** Every way sse4j offers to consume a stream, each reading all events of one response. */
enum Consume {
    READ {
        @Override
        List<ServerSentEvent> all(HttpClient client, HttpRequest request) throws Exception {
            List<ServerSentEvent> events = new ArrayList<>();
            try (EventStream stream = EventStream.connect(client, request)) {
                for (Optional<ServerSentEvent> e = stream.read(); e.isPresent(); e = stream.read()) {
                    events.add(e.get());
                }
            }
            return events;
        }
    },
    ITERATOR {
        @Override
        List<ServerSentEvent> all(HttpClient client, HttpRequest request) throws Exception {
            List<ServerSentEvent> events = new ArrayList<>();
            try (EventStream stream = EventStream.connect(client, request)) {
                for (ServerSentEvent event : stream) {
                    events.add(event);
                }
            }
            return events;
        }
    },
    STREAM {
        @Override
        List<ServerSentEvent> all(HttpClient client, HttpRequest request) throws Exception {
            try (var events = EventStream.connect(client, request).stream()) {
                return events.collect(Collectors.toList());
            }
        }
    },
    BODY_HANDLER {
        @Override
        List<ServerSentEvent> all(HttpClient client, HttpRequest request) throws Exception {
            HttpResponse<EventStream> response = client.send(request, SseBodyHandlers.ofEvents());
            try (EventStream stream = response.body()) {
                List<ServerSentEvent> events = new ArrayList<>();
                stream.forEach(events::add);
                return events;
            }
        }
    },
    FLOW_ONE_AT_A_TIME {
        @Override
        List<ServerSentEvent> all(HttpClient client, HttpRequest request) throws Exception {
            Recorder recorder = new Recorder(1);
            recorder.subscribeWhenOpen(EventStream.connectAsync(client, request));
            return recorder.await();
        }
    },
    FLOW_UNBOUNDED {
        @Override
        List<ServerSentEvent> all(HttpClient client, HttpRequest request) throws Exception {
            Recorder recorder = new Recorder(Long.MAX_VALUE);
            recorder.subscribeWhenOpen(EventStream.connectAsync(client, request));
            return recorder.await();
        }
    },
    BODY_HANDLER_ASYNC {
        @Override
        List<ServerSentEvent> all(HttpClient client, HttpRequest request) throws Exception {
            Recorder recorder = new Recorder(3);
            // With the plain JDK call, a body failing before the response completed fails the
            // future itself: that failure is the subscriber's error here.
            recorder.subscribeWhenOpen(client.sendAsync(request, SseBodyHandlers.ofEvents())
                    .thenApply(HttpResponse::body));
            return recorder.await();
        }
    },
    LISTENER {
        @Override
        List<ServerSentEvent> all(HttpClient client, HttpRequest request) throws Exception {
            ListenerRecorder recorder = new ListenerRecorder();
            EventStream.connectAsync(client, request, SseOptions.defaults(), recorder);
            return recorder.await();
        }
    };

    static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** Connects and reads the whole stream; failures are thrown as the API reports them. */
    abstract List<ServerSentEvent> all(HttpClient client, HttpRequest request) throws Exception;

    /** A subscriber requesting {@code batch} events whenever its previous batch was delivered. */
    static final class Recorder implements Flow.Subscriber<ServerSentEvent> {
        final List<ServerSentEvent> events = new ArrayList<>();
        final CompletableFuture<List<ServerSentEvent>> done = new CompletableFuture<>();
        private final long batch;
        private Flow.Subscription subscription;
        private long outstanding;

        Recorder(long batch) {
            this.batch = batch;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            outstanding = batch;
            s.request(batch);
        }

        @Override
        public void onNext(ServerSentEvent item) {
            if (outstanding <= 0) {
                done.completeExceptionally(new AssertionError("onNext without demand: " + item));
            }
            events.add(item);
            if (--outstanding == 0) {
                outstanding = batch;
                subscription.request(batch);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            done.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            done.complete(events);
        }

        List<ServerSentEvent> await() throws Exception {
            return unwrap(done);
        }

        /** Subscribes once the publisher is there, or takes the failure to open it as the error. */
        void subscribeWhenOpen(CompletableFuture<? extends Flow.Publisher<ServerSentEvent>> publisher) {
            publisher.whenComplete((p, error) -> {
                if (p != null) {
                    p.subscribe(this);
                } else {
                    onError(error instanceof java.util.concurrent.CompletionException ? error.getCause() : error);
                }
            });
        }
    }

    /** Records a listener's calls and checks the order the threading contract promises. */
    static final class ListenerRecorder implements SseListener {
        final List<ServerSentEvent> events = new ArrayList<>();
        final List<String> calls = new ArrayList<>();
        final CompletableFuture<List<ServerSentEvent>> done = new CompletableFuture<>();
        private final Thread[] current = new Thread[1];

        @Override
        public void onOpen(EventStream stream) {
            record("open");
        }

        @Override
        public void onEvent(ServerSentEvent event) {
            record("event");
            events.add(event);
        }

        @Override
        public void onComment(String comment) {
            record("comment:" + comment);
        }

        @Override
        public void onClosed() {
            record("closed");
            done.complete(events);
        }

        @Override
        public void onError(Throwable error) {
            record("error");
            done.completeExceptionally(error);
        }

        private void record(String call) {
            synchronized (current) {
                if (current[0] != null) {
                    done.completeExceptionally(new AssertionError("concurrent listener calls"));
                }
                current[0] = Thread.currentThread();
            }
            if (done.isDone()) {
                calls.add("after terminal: " + call);
            }
            calls.add(call);
            synchronized (current) {
                current[0] = null;
            }
        }

        List<ServerSentEvent> await() throws Exception {
            return unwrap(done);
        }
    }

    /** A subscriber that takes everything and keeps nothing. */
    static Flow.Subscriber<ServerSentEvent> discarding() {
        return new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ServerSentEvent item) {
            }

            @Override
            public void onError(Throwable throwable) {
            }

            @Override
            public void onComplete() {
            }
        };
    }

    static <T> T unwrap(CompletableFuture<T> future) throws Exception {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception) {
                throw (Exception) e.getCause();
            }
            throw e;
        } catch (TimeoutException e) {
            throw new AssertionError("no terminal signal within " + TIMEOUT, e);
        }
    }
}
