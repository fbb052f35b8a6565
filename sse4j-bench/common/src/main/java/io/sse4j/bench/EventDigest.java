package io.sse4j.bench;

/**
 * Counts events and folds them into an order-sensitive hash, so two libraries can be shown to
 * deliver the same events from the same bytes without keeping the events.
 *
 * <p>Absence is normalised the way the spec defines it: a {@code null} or empty type counts as
 * {@code "message"} and a {@code null} ID as {@code ""}. Libraries differ only in how they report
 * those, not in what they mean.
 */
public final class EventDigest implements EventSink {

    private static final long PRIME = 0x100000001b3L;

    private int count;
    private long hash = 0xcbf29ce484222325L;

    @Override
    public void event(String type, String data, String id) {
        count++;
        mix(type == null || type.isEmpty() ? "message" : type);
        mix(data);
        mix(id == null ? "" : id);
    }

    private void mix(String s) {
        hash = (hash ^ s.length()) * PRIME;
        hash = (hash ^ s.hashCode()) * PRIME;
    }

    /**
     * Events seen so far.
     *
     * @return the count
     */
    public int count() {
        return count;
    }

    /**
     * The hash of the events seen so far, in order.
     *
     * @return the hash
     */
    public long hash() {
        return hash;
    }
}
