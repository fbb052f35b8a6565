package io.sse4j.cli;

/**
 * Ctrl-C, or a SIGTERM: the process's shutdown hook calls {@link #cancel()}, which runs what the
 * command in progress registered to end itself cleanly (closing the stream, stopping the server).
 * Thread-safe; the action runs once, on the thread that cancels, or at once on the thread that
 * registers it when the cancel came first.
 */
final class Cancellation {

    private Runnable action;
    private boolean cancelled;

    /** Registers what ends the command in progress; runs it now if already cancelled. */
    void onCancel(Runnable action) {
        synchronized (this) {
            if (!cancelled) {
                this.action = action;
                return;
            }
        }
        action.run();
    }

    /**
     * Cancels the command in progress.
     *
     * @return whether a command had registered an action, which has now run: then the command is
     *         ending and worth waiting for
     */
    boolean cancel() {
        Runnable run;
        synchronized (this) {
            if (cancelled) {
                return false;
            }
            cancelled = true;
            run = action;
        }
        if (run != null) {
            run.run();
        }
        return run != null;
    }

    synchronized boolean cancelled() {
        return cancelled;
    }
}
