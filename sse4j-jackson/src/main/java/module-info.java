/** Maps Server-Sent Event data to Java types with Jackson. */
module io.sse4j.jackson {
    requires transitive io.sse4j;
    requires transitive com.fasterxml.jackson.databind;

    exports io.sse4j.jackson;
}
