/**
 * sse4j core: a spec-exact Server-Sent Events parser and encoder, and event streams over
 * {@link java.net.http.HttpClient}. No dependencies beyond the JDK.
 */
module io.sse4j {
    requires transitive java.net.http;

    exports io.sse4j;
}
