package io.sse4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sse4j.SseOptions;
import io.sse4j.TestResponseInfo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Which redirects the built-in transport follows, and what the next hop carries, as a table of
 * cases that need no server (the end-to-end cases over two loopback origins are in sse4j-tests):
 * in particular https to http, which a loopback test without TLS cannot show.
 */
class RedirectsTest {

    private static final URI HTTPS = URI.create("https://api.example.com/events");

    private static Redirects policy(HttpClient.Redirect redirect) {
        return Redirects.of(HttpClient.newBuilder().followRedirects(redirect).build(), SseOptions.defaults()::isSensitive);
    }

    private static HttpResponse.ResponseInfo redirect(int status, String location) {
        return TestResponseInfo.of(status, location == null ? Map.of() : Map.of("Location", List.of(location)));
    }

    private static HttpRequest get(URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer t").header("X-Trace", "1").build();
    }

    @Test
    void httpsToHttpIsRefusedUnlessThePolicyIsAlways() {
        HttpResponse.ResponseInfo down = redirect(302, "http://api.example.com/events");
        assertEquals(Optional.empty(), policy(HttpClient.Redirect.NORMAL).next(get(HTTPS), down, HTTPS));
        HttpRequest followed = policy(HttpClient.Redirect.ALWAYS).next(get(HTTPS), down, HTTPS).orElseThrow();
        assertEquals(URI.create("http://api.example.com/events"), followed.uri());
        assertEquals(Optional.empty(), followed.headers().firstValue("Authorization"), "another scheme is another origin");
    }

    @Test
    void neverFollowsNothing() {
        assertEquals(Optional.empty(), policy(HttpClient.Redirect.NEVER).next(get(HTTPS), redirect(307, "/other"), HTTPS));
    }

    @Test
    void aRelativeLocationStaysOnTheOriginWithItsCredentials() {
        HttpRequest next = policy(HttpClient.Redirect.NORMAL).next(get(HTTPS), redirect(307, "/v2/events"), HTTPS).orElseThrow();
        assertEquals(URI.create("https://api.example.com/v2/events"), next.uri());
        assertEquals(Optional.of("Bearer t"), next.headers().firstValue("Authorization"));
    }

    @Test
    void anotherPortIsAnotherOrigin() {
        HttpRequest next = policy(HttpClient.Redirect.NORMAL)
                .next(get(HTTPS), redirect(308, "https://api.example.com:8443/events"), HTTPS).orElseThrow();
        assertEquals(Optional.empty(), next.headers().firstValue("Authorization"));
        assertEquals(Optional.of("1"), next.headers().firstValue("X-Trace"));
    }

    @Test
    void whatIsNotARedirectWeCanFollowIsLeftToTheReader() {
        Redirects normal = policy(HttpClient.Redirect.NORMAL);
        for (HttpResponse.ResponseInfo response : List.of(redirect(300, "/x"), redirect(304, "/x"), redirect(302, null),
                redirect(302, "ftp://files.example.com/x"), redirect(302, "http://[bad"), redirect(200, "/x"))) {
            assertEquals(Optional.empty(), normal.next(get(HTTPS), response, HTTPS), () -> response.statusCode() + " "
                    + response.headers().firstValue("Location"));
        }
    }

    @Test
    void a307KeepsThePostAndItsBodyWhileA302TurnsItIntoAGet() {
        HttpRequest post = HttpRequest.newBuilder(HTTPS).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        Redirects normal = policy(HttpClient.Redirect.NORMAL);
        HttpRequest kept = normal.next(post, redirect(307, "/b"), HTTPS).orElseThrow();
        assertEquals("POST", kept.method());
        assertTrue(kept.bodyPublisher().isPresent() && kept.bodyPublisher().get().contentLength() == 2);
        HttpRequest turned = normal.next(post, redirect(302, "/b"), HTTPS).orElseThrow();
        assertEquals("GET", turned.method());
        assertEquals(Optional.empty(), turned.headers().firstValue("Content-Type"));
    }
}
