package io.sse4j.bench;

/**
 * One benchmark input: an event stream as bytes, with the number of events it holds and a digest
 * of those events, computed while the stream was generated.
 */
public final class Workload {

    private final String name;
    private final String description;
    private final byte[] bytes;
    private final int events;
    private final long digest;

    Workload(String name, String description, byte[] bytes, EventDigest expected) {
        this.name = name;
        this.description = description;
        this.bytes = bytes;
        this.events = expected.count();
        this.digest = expected.hash();
    }

    /**
     * The name used as the benchmark parameter.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * What the stream looks like, in one line.
     *
     * @return the description
     */
    public String description() {
        return description;
    }

    /**
     * The stream. The array is shared, not copied: never modify it.
     *
     * @return the stream's bytes, UTF-8
     */
    public byte[] bytes() {
        return bytes;
    }

    /**
     * How many events a spec-conforming parser dispatches from the stream.
     *
     * @return the event count
     */
    public int events() {
        return events;
    }

    /**
     * Checks an event count in the hot path, so a harness that loses events fails the run instead
     * of reporting a flattering number.
     *
     * @param dispatched the count a harness returned
     * @throws IllegalStateException if it is not {@link #events()}
     */
    public void expectEvents(int dispatched) {
        if (dispatched != events) {
            throw new IllegalStateException("workload " + name + ": expected " + events + " events, got " + dispatched);
        }
    }

    /**
     * Runs {@code harness} over the stream and checks that it dispatched exactly the events the
     * stream holds, by count and by content (type, data and ID of every event, in order).
     *
     * @param harness   the harness to check
     * @param chunkSize the chunk size to feed it with
     * @throws AssertionError if the events differ
     * @throws Exception      whatever the harness throws
     */
    public void verify(ParserHarness harness, int chunkSize) throws Exception {
        EventDigest actual = new EventDigest();
        int returned = harness.parse(bytes, chunkSize, actual);
        verify(actual, returned, "workload " + name + " in chunks of " + chunkSize);
    }

    /**
     * Checks that a harness delivered exactly the stream's events, by count and by content.
     *
     * @param actual   the digest of the events the harness delivered
     * @param returned the event count the harness returned
     * @param where    what was run, for the message
     * @throws AssertionError if the events differ
     */
    public void verify(EventDigest actual, int returned, String where) {
        if (returned != actual.count()) {
            throw new AssertionError(where + ": harness returned " + returned + " but delivered " + actual.count() + " events");
        }
        if (actual.count() != events) {
            throw new AssertionError(where + ": expected " + events + " events, got " + actual.count());
        }
        if (actual.hash() != digest) {
            throw new AssertionError(where + ": the " + events + " events differ from the expected ones in type, data or ID");
        }
    }

    @Override
    public String toString() {
        return name + " (" + bytes.length + " bytes, " + events + " events)";
    }
}
