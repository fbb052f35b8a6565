package io.sse4j.internal;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The one consumer of an {@code EventStream} or {@code EventSource}: blocking calls (any number,
 * from any thread), one {@code Flow.Subscriber}, or one listener.
 */
public final class ConsumerClaim {

    public enum Kind { NONE, BLOCKING, FLOW, LISTENER }

    private final String owner;
    private final AtomicReference<Kind> kind = new AtomicReference<>(Kind.NONE);

    /** @param owner how messages name the owner, e.g. "an EventStream" */
    public ConsumerClaim(String owner) {
        this.owner = owner;
    }

    /** Makes the caller the one consumer, or throws if another kind already is. */
    public void claim(Kind wanted) {
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
