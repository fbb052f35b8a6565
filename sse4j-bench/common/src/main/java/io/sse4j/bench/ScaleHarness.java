package io.sse4j.bench;

import java.net.URI;

/**
 * Opens many concurrent event streams with one client library, asynchronously where the library
 * can, for the scale benchmark: the streams stay open and idle until closed.
 *
 * <p>A harness owns one client, shared by all its streams.
 */
public interface ScaleHarness extends AutoCloseable {

    /** What a stream reports back. Either method may run on any thread, at most once each. */
    interface Callbacks {

        /** The library reports the stream open: the response head has arrived and was accepted. */
        void opened();

        /**
         * The stream failed or ended, before or after it opened; not called when closed by the caller.
         *
         * @param error what the library reported
         */
        void failed(Throwable error);
    }

    /**
     * Starts opening a stream and returns at once, or as soon as the library lets it.
     *
     * @param uri       the idle event stream
     * @param callbacks told when the stream is open or has failed
     * @return closes the stream; idempotent
     * @throws Exception if the library refuses at once
     */
    AutoCloseable open(URI uri, Callbacks callbacks) throws Exception;

    /** Releases the client and its threads, as far as the library allows. */
    @Override
    void close();
}
