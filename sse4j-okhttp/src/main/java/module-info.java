/**
 * sse4j over OkHttp 5: event streams and the reconnecting {@code EventSource} read through an
 * {@code OkHttpClient}. OkHttp is a named module ({@code okhttp3}); it brings Okio and the Kotlin
 * standard library.
 */
module io.sse4j.okhttp {
    requires transitive io.sse4j;
    requires transitive okhttp3;

    exports io.sse4j.okhttp;
}
