package io.sse4j.kafka.connect;

import io.sse4j.ServerSentEvent;
import io.sse4j.testkit.MockResponse;
import io.sse4j.testkit.RecordedRequest;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * An event stream whose IDs are numbers: each request gets the {@code perConnection} events
 * after the {@code Last-Event-ID} it sent (from 1 without one), and then a connection that stays
 * open. It records what each request sent, so a test sees where the connector resumed.
 */
final class CountingStream implements Function<RecordedRequest, MockResponse> {

    private final int perConnection;
    private final BlockingQueue<String> sentIds = new LinkedBlockingQueue<>();

    CountingStream(int perConnection) {
        this.perConnection = perConnection;
    }

    @Override
    public MockResponse apply(RecordedRequest request) {
        String last = request.lastEventId();
        sentIds.add(last);
        long after = last.isEmpty() ? 0 : Long.parseLong(last);
        MockResponse.Builder response = MockResponse.newBuilder();
        for (long id = after + 1; id <= after + perConnection; id++) {
            response.event(ServerSentEvent.of("message", "event " + id, String.valueOf(id)));
        }
        return response.stall().build();
    }

    /** The {@code Last-Event-ID} of the next request not yet taken ({@code ""} for none); fails after {@code timeout}. */
    String nextRequestId(Duration timeout) throws InterruptedException {
        String id = sentIds.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (id == null) {
            throw new AssertionError("no request came within " + timeout);
        }
        return id;
    }
}
