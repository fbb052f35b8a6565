package io.sse4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What sse4j counts as a credential, and how it prints one: masked. */
class SseOptionsRedactTest {

    static Stream<Arguments> headers() {
        return Stream.of(
                Arguments.of("Authorization", "Bearer s3cret", "Bearer ***"),
                Arguments.of("authorization", "Basic dXNlcjpwYXNz", "Basic ***"),
                Arguments.of("Proxy-Authorization", "Basic abc", "Basic ***"),
                Arguments.of("Cookie", "session=abc; theme=dark", "***"),
                Arguments.of("Set-Cookie", "session=abc; Path=/", "***"),
                Arguments.of("X-Api-Key", "k3y", "***"),
                Arguments.of("Api-Key", "k3y", "***"),
                Arguments.of("X-Auth-Token", "t0k", "***"),
                Arguments.of("X-Client-Secret", "shh", "***"),
                Arguments.of("Accept", "text/event-stream", "text/event-stream"),
                Arguments.of("Content-Type", "application/json", "application/json"),
                Arguments.of("Last-Event-ID", "42", "42"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("headers")
    void headerValuesAreMaskedWhenTheHeaderIsACredential(String name, String value, String printed) {
        assertEquals(printed, SseOptions.defaults().redact(name, value));
    }

    @Test
    void headersTheCallerMarksAreCredentialsToo() {
        SseOptions options = SseOptions.defaults().withSensitiveHeaders("X-Tenant");
        assertTrue(options.isSensitive("x-tenant"));
        assertFalse(SseOptions.defaults().isSensitive("X-Tenant"));
        assertEquals("***", options.redact("X-Tenant", "acme"));
    }

    static Stream<Arguments> uris() {
        return Stream.of(
                Arguments.of("http://127.0.0.1:8080/events", "http://127.0.0.1:8080/events"),
                Arguments.of("https://user:pa55@api.example.com/v1/stream", "https://***@api.example.com/v1/stream"),
                Arguments.of("https://api.example.com/s?api_key=abc&stream=true", "https://api.example.com/s?api_key=***&stream=true"),
                Arguments.of("https://api.example.com/s?token=abc&key=x&sig=y", "https://api.example.com/s?token=***&key=***&sig=***"),
                Arguments.of("https://api.example.com/s?cursor=10&flag", "https://api.example.com/s?cursor=10&flag"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("uris")
    void uriCredentialsAreMasked(String uri, String printed) {
        assertEquals(printed, SseOptions.defaults().redact(URI.create(uri)));
    }

    @Test
    void messagesMaskTheCredentialsOfTheirUri() {
        SseResponseException refused = new SseResponseException(401, java.net.http.HttpHeaders.of(java.util.Map.of(),
                (n, v) -> true), "", URI.create("https://u:p@api.example.com/s?api_key=abc"));
        assertEquals("expected 200 text/event-stream, got 401 without Content-Type from https://***@api.example.com/s?api_key=***",
                refused.getMessage());
    }
}
