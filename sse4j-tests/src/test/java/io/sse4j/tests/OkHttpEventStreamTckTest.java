package io.sse4j.tests;

import io.sse4j.EventStream;
import io.sse4j.okhttp.OkHttpSse;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.testng.annotations.AfterClass;

/**
 * The Reactive Streams TCK against the stream {@link OkHttpSse#connect} opens: the same rules, the
 * same server script, over OkHttp. The JDK client the base class makes is not used.
 */
public class OkHttpEventStreamTckTest extends EventStreamPublisherTck<EventStream> {

    private final OkHttpClient okHttp = OkHttpLoopbackTest.client(OkHttpLoopbackTest.dispatcherExecutor());

    @Override
    EventStream open(HttpClient client, HttpRequest request) throws IOException, InterruptedException {
        return OkHttpSse.connect(okHttp, okHttpRequest(request));
    }

    /** The same request for OkHttp: its URI and headers. */
    static Request okHttpRequest(HttpRequest request) {
        Request.Builder builder = new Request.Builder().url(request.uri().toString());
        request.headers().map().forEach((name, values) -> values.forEach(value -> builder.addHeader(name, value)));
        return builder.build();
    }

    /** See {@link EventStreamConnectTckTest#failingPath()}: a chunked body cut after the headers. */
    @Override
    String failingPath() {
        return CUT_AFTER_HEADERS;
    }

    @AfterClass(alwaysRun = true)
    public void stopOkHttp() {
        OkHttpLoopbackTest.stop(okHttp);
    }
}
