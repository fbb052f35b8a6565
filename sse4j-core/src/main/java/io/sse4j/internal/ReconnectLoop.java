package io.sse4j.internal;

import io.sse4j.RetryPolicy;
import io.sse4j.SseOptions;
import io.sse4j.SseTransport;
import java.io.EOFException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The reconnect loop of a source: one {@link ConnectionAttempt} at a time, and the wait between
 * them, until the server says stop, a failure is final, or it is closed. All connections feed one
 * {@link EventBuffer}.
 *
 * <pre>
 *             start
 *               │
 *               ▼        timer fired                       head is an event stream
 *           WAITING ───────────────────▶ SENDING ──────────────────────────────▶ STREAMING
 *             ▲  ▲                          │                                        │
 *             │  └──── outcome: retry ──────┘                                        │
 *             └─────────────────────────── outcome: retry ─────────────────────────────┘
 *
 *   every phase ── close() · a final outcome · the policy gives up · anything throws ──▶ CLOSED
 *   every phase but CLOSED ── restart() ──▶ SENDING (the attempt in flight or the wait dropped)
 * </pre>
 *
 * <p>WAITING covers asking the {@link RetryPolicy} and the timer it sets. Every change of phase
 * and of the fields below happens in {@link #transition}, under one lock, which computes what to
 * do and returns it as effects; they run after the lock is released, because each calls out (the
 * transport, the request hook, the policy, the consumer). Only the timer is set under the lock
 * ({@code Scheduler.schedule} must not block), so that close() always finds it. An effect that throws is
 * itself a signal: the loop ends with what was thrown, once. A signal about an attempt or a wait
 * that is no longer current is ignored, so a late outcome, timer or decision cannot undo
 * {@code close()}, which wins in every phase: the attempt in flight is aborted, also one whose
 * request has not been handed to the transport yet.
 */
public final class ReconnectLoop {

    /** The phase of the loop. */
    public enum Phase {
        /** Between attempts: deciding on the next, or waiting for its time. */
        WAITING,
        /** An attempt is in flight, with no response yet. */
        SENDING,
        /** The attempt's event stream is open. */
        STREAMING,
        /** Closed by the client, stopped by the server (204), or failed for good. Final. */
        CLOSED
    }

    /** What the loop is made of. */
    public record Settings(SseTransport transport, SseOptions options, RetryPolicy policy, Duration idleTimeout,
            Timer timer, Duration initialReconnectionTime, String logger, Rules rules) {
    }

    /**
     * When the loop may send a request again at all, before the policy is asked how long to wait.
     *
     * @param retryFirstConnection whether a first connection that cannot be made or is refused is
     *                             retried (else it ends the loop at once, where the user waits)
     * @param resendNonIdempotent  whether a request that is not idempotent is sent again from the
     *                             start, with no last event ID to resume from
     * @param reopenAfterCleanEnd  whether a stream that ended cleanly is opened again from the
     *                             start, with no last event ID to resume from
     */
    public record Rules(boolean retryFirstConnection, boolean resendNonIdempotent, boolean reopenAfterCleanEnd) {
    }

    /** The server ended the stream cleanly: a reason to reconnect (§9.2.3), not a failure. */
    static final class CleanEnd extends EOFException {
        private static final long serialVersionUID = 1L;

        CleanEnd() {
            super("the server ended the stream");
        }
    }

    private sealed interface Signal {
    }

    private record Fired(long round) implements Signal {
    }

    private record Arm(long round, Duration delay) implements Signal {
    }

    private record Opened(ConnectionAttempt attempt) implements Signal {
    }

    private record Finished(ConnectionAttempt attempt, Outcome outcome) implements Signal {
    }

    private record Decided(long round, Optional<Duration> delay, Throwable cause, int failures) implements Signal {
    }

    private record Threw(Throwable error) implements Signal {
    }

    private record Close() implements Signal {
    }

    private record Restart() implements Signal {
    }

    private final Settings settings;
    private final System.Logger log;
    private final EventBuffer buffer;
    private final ConnectionAttempt.Counters counters =
            new ConnectionAttempt.Counters(new AtomicLong(), new AtomicLong());
    private final AtomicLong reconnects = new AtomicLong();

    private final ReentrantLock lock = new ReentrantLock();
    // Guarded by lock, and changed only in transition().
    private Phase phase = Phase.WAITING;
    private ConnectionAttempt current;
    private Future<?> timer;
    /** Numbers the waits: a timer or a decision for an earlier wait is ignored. */
    private long round;
    private int attempts;
    private int failuresInARow;
    private Instant firstFailure;
    private Throwable lastFailure;
    private boolean everOpened;
    /** restart() aborted the current attempt: its outcome starts the next attempt at once. */
    private boolean restarting;
    private LastEventIds ids;
    private Duration reconnectionTime;
    // Copies for lock-free reading.
    private volatile Phase published = Phase.WAITING;
    private volatile String publishedId;
    private volatile int publishedAttempts;
    private volatile Throwable publishedFailure;
    /** Completes once an event stream opened, or with how the loop ended before one did. */
    private final CompletableFuture<Void> firstOpen = new CompletableFuture<>();

    public ReconnectLoop(Settings settings, EventBuffer buffer, String lastEventId) {
        this.settings = settings;
        this.log = System.getLogger(settings.logger());
        this.buffer = buffer;
        this.ids = LastEventIds.startingAt(lastEventId);
        this.publishedId = lastEventId;
        this.reconnectionTime = settings.initialReconnectionTime();
    }

    /** Makes the first attempt. */
    public void start() {
        signal(new Fired(0));
    }

    /** Closes the loop: aborts the attempt in flight, cancels the wait. Idempotent, from any thread. */
    public void close() {
        signal(new Close());
    }

    /** Drops the attempt in flight or the wait, and makes a new attempt now; nothing when closed. */
    public void restart() {
        signal(new Restart());
    }

    /** Completes once a connection opened, or fails with what ended the loop before (clean: completes). */
    public CompletableFuture<Void> firstOpen() {
        return firstOpen;
    }

    public Phase phase() {
        return published;
    }

    /** Why the last attempt failed, if the loop has retried since it last streamed; null if none. */
    public Throwable lastFailure() {
        return publishedFailure;
    }

    /** The last event ID as received: where the next attempt resumes. */
    public String lastEventId() {
        return publishedId;
    }

    public int attempts() {
        return publishedAttempts;
    }

    public long events() {
        return counters.events().get();
    }

    public long bytes() {
        return counters.bytes().get();
    }

    public long reconnects() {
        return reconnects.get();
    }

    // ---- the one place where state changes ----

    private void signal(Signal signal) {
        List<Runnable> effects;
        lock.lock();
        try {
            effects = transition(signal);
            published = phase;
            publishedId = ids.received();
            publishedAttempts = attempts;
            publishedFailure = lastFailure;
        } finally {
            lock.unlock();
        }
        for (Runnable effect : effects) {
            try {
                effect.run();
            } catch (Throwable t) {
                signal(new Threw(t));
            }
        }
    }

    /** Under the lock: the new phase and fields for {@code signal}, and what to do about it. */
    private List<Runnable> transition(Signal signal) {
        List<Runnable> effects = new ArrayList<>(2);
        if (phase == Phase.CLOSED) {
            return effects;
        }
        if (signal instanceof Fired) {
            if (phase == Phase.WAITING && ((Fired) signal).round() == round) {
                timer = null;
                attempts++;
                phase = Phase.SENDING;
                current = newAttempt(effects);
            }
        } else if (signal instanceof Arm) {
            Arm a = (Arm) signal;
            if (phase == Phase.WAITING && a.round() == round && timer == null) {
                // Set under the lock (Scheduler.schedule must not block), so close() always finds it.
                long thisRound = round;
                timer = settings.timer().schedule(() -> signal(new Fired(thisRound)), a.delay());
            }
        } else if (signal instanceof Opened) {
            if (phase == Phase.SENDING && ((Opened) signal).attempt() == current) {
                phase = Phase.STREAMING;
                everOpened = true;
                effects.add(() -> firstOpen.complete(null));
            }
        } else if (signal instanceof Finished) {
            Finished f = (Finished) signal;
            if (f.attempt() == current) {
                current = null;
                finished(f.outcome(), effects);
            }
        } else if (signal instanceof Decided) {
            Decided d = (Decided) signal;
            if (phase == Phase.WAITING && d.round() == round) {
                decided(d, effects);
            }
        } else if (signal instanceof Threw) {
            close(effects);
            Throwable error = ((Threw) signal).error();
            effects.add(() -> end(error));
        } else if (signal instanceof Close) {
            close(effects);
            effects.add(() -> firstOpen.complete(null));
        } else if (signal instanceof Restart) {
            if (current != null) {
                // Its outcome, once the abort has ended it, says where to resume from; then on at once.
                restarting = true;
                effects.add(current::abort);
            } else if (phase == Phase.WAITING) {
                Future<?> task = timer;
                if (task != null) {
                    effects.add(() -> task.cancel(false));
                }
                timer = null;
                round++;
                attempts++;
                phase = Phase.SENDING;
                current = newAttempt(effects);
            }
        }
        return effects;
    }

    private ConnectionAttempt newAttempt(List<Runnable> effects) {
        LastEventIds from = ids;
        SseTransport.Attempt info = new SseTransport.Attempt(attempts, from.received(), Optional.ofNullable(lastFailure));
        ConnectionAttempt attempt = new ConnectionAttempt(settings.transport(), info, RequestHeaders.of(from.toSend()),
                settings.options(), buffer, from, settings.timer(), settings.idleTimeout(), counters);
        effects.add(() -> {
            if (from.substituted()) {
                log.log(System.Logger.Level.WARNING, "the last event ID cannot be sent as a header (it is not printable"
                        + " ASCII); resuming from the last one that can, \"" + from.toSend()
                        + "\", so some events may come again");
            }
            attempt.opened().thenRun(() -> signal(new Opened(attempt)));
            attempt.outcome().whenComplete((outcome, error) -> signal(
                    outcome != null ? new Finished(attempt, outcome) : new Threw(error)));
            attempt.start();
        });
        return attempt;
    }

    /** An attempt ended: resume where it left off, then stop, fail, or wait and retry. */
    private void finished(Outcome outcome, List<Runnable> effects) {
        Outcome.Progress progress = outcome.progress();
        ids = progress.ids();
        progress.reconnectionTime().ifPresent(time -> reconnectionTime = time);
        if (progress.delivered()) {
            failuresInARow = 0;
        }
        if (restarting && !(outcome instanceof Outcome.Fatal)) {
            restarting = false;
            round++;
            attempts++;
            phase = Phase.SENDING;
            current = newAttempt(effects);
            return;
        }
        restarting = false;
        Throwable cause;
        Optional<Duration> retryAfter = Optional.empty();
        if (outcome instanceof Outcome.NoContent) {
            phase = Phase.CLOSED;
            effects.add(() -> end(null)); // 204 is the spec's "stop reconnecting": a clean end.
            return;
        } else if (outcome instanceof Outcome.Fatal) {
            cause = ((Outcome.Fatal) outcome).cause();
        } else if (outcome instanceof Outcome.Refused) {
            Outcome.Refused refused = (Outcome.Refused) outcome;
            cause = refused.refusal();
            if (!refused.retryable()) {
                phase = Phase.CLOSED;
                effects.add(() -> end(cause));
                return;
            }
            retryAfter = refused.retryAfter();
        } else if (outcome instanceof Outcome.Ended) {
            cause = new CleanEnd();
        } else if (outcome instanceof Outcome.Broke) {
            cause = ((Outcome.Broke) outcome).cause();
        } else if (outcome instanceof Outcome.Idle) {
            cause = ((Outcome.Idle) outcome).cause();
        } else {
            cause = ((Outcome.Unreachable) outcome).cause();
        }
        Optional<Throwable> stop = outcome instanceof Outcome.Fatal ? Optional.of(cause) : mayNotRetry(outcome, cause);
        if (stop.isPresent()) {
            phase = Phase.CLOSED;
            Throwable error = stop.get() instanceof CleanEnd ? null : stop.get();
            effects.add(() -> end(error));
            return;
        }
        Instant now = settings.timer().now();
        if (failuresInARow++ == 0) {
            firstFailure = now;
        }
        lastFailure = cause;
        phase = Phase.WAITING;
        long thisRound = ++round;
        int failures = failuresInARow;
        RetryPolicy.Context context = new RetryPolicy.Context(failures, reconnectionTime, retryAfter, cause,
                Duration.between(firstFailure, now));
        effects.add(() -> {
            Optional<Duration> delay;
            try {
                delay = Objects.requireNonNull(settings.policy().delay(context), "RetryPolicy.delay returned null");
            } catch (Throwable t) {
                t.addSuppressed(cause);
                signal(new Threw(t));
                return;
            }
            signal(new Decided(thisRound, delay, cause, failures));
        });
    }

    /**
     * Under the lock: why the loop may not try again after {@code outcome}, whatever the policy
     * says (a {@link CleanEnd} for a clean end), or empty if it may. See the guide's reconnect table.
     */
    private Optional<Throwable> mayNotRetry(Outcome outcome, Throwable cause) {
        Rules rules = settings.rules();
        boolean resumable = !ids.toSend().isEmpty();
        if (!everOpened && !rules.retryFirstConnection()
                && (outcome instanceof Outcome.Unreachable || outcome instanceof Outcome.Refused)) {
            return Optional.of(cause); // The first connection fails where the caller waits for it.
        }
        if (!resumable && !outcome.progress().idempotent() && !rules.resendNonIdempotent()) {
            return Optional.of(cause); // A POST is never sent again from the start unasked.
        }
        if (!resumable && outcome instanceof Outcome.Ended && !rules.reopenAfterCleanEnd()) {
            return Optional.of(cause); // Nothing to resume from: reopening would only repeat the stream.
        }
        return Optional.empty();
    }

    /** The policy answered: stop, or tell the consumer and set the timer. */
    private void decided(Decided d, List<Runnable> effects) {
        if (d.delay().isEmpty()) {
            phase = Phase.CLOSED;
            // The server ended the stream and no reconnect is wanted: a clean end.
            Throwable error = d.cause() instanceof CleanEnd ? null : d.cause();
            effects.add(() -> end(error));
            return;
        }
        Duration delay = d.delay().get().isNegative() ? Duration.ZERO : d.delay().get();
        reconnects.incrementAndGet();
        long thisRound = round;
        effects.add(() -> {
            log.log(System.Logger.Level.DEBUG, () -> "reconnecting in " + delay.toMillis() + " ms (failure "
                    + d.failures() + " in a row): " + d.cause());
            // Queued before the timer is set, so it precedes the next connection's opening.
            buffer.add(new Item.Retrying(d.cause(), delay, d.failures()));
            signal(new Arm(thisRound, delay));
        });
    }

    /** Under the lock: to CLOSED, aborting the attempt in flight and cancelling the wait. */
    private void close(List<Runnable> effects) {
        phase = Phase.CLOSED;
        ConnectionAttempt attempt = current;
        Future<?> task = timer;
        current = null;
        timer = null;
        if (attempt != null) {
            effects.add(attempt::abort);
        }
        if (task != null) {
            effects.add(() -> task.cancel(false));
        }
    }

    /** Ends the consumer's sequence: cleanly when {@code error} is null. Reported once, by the consumer: logged at DEBUG only. */
    private void end(Throwable error) {
        if (error != null) {
            log.log(System.Logger.Level.DEBUG, () -> "the event source failed for good: " + error);
            firstOpen.completeExceptionally(error);
        } else {
            firstOpen.complete(null);
        }
        buffer.end(error);
    }

    @Override
    public String toString() {
        lock.lock();
        try {
            return phase + ", attempts=" + attempts + ", lastEventId=" + ids.received();
        } finally {
            lock.unlock();
        }
    }
}
