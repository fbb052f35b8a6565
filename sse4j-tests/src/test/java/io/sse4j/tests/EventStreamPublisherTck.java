package io.sse4j.tests;

import io.sse4j.EventStream;
import io.sse4j.ServerSentEvent;
import io.sse4j.testkit.MockResponse;
import io.sse4j.testkit.MockSseServer;
import io.sse4j.testkit.RecordedRequest;
import java.io.Closeable;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeoutException;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.TestEnvironment.BlackholeSubscriberWithSubscriptionSupport;
import org.reactivestreams.tck.TestEnvironment.Latch;
import org.reactivestreams.tck.TestEnvironment.ManualSubscriber;
import org.reactivestreams.tck.TestEnvironment.ManualSubscriberWithSubscriptionSupport;
import org.reactivestreams.tck.flow.FlowPublisherVerification;
import org.testng.annotations.AfterClass;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

/**
 * The Reactive Streams TCK's publisher rules, run against an {@link EventStream} as a
 * {@link Flow.Publisher} of {@link ServerSentEvent}s over a real loopback {@link MockSseServer}.
 * Subclasses say how the stream is opened; everything else (the server's script, the bounds, the
 * skips and their reasons, closing) is shared.
 *
 * <p>Each test method gets a fresh server and the streams it opened are closed after it; the
 * server must then have no connection left open, so a stream that keeps its connection fails the
 * run. TestNG runs these classes on the JUnit Platform (the {@code testng-engine}), next to the
 * JUnit Jupiter tests, under the one Surefire provider.
 */
public abstract class EventStreamPublisherTck<P extends Flow.Publisher<ServerSentEvent> & Closeable>
        extends FlowPublisherVerification<ServerSentEvent> {

    /**
     * How long the TCK waits for a signal that should come. A loopback event arrives in well under
     * a millisecond; this leaves room for a loaded two-core machine while a broken publisher still
     * fails fast.
     */
    static final long SIGNAL_TIMEOUT_MILLIS = 1000;

    /**
     * How long the TCK watches for a signal that must not come (an unrequested {@code onNext}, a
     * signal after cancel). Every test that checks for silence spends this long, so it sets most of
     * the run time. The scripted streams are short and the client reads them ahead into its
     * buffer, so a publisher that broke demand would do so within milliseconds.
     */
    static final long NO_SIGNALS_TIMEOUT_MILLIS = 200;

    /** How often an expected {@code onError} is polled for within {@link #SIGNAL_TIMEOUT_MILLIS}. */
    static final long POLL_TIMEOUT_MILLIS = 20;

    /**
     * How long after a cancel the publisher has to drop its reference to the subscriber (rule
     * 3.13). Cancelling closes the stream synchronously, so this is only slack.
     */
    static final long REFERENCE_DROP_TIMEOUT_MILLIS = 300;

    /**
     * The most events a scripted response carries, so the largest stream the TCK may ask for. The
     * server plays a script of steps built in advance, so a stream cannot be endless or
     * {@code Integer.MAX_VALUE} events long; a bound in the thousands keeps a script's memory
     * small. (The TCK's {@code Long.MAX_VALUE} would mean "never completes" and skip every test that
     * needs onComplete.) The TCK's tests ask for at most 20 events, with one exception, see
     * {@link #required_spec317_mustNotSignalOnErrorWhenPendingAboveLongMaxValue_onAStreamLongerThanTheSubscriberReads()}.
     */
    static final int MAX_SCRIPTED_EVENTS = 1024;

    /** Bounds waits outside the TCK's own: response headers, connections closing. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** The server sends the headers of a chunked event stream, then closes the connection (FIN). */
    static final String CUT_AFTER_HEADERS = "/cut-after-headers";

    /** The server answers {@code 503 Service Unavailable} with a plain-text body: not an event stream. */
    static final String REFUSED = "/refused";

    /** A 401 with a JSON body: fatal for a reconnecting source. */
    static final String UNAUTHORIZED = "/unauthorized";

    /**
     * Like {@code /events/<n>}, for a source that reconnects: n events, then 204 No Content when it
     * asks again (with the last event ID), and 204 at once for none.
     */
    static final String RESUMABLE = "/resumable/";

    private final TestEnvironment env;
    private final List<P> opened = new ArrayList<>();
    private ExecutorService executor;
    private HttpClient client;
    private MockSseServer server;

    protected EventStreamPublisherTck() {
        this(new TestEnvironment(SIGNAL_TIMEOUT_MILLIS, NO_SIGNALS_TIMEOUT_MILLIS, POLL_TIMEOUT_MILLIS));
    }

    private EventStreamPublisherTck(TestEnvironment env) {
        super(env, REFERENCE_DROP_TIMEOUT_MILLIS);
        this.env = env;
    }

    /**
     * Sends {@code request} and returns its response as an open stream, the way the subclass's API
     * does it.
     */
    abstract P open(HttpClient client, HttpRequest request) throws IOException, InterruptedException;

    /**
     * The path on the {@linkplain #respond test server} whose stream, opened with {@link #open},
     * always signals onSubscribe then onError.
     */
    abstract String failingPath();

    /** The path prefix of a stream of n events, {@code /events/} unless the publisher reconnects. */
    String eventsPath() {
        return "/events/";
    }

    // ---- the publishers under test ----

    /** A stream of exactly {@code elements} events, then the end of the response. */
    @Override
    public Flow.Publisher<ServerSentEvent> createFlowPublisher(long elements) {
        if (elements < 0 || elements > MAX_SCRIPTED_EVENTS) {
            // The TCK skips tests that need more than maxElementsFromPublisher(); never reached.
            throw new IllegalArgumentException("a scripted stream has 0 to " + MAX_SCRIPTED_EVENTS
                    + " events, asked for " + elements);
        }
        return openTracked(eventsPath() + elements);
    }

    @Override
    public Flow.Publisher<ServerSentEvent> createFailedFlowPublisher() {
        return openTracked(failingPath());
    }

    /** See {@link #MAX_SCRIPTED_EVENTS}. */
    @Override
    public long maxElementsFromPublisher() {
        return MAX_SCRIPTED_EVENTS;
    }

    // boundedDepthOfOnNextAndRequestRecursion() keeps the TCK's default of 1: a request(n) made
    // inside onNext only records the demand, and the running delivery loop sends the next event.

    private P openTracked(String path) {
        HttpRequest request = HttpRequest.newBuilder(server.url(path))
                .header("Accept", "text/event-stream")
                .timeout(TIMEOUT)
                .build();
        try {
            P stream = open(client, request);
            synchronized (opened) {
                opened.add(stream);
            }
            return stream;
        } catch (IOException e) {
            throw new AssertionError("could not open " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while opening " + request.uri(), e);
        }
    }

    /**
     * The test server's script: {@code /events/<n>} is a stream of {@code n} distinct events that
     * then ends (close-delimited: the server closes the connection); the paths for failing streams
     * are described where the subclasses choose them.
     */
    private static MockResponse respond(RecordedRequest request) {
        String path = request.path();
        if (path.startsWith(RESUMABLE)) {
            int count = Integer.parseInt(path.substring(RESUMABLE.length()));
            if (count == 0 || !request.lastEventId().isEmpty()) {
                // The source had every event: stop it.
                return MockResponse.newBuilder().status(204).contentType("text/plain").fixedLength().raw("").build();
            }
            path = "/events/" + count;
        }
        if (path.startsWith("/events/")) {
            int count = Integer.parseInt(path.substring("/events/".length()));
            MockResponse.Builder response = MockResponse.newBuilder();
            for (int i = 0; i < count; i++) {
                response.event(ServerSentEvent.of("message", "event " + i, Integer.toString(i)));
            }
            return response.build();
        }
        if (path.equals(CUT_AFTER_HEADERS)) {
            // Chunked, so that losing the connection before the last chunk is an error, not an end.
            return MockResponse.newBuilder().chunkedEncoding().disconnect().build();
        }
        if (path.equals(UNAUTHORIZED)) {
            return MockResponse.newBuilder().status(401).contentType("application/json")
                    .raw("{\"error\":\"unauthorized\"}").fixedLength().build();
        }
        if (path.equals(REFUSED)) {
            return MockResponse.newBuilder().status(503).contentType("text/plain; charset=utf-8")
                    .raw("overloaded, try later").fixedLength().build();
        }
        return MockResponse.newBuilder().status(404).contentType("text/plain; charset=utf-8")
                .raw("no such test path: " + path).fixedLength().build();
    }

    // ---- lifecycle: nothing outlives a test method ----

    @BeforeClass
    public void startClient() {
        executor = Executors.newFixedThreadPool(4);
        client = HttpClient.newBuilder().executor(executor).connectTimeout(TIMEOUT).build();
    }

    @AfterClass(alwaysRun = true)
    public void stopClient() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @BeforeMethod
    public void startServer() throws IOException {
        server = MockSseServer.start();
        server.setDispatcher(EventStreamPublisherTck::respond);
    }

    /**
     * Closes every stream the test opened (the TCK closes none: it cancels some subscriptions,
     * lets others complete, and never subscribes to some publishers at all), checks that the
     * server then has no connection left open, and stops it: no test leaves anything to the next.
     * A failure here is a configuration failure, which fails the run.
     */
    @AfterMethod(alwaysRun = true)
    public void closeStreamsAndStopServer() throws IOException, InterruptedException, TimeoutException {
        List<P> streams;
        synchronized (opened) {
            streams = new ArrayList<>(opened);
            opened.clear();
        }
        try {
            for (P stream : streams) {
                stream.close();
            }
            if (server != null) {
                server.awaitOpenConnections(0, TIMEOUT);
            }
        } finally {
            if (server != null) {
                server.close();
                server = null;
            }
        }
    }

    // ---- single subscriber: what the TCK cannot tell, and what we check instead ----

    /*
     * An EventStream is one HTTP response, read once: it has exactly one consumer, and a second
     * subscriber gets onSubscribe and then onError(IllegalStateException), as rule 1.9 allows a
     * publisher to reject a subscriber. Rule 1.11 makes multiple subscribers optional, so the five
     * optional_spec111 tests below do not apply and are skipped here, with the reason. (Run, the
     * TCK would turn their failures into skips itself, after waiting out its timeouts for events
     * the second subscriber never gets.) The rejection itself is checked by
     * secondSubscriberGetsOnSubscribeThenOnErrorIllegalStateException.
     */

    @Override
    @Test
    public void optional_spec111_maySupportMultiSubscribe() {
        notVerified("An EventStream has one subscriber (one HTTP response, read once); "
                + "a second one is rejected with onError(IllegalStateException).");
    }

    @Override
    @Test
    public void optional_spec111_registeredSubscribersMustReceiveOnNextOrOnCompleteSignals() {
        notVerified("An EventStream has one subscriber, so there are never several registered subscribers.");
    }

    @Override
    @Test
    public void optional_spec111_multicast_mustProduceTheSameElementsInTheSameSequenceToAllOfItsSubscribersWhenRequestingOneByOne() {
        notVerified("An EventStream has one subscriber: it does not multicast.");
    }

    @Override
    @Test
    public void optional_spec111_multicast_mustProduceTheSameElementsInTheSameSequenceToAllOfItsSubscribersWhenRequestingManyUpfront() {
        notVerified("An EventStream has one subscriber: it does not multicast.");
    }

    @Override
    @Test
    public void optional_spec111_multicast_mustProduceTheSameElementsInTheSameSequenceToAllOfItsSubscribersWhenRequestingManyUpfrontAndCompleteAsExpected() {
        notVerified("An EventStream has one subscriber: it does not multicast.");
    }

    /** Not a TCK test: the rejection the skips above rely on follows rule 1.9. */
    @Test
    public void secondSubscriberGetsOnSubscribeThenOnErrorIllegalStateException() throws Throwable {
        activePublisherTest(3, true, pub -> {
            ManualSubscriber<ServerSentEvent> first = env.newManualSubscriber(pub);
            Latch subscribed = new Latch(env);
            Latch rejected = new Latch(env);
            pub.subscribe(new Subscriber<ServerSentEvent>() {
                @Override
                public void onSubscribe(Subscription subscription) {
                    subscribed.assertOpen("onSubscribe called twice on the second subscriber");
                    subscribed.close();
                }

                @Override
                public void onNext(ServerSentEvent event) {
                    env.flop("the second subscriber got onNext(" + event + ")");
                }

                @Override
                public void onError(Throwable error) {
                    subscribed.assertClosed("onError before onSubscribe on the second subscriber");
                    if (!(error instanceof IllegalStateException)) {
                        env.flop(error, "the second subscriber got onError(" + error + "), not IllegalStateException");
                    }
                    rejected.close();
                }

                @Override
                public void onComplete() {
                    env.flop("the second subscriber got onComplete()");
                }
            });
            subscribed.expectClose("the second subscriber got no onSubscribe");
            rejected.expectClose("the second subscriber got no onError");
            // The first subscriber is unaffected.
            first.request(3);
            first.nextElements(3);
            first.expectCompletion();
        });
    }

    // ---- rule 3.17 with Integer.MAX_VALUE elements ----

    /*
     * The TCK's own required_spec317_mustNotSignalOnErrorWhenPendingAboveLongMaxValue asks for a
     * stream of Integer.MAX_VALUE events, more than maxElementsFromPublisher(), so the TCK skips it
     * (its SkipException says so). It needs that many only so that the stream outlasts its
     * subscriber, which takes 11 events (requesting Long.MAX_VALUE - 1 in each of the first ten,
     * pushing the demand past Long.MAX_VALUE) and then cancels. The test below is the TCK's body on
     * a stream of 20 events: the same signals and checks, without the skip. (The TCK's subscriber
     * reads its subscription from a package-private field; this one keeps its own.)
     */

    /** Rule 3.17: demand that sums past {@code Long.MAX_VALUE} is not an error. */
    @Test
    public void required_spec317_mustNotSignalOnErrorWhenPendingAboveLongMaxValue_onAStreamLongerThanTheSubscriberReads()
            throws Throwable {
        activePublisherTest(20, false, pub -> {
            ManualSubscriberWithSubscriptionSupport<ServerSentEvent> sub =
                    new BlackholeSubscriberWithSubscriptionSupport<>(env) {
                        private volatile Subscription subscription;
                        private int callsCounter = 10;

                        @Override
                        public void onSubscribe(Subscription s) {
                            subscription = s;
                            super.onSubscribe(s);
                        }

                        @Override
                        public void onNext(ServerSentEvent element) {
                            if (subscription == null) {
                                env.flop("Subscriber::onNext(" + element + ") called before Subscriber::onSubscribe");
                            } else if (callsCounter > 0) {
                                subscription.request(Long.MAX_VALUE - 1);
                                callsCounter--;
                            } else {
                                subscription.cancel();
                            }
                        }
                    };
            env.subscribe(pub, sub, env.defaultTimeoutMillis());
            sub.request(1);
            try {
                env.verifyNoAsyncErrors();
            } finally {
                sub.cancel();
            }
        });
    }
}
