package io.sse4j.bench.server;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Drives a {@link StormServer}, in this process or in one of its own ({@link StormServerProcess}).
 * Every call is bounded in time.
 */
public interface StormControl extends AutoCloseable {

    /**
     * The port the server listens on, also after a restart.
     *
     * @return the port
     */
    int port();

    /**
     * Publishes {@code events} more events to every stream, and sends them to every open one.
     *
     * @param events how many
     * @return the events published to each stream so far
     * @throws Exception if the server cannot be reached
     */
    int publish(int events) throws Exception;

    /**
     * Resets every connection, stops listening for {@code outage}, publishes
     * {@code publishWhileDown} events meanwhile, and listens again on the same port; returns once
     * it listens. Requests from then on are the reconnects that {@link #stats()} describes.
     *
     * @param outage           how long nothing listens
     * @param publishWhileDown events published while down, for the reconnects to catch up on
     * @throws Exception if the server cannot be reached or cannot listen again
     */
    void restart(Duration outage, int publishWhileDown) throws Exception;

    /**
     * Waits until exactly {@code count} connections are open, and all are streaming.
     *
     * @param count   the number of streams
     * @param timeout how long to wait at most
     * @throws TimeoutException if the count is not reached in time
     * @throws Exception        if the server cannot be reached
     */
    void awaitStreams(int count, Duration timeout) throws Exception;

    /**
     * What the server saw, the reconnects since the last restart in particular.
     *
     * @return the stats
     * @throws Exception if the server cannot be reached
     */
    StormServer.Stats stats() throws Exception;

    /** Stops the server. */
    @Override
    void close();
}
