package io.sse4j.tests;

import io.sse4j.SseTransport;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A transport the test plays by hand, on its own thread: it records each exchange opened, and the
 * test answers it (a head, body chunks, an end or a failure) when it likes. Body chunks wait for
 * the reader's demand and are handed over inside {@code request()}, as a transport with blocking
 * I/O does. It notes every breach of the seam's contract: a second request outstanding, a call
 * after the end, an abort that is not idempotent.
 *
 * <p>With {@link #readsOnCaller} set, its exchanges read on the caller as a client with blocking
 * I/O does: {@code readHere()} blocks until the test gives a chunk or an end (or the exchange is
 * aborted) and delivers it on the calling thread; {@code body()} wakes such a reader rather than
 * delivering itself. {@code request()} still delivers as above. An interrupt of a thread blocked in
 * {@code readHere()} fails the exchange with {@link InterruptedIOException}, as OkHttp's reads do.
 */
final class FakeTransport implements SseTransport {

    static final URI URI_ = URI.create("http://fake.test/events");

    /** One exchange opened on the fake. */
    final class Call implements Exchange {
        final Attempt attempt;
        final Map<String, String> headers;
        private final Receiver receiver;
        private final ArrayDeque<String> chunks = new ArrayDeque<>();
        private int demand;
        private int requests;
        private volatile boolean aborted;
        private boolean ended;
        private Runnable pendingEnd;
        private final boolean idempotent = FakeTransport.this.idempotent;
        private final boolean callerReads = FakeTransport.this.readsOnCaller;
        private int plainRequests;
        /** Threads blocked in readHere right now. */
        private int readingHere;

        Call(Attempt attempt, Map<String, String> headers, Receiver receiver) {
            this.attempt = attempt;
            this.headers = headers;
            this.receiver = receiver;
        }

        /** Answers with a head: {@code status} and {@code Content-Type}, plus extra header pairs. */
        Call respond(int status, String contentType, String... extraHeaders) {
            Map<String, List<String>> map = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            if (contentType != null) {
                map.put("Content-Type", List.of(contentType));
            }
            for (int i = 0; i < extraHeaders.length; i += 2) {
                map.put(extraHeaders[i], List.of(extraHeaders[i + 1]));
            }
            HttpHeaders headers = HttpHeaders.of(map, (name, value) -> true);
            HttpResponse.ResponseInfo info = new HttpResponse.ResponseInfo() {
                @Override
                public int statusCode() {
                    return status;
                }

                @Override
                public HttpHeaders headers() {
                    return headers;
                }

                @Override
                public HttpClient.Version version() {
                    return HttpClient.Version.HTTP_1_1;
                }
            };
            if (!aborted) {
                receiver.onResponse(info, URI_);
            }
            return this;
        }

        /** An event stream's head: 200 text/event-stream. */
        Call stream() {
            return respond(200, "text/event-stream");
        }

        /** Body text, delivered against demand (now, if the reader asked already). */
        synchronized Call body(String text) {
            chunks.add(text);
            give();
            return this;
        }

        /** Delivers what is due now, or, when a reader waits in readHere, wakes it to deliver on its thread. */
        private void give() {
            if (readingHere > 0) {
                notifyAll();
            } else {
                pump();
            }
        }

        /** The body ends cleanly, after the chunks before it. */
        Call complete() {
            return end(receiver::onComplete);
        }

        /** The exchange fails, after the chunks before it. */
        Call fail(Throwable error) {
            return end(() -> receiver.onError(error));
        }

        private synchronized Call end(Runnable how) {
            pendingEnd = how;
            give();
            return this;
        }

        private void pump() {
            while (!aborted && demand > 0 && !chunks.isEmpty()) {
                demand--;
                byte[] bytes = chunks.poll().getBytes(StandardCharsets.UTF_8);
                receiver.onBody(List.of(ByteBuffer.wrap(bytes).asReadOnlyBuffer()));
            }
            if (!aborted && chunks.isEmpty() && pendingEnd != null && !ended) {
                ended = true;
                pendingEnd.run();
            }
        }

        @Override
        public synchronized void request() {
            plainRequests++;
            ask();
            pump();
        }

        private void ask() {
            requests++;
            if (ended) {
                breaches.add("request after the end");
            }
            if (demand > 0) {
                breaches.add("a second request while one was outstanding");
            }
            demand++;
        }

        @Override
        public boolean readsOnCaller() {
            return callerReads;
        }

        @Override
        public synchronized void readHere() {
            if (!callerReads) {
                breaches.add("readHere on an exchange that does not read on the caller");
            }
            ask();
            readers.add(Thread.currentThread());
            readingHere++;
            notifyAll();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            try {
                while (!aborted && chunks.isEmpty() && pendingEnd == null) {
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (left <= 0) {
                        breaches.add("readHere waited 30 s for the test");
                        return;
                    }
                    wait(left);
                }
            } catch (InterruptedException e) {
                // As a blocking client does: the interrupt fails the read, and with it the exchange.
                Thread.currentThread().interrupt();
                if (!ended) {
                    ended = true;
                    receiver.onError(new InterruptedIOException("interrupted"));
                }
                return;
            } finally {
                readingHere--;
            }
            pump();
        }

        /** Waits, bounded, until a reader is blocked in readHere. */
        synchronized void awaitReaderHere(Duration timeout) throws InterruptedException, TimeoutException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (readingHere == 0) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new TimeoutException("no reader in readHere within " + timeout);
                }
                wait(left);
            }
        }

        /** Chunks given by the test and not asked for yet. */
        synchronized int waitingChunks() {
            return chunks.size();
        }

        /** The calls of request() (not readHere()). */
        synchronized int plainRequests() {
            return plainRequests;
        }

        @Override
        public void abort() {
            aborted = true;
            synchronized (this) {
                notifyAll(); // A reader blocked in readHere returns.
            }
        }

        boolean aborted() {
            return aborted;
        }

        @Override
        public boolean idempotent() {
            return idempotent;
        }

        synchronized int requests() {
            return requests;
        }

        String header(String name) {
            return headers.get(name);
        }
    }

    final List<Call> calls = new CopyOnWriteArrayList<>();
    final List<String> breaches = new CopyOnWriteArrayList<>();
    /** Thrown by the next {@code open}, once. */
    final AtomicReference<Throwable> throwOnOpen = new AtomicReference<>();
    /** Whether exchanges opened from now on read on the caller (see the class comment). */
    volatile boolean readsOnCaller;
    /** The thread of every readHere call, in order. */
    final List<Thread> readers = new CopyOnWriteArrayList<>();
    /** Whether the requests of exchanges opened from now on are idempotent (a GET) or not (a POST). */
    volatile boolean idempotent = true;
    /** Run inside each {@code open}, after the exchange is made and before it is returned. */
    volatile Consumer<Call> duringOpen = call -> { };

    @Override
    public Exchange open(Attempt attempt, Map<String, String> headers, Receiver receiver) {
        Throwable t = throwOnOpen.getAndSet(null);
        if (t instanceof RuntimeException) {
            throw (RuntimeException) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        Call call = new Call(attempt, headers, receiver);
        calls.add(call);
        duringOpen.accept(call);
        return call;
    }

    Call call(int index) {
        return calls.get(index);
    }

    Call last() {
        return calls.get(calls.size() - 1);
    }

    List<Integer> attemptNumbers() {
        List<Integer> numbers = new ArrayList<>();
        calls.forEach(c -> numbers.add(c.attempt.number()));
        return numbers;
    }
}
