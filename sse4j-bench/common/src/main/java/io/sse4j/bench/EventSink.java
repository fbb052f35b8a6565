package io.sse4j.bench;

/**
 * Receives each event a parser under test dispatches, as that library reports it.
 *
 * <p>Every harness hands over the same three strings, so every library does comparable work:
 * the event type, the data and the event ID, each a {@code String}. A library that reports an
 * absent type or ID as {@code null} passes {@code null}; the sink decides what that means.
 */
@FunctionalInterface
public interface EventSink {

    /**
     * One dispatched event.
     *
     * @param type the event type, or {@code null} if the library reports none
     * @param data the data, lines joined with LF
     * @param id   the event ID (or last event ID), or {@code null} if the library reports none
     */
    void event(String type, String data, String id);
}
