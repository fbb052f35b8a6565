package io.sse4j;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The one consumer of an {@link EventStream} or {@link EventSource}: blocking calls (any number,
 * from any thread), one {@code Flow.Subscriber}, or one listener.
 */
final class ConsumerClaim {

    enum Kind { NONE, BLOCKING, FLOW, LISTENER }

    private final String owner;
    private final AtomicReference<Kind> kind = new AtomicReference<>(Kind.NONE);

    /** @param owner how messages name the owner, e.g. "an EventStream" */
    ConsumerClaim(String owner) {
        this.owner = owner;
    }

    /** Makes the caller the one consumer, or throws if another kind already is. */
    void claim(Kind wanted) {
        if (kind.compareAndSet(Kind.NONE, wanted)) {
            return;
        }
        Kind current = kind.get();
        if (current != wanted || wanted != Kind.BLOCKING) {
            throw new IllegalStateException(owner + " has one consumer: it is already read "
                    + (current == Kind.BLOCKING ? "by blocking calls" : current == Kind.LISTENER
                    ? "by a listener" : "by a Flow.Subscriber"));
        }
    }

    @Override
    public String toString() {
        return kind.get().toString();
    }
}
