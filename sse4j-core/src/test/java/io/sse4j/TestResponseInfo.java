package io.sse4j;

import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/**
 * The status line and headers the JDK hands a body handler, made up by a test.
 *
 * @param statusCode the status code
 * @param headers    the headers
 * @param version    the HTTP version
 */
public record TestResponseInfo(int statusCode, HttpHeaders headers, HttpClient.Version version)
        implements HttpResponse.ResponseInfo {

    /** 200 with {@code Content-Type: text/event-stream}. */
    static TestResponseInfo eventStream() {
        return of(200, "text/event-stream");
    }

    static TestResponseInfo of(int statusCode, String contentType) {
        return of(statusCode, Map.of("Content-Type", List.of(contentType)));
    }

    /**
     * An HTTP/1.1 response head.
     *
     * @param statusCode the status code
     * @param headers    the headers, by name
     * @return the head
     */
    public static TestResponseInfo of(int statusCode, Map<String, List<String>> headers) {
        return new TestResponseInfo(statusCode, HttpHeaders.of(headers, (name, value) -> true), HttpClient.Version.HTTP_1_1);
    }
}
