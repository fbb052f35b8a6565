package io.sse4j.bench;

/**
 * Drives one library's SSE parser over a whole stream held in memory: no network, no threads of
 * its own. This is the code a reviewer checks for fairness; the benchmark and the tests call the
 * same method.
 */
@FunctionalInterface
public interface ParserHarness {

    /**
     * Parses {@code stream}, delivered to the library in chunks of {@code chunkSize} bytes (the last
     * one may be shorter), and reports each dispatched event's type, data and ID to {@code sink}.
     *
     * @param stream    the whole event stream, UTF-8; not modified
     * @param chunkSize how many bytes the library gets per read or per buffer
     * @param sink      receives every event
     * @return the number of events dispatched
     * @throws Exception whatever the library throws
     */
    int parse(byte[] stream, int chunkSize, EventSink sink) throws Exception;
}
