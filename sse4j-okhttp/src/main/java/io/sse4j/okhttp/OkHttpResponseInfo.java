package io.sse4j.okhttp;

import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import okhttp3.Protocol;
import okhttp3.Response;

/** An OkHttp response head as sse4j's seam sees it: status, headers and version, no body. */
record OkHttpResponseInfo(int statusCode, HttpHeaders headers, HttpClient.Version version)
        implements HttpResponse.ResponseInfo {

    /**
     * The head of {@code response}. OkHttp has already undone a {@code Content-Encoding} it asked
     * for itself (and then removed the header), so sse4j's decoders see only one it did not.
     */
    static OkHttpResponseInfo of(Response response) {
        return new OkHttpResponseInfo(response.code(),
                HttpHeaders.of(response.headers().toMultimap(), (name, value) -> true),
                version(response.protocol()));
    }

    /** The JDK has no HTTP/1.0 nor QUIC: those are reported as the nearest it knows. */
    private static HttpClient.Version version(Protocol protocol) {
        return protocol == Protocol.HTTP_2 || protocol == Protocol.H2_PRIOR_KNOWLEDGE
                ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1;
    }
}
