package io.sse4j.tests;

import io.sse4j.EventSource;
import io.sse4j.okhttp.OkHttpSse;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.testng.annotations.AfterClass;

/** The Reactive Streams TCK against an {@link EventSource} over OkHttp, as {@link EventSourceTckTest} over the JDK. */
public class OkHttpEventSourceTckTest extends EventStreamPublisherTck<EventSource> {

    private final OkHttpClient okHttp = OkHttpLoopbackTest.client(OkHttpLoopbackTest.dispatcherExecutor());

    @Override
    EventSource open(HttpClient client, HttpRequest request) {
        return OkHttpSse.newEventSourceBuilder(okHttp, OkHttpEventStreamTckTest.okHttpRequest(request))
                .retryPolicy(context -> Optional.of(Duration.ZERO)).build();
    }

    @Override
    String eventsPath() {
        return RESUMABLE;
    }

    /** A 401 is fatal for a source: onSubscribe, then onError(SseResponseException), no retry. */
    @Override
    String failingPath() {
        return UNAUTHORIZED;
    }

    @AfterClass(alwaysRun = true)
    public void stopOkHttp() {
        OkHttpLoopbackTest.stop(okHttp);
    }
}
