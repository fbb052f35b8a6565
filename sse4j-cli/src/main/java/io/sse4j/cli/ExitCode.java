package io.sse4j.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exit status of the {@code sse4j} command, one per kind of outcome. The help lists each
 * code with its {@link #meaning()}, and docs/cli.md's table has the same words (with Markdown
 * backticks); DocsTest fails when either drifts from this enum.
 */
enum ExitCode {
    OK(0, "success: the server said stop (204), --max-events was reached, the server ended the stream"
            + " and no reconnect was left (--no-reconnect, --max-retries used up, no last event ID to resume from),"
            + " the answer was a 2xx that is not an event stream (printed whole: JSON, an empty 202 Accepted),"
            + " or the input was parsed;"
            + " also when whoever reads the output has gone (sse4j URL | head -3)"),
    ERROR(1, "any other error"),
    USAGE(2, "bad arguments: an unknown option, a bad value, a missing argument"),
    BAD_URL(3, "the URL is not an absolute http or https URL"),
    LOCAL_IO(4, "a local file cannot be read or written, or the port to serve on cannot be bound"),
    CONNECT(5, "cannot connect: connection refused, unknown host, no route, TLS handshake failed"),
    TIMEOUT(6, "timed out: connecting or waiting for the headers (--timeout), or idle (--idle-timeout)"
            + " and not resumed"),
    HTTP_STATUS(7, "the server answered with an error status (404, 401, ... or 5xx once retries are used up)"),
    // The first answer like that is the reply to print (OK); after a stream, it cannot resume one.
    NOT_EVENT_STREAM(8, "a reconnection was answered 2xx, but not with Content-Type: text/event-stream"),
    INVALID_STREAM(9, "the stream or a reply crossed a limit (--max-line-length, --max-event-size) or cannot be"
            + " decoded"),
    // Only a broken stream: a clean end with no reconnect left is OK (EventSource reports it as closed).
    STREAM_LOST(10, "the stream broke mid-stream and was not resumed (--no-reconnect, or --max-retries used up),"
            + " or a reply broke before its end"),
    INTERRUPTED(130, "interrupted by Ctrl-C (SIGINT): the stream was closed cleanly"),
    TERMINATED(143, "terminated by SIGTERM: the stream was closed cleanly");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    int code() {
        return code;
    }

    String meaning() {
        return meaning;
    }

    /** The help's exit status section: each code, right-aligned, and its meaning. */
    static Map<String, String> helpList() {
        Map<String, String> list = new LinkedHashMap<>();
        for (ExitCode exit : values()) {
            list.put(String.format("%3d", exit.code), exit.meaning);
        }
        return list;
    }
}
