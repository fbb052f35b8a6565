package io.sse4j.testkit;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/** One step of a {@link MockResponse}'s body script, played in order by the connection's writer. */
interface Step {

    /** Write these bytes (split per {@link MockResponse}'s chunking and framing). */
    final class Bytes implements Step {
        final byte[] bytes;

        Bytes(byte[] bytes) {
            this.bytes = bytes;
        }
    }

    /** Wait this long before the next step. */
    final class Pause implements Step {
        final Duration duration;

        Pause(Duration duration) {
            this.duration = duration;
        }
    }

    /** Wait until the test counts this latch down to zero. */
    final class Await implements Step {
        final CountDownLatch latch;

        Await(CountDownLatch latch) {
            this.latch = latch;
        }
    }

    /** Count this latch down: everything before has been written. */
    final class Signal implements Step {
        final CountDownLatch latch;

        Signal(CountDownLatch latch) {
            this.latch = latch;
        }
    }

    /** Write nothing more until the client or the server closes the connection. */
    enum Stall implements Step {
        INSTANCE
    }

    /** Close the connection abruptly, without ending the body. */
    enum Disconnect implements Step {
        INSTANCE
    }
}
