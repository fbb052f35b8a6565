package io.sse4j.internal;

import io.sse4j.SseTransport;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A transport decorated with a {@link SseTransport.Tap}: each response's body bytes are shown to
 * the tap's {@link SseTransport.BodyTap}, in the same call and before the reader sees them, and
 * the body tap hears once when the body ends, fails or is aborted.
 */
public final class TappedTransport implements SseTransport {

    private final SseTransport transport;
    private final Tap tap;

    public TappedTransport(SseTransport transport, Tap tap) {
        this.transport = transport;
        this.tap = tap;
    }

    @Override
    public Exchange open(Attempt attempt, Map<String, String> headers, Receiver receiver) {
        Tee tee = new Tee(receiver);
        Exchange exchange = transport.open(attempt, headers, tee);
        return new Exchange() {
            @Override
            public void request() {
                exchange.request();
            }

            @Override
            public void abort() {
                tee.end();
                exchange.abort();
            }

            @Override
            public boolean idempotent() {
                return exchange.idempotent();
            }

            @Override
            public boolean readsOnCaller() {
                return exchange.readsOnCaller();
            }

            @Override
            public void readHere() {
                exchange.readHere();
            }
        };
    }

    /** Passes every call on to the receiver, showing the body tap the bytes first. */
    private final class Tee implements Receiver {
        private final Receiver receiver;
        private volatile BodyTap body;
        private volatile boolean ended;

        Tee(Receiver receiver) {
            this.receiver = receiver;
        }

        @Override
        public void onResponse(HttpResponse.ResponseInfo response, URI uri) {
            Optional<BodyTap> chosen = tap.onResponse(response, uri);
            body = chosen.orElse(null);
            receiver.onResponse(response, uri);
        }

        @Override
        public void onBody(List<ByteBuffer> chunk) {
            BodyTap b = body;
            if (b != null && !ended) {
                for (ByteBuffer buffer : chunk) {
                    b.received(buffer.asReadOnlyBuffer());
                }
            }
            receiver.onBody(chunk);
        }

        @Override
        public void onComplete() {
            end();
            receiver.onComplete();
        }

        @Override
        public void onError(Throwable error) {
            end();
            receiver.onError(error);
        }

        synchronized void end() {
            BodyTap b = body;
            if (!ended) {
                ended = true;
                if (b != null) {
                    b.ended();
                }
            }
        }
    }
}
