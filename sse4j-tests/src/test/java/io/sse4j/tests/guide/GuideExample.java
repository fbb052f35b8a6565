package io.sse4j.tests.guide;

import io.sse4j.ServerSentEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * What the guide's examples share, and the guide leaves to its reader: {@code handle(event)} and
 * the like stand for the reader's code. The examples (one a file, so that a file's imports are
 * the example's) extend it; a test reads what they handled and printed.
 */
public abstract class GuideExample {

    private final List<Object> handled = Collections.synchronizedList(new ArrayList<>());
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    /** Counted down by a listener example's terminal call. */
    final CountDownLatch ended = new CountDownLatch(1);
    /** Shown as {@code System.out}. */
    final PrintStream System_out = new PrintStream(out, true, StandardCharsets.UTF_8);
    /** Shown as {@code System.err}. */
    final PrintStream System_err = new PrintStream(err, true, StandardCharsets.UTF_8);

    void handle(ServerSentEvent event) {
        handled.add(event);
    }

    void handleJsonRpc(String message) {
        handled.add(message);
    }

    void resumeFrom(String lastEventId) {
        handled.add("resume from " + lastEventId);
    }

    /** What the example handed to {@code handle}, {@code handleJsonRpc} and {@code resumeFrom}, in order. */
    public List<Object> handled() {
        return handled;
    }

    /** What the example printed to {@code System.out}. */
    public String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** What the example printed to {@code System.err}. */
    public String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Counted down once the listener example heard its terminal call. */
    public CountDownLatch ended() {
        return ended;
    }
}
