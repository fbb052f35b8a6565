package io.sse4j.kafka.connect;

import java.util.HashSet;
import java.util.Set;

/**
 * Where a task may end a transaction when it defines the boundaries itself
 * ({@code transaction.boundary=connector}): only where every stream of the task can resume
 * without repeating anything.
 *
 * <p>The source offset of a stream is its last event ID, and a server resumes after the event that
 * carried it. Events that follow it without an ID of their own share that offset: committed with
 * it, they would come again after a crash. So a stream is <em>between IDs</em> from such an event
 * until the next event that carries a new ID, and the transaction may only end after a record at
 * which no stream of the task is between IDs. Events without any last event ID have no offset to
 * resume from and never hold a transaction open.
 *
 * <p>A stream that stays between IDs would keep a transaction open until the broker aborts it, so
 * after {@code maxOpenMillis} the transaction ends anyway; the task logs which streams may then
 * repeat events after a crash. Used by the polling thread only.
 */
final class IdBoundaries {

    private final long maxOpenMillis;
    private final Set<StreamReader> betweenIds = new HashSet<>();
    /** When the open transaction took its first record, or -1 when none is open. */
    private long openSince = -1;

    IdBoundaries(long maxOpenMillis) {
        this.maxOpenMillis = maxOpenMillis;
    }

    /**
     * A record for an event of {@code stream} goes into the transaction.
     *
     * @param previousId the stream's last event ID before this event
     * @param id         this event's last event ID
     * @param now        the time, in milliseconds
     * @return whether the transaction may end after this record
     */
    boolean add(StreamReader stream, String previousId, String id, long now) {
        if (openSince < 0) {
            openSince = now;
        }
        if (id.isEmpty() || !id.equals(previousId)) {
            betweenIds.remove(stream);
        } else {
            betweenIds.add(stream);
        }
        return betweenIds.isEmpty();
    }

    /** A stream ended: nothing more comes from it in this run, so it holds nothing open. */
    void ended(StreamReader stream) {
        betweenIds.remove(stream);
    }

    /** The transaction was ended after the last record added; {@code restOpen} says if records follow it. */
    void committed(boolean restOpen, long now) {
        openSince = restOpen ? now : -1;
    }

    /** Whether the open transaction has waited too long for a boundary. */
    boolean overdue(long now) {
        return openSince >= 0 && now - openSince >= maxOpenMillis;
    }

    /** Forgets the streams between IDs: the transaction ended anyway. Returns them, for the log. */
    Set<StreamReader> forceCommitted() {
        Set<StreamReader> streams = Set.copyOf(betweenIds);
        betweenIds.clear();
        openSince = -1;
        return streams;
    }
}
