/**
 * sse4j testkit: {@link io.sse4j.testkit.MockSseServer}, an in-process HTTP/1.1 event-stream
 * server for end-to-end tests, with scripted responses, fault injection and recorded requests.
 * Depends on sse4j core and the JDK only; it works with any test framework.
 */
module io.sse4j.testkit {
    requires transitive io.sse4j;

    exports io.sse4j.testkit;
}
