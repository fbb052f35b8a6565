package io.sse4j.bench.e2e;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A body subscriber for the JDK-only baselines: hands each buffer to a consumer on the JDK's
 * thread and requests one buffer list at a time, after the last one is handled, as sse4j does. Its
 * body is the result of {@code result} once the response has ended.
 *
 * @param <T> the body type
 */
final class BufferSubscriber<T> implements HttpResponse.BodySubscriber<T> {

    private final Consumer<ByteBuffer> each;
    private final Runnable afterList;
    private final Supplier<T> result;
    private final CompletableFuture<T> body = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;

    BufferSubscriber(Consumer<ByteBuffer> each, Supplier<T> result) {
        this(each, () -> { }, result);
    }

    /** The same, running {@code afterList} after each buffer list, before requesting the next. */
    BufferSubscriber(Consumer<ByteBuffer> each, Runnable afterList, Supplier<T> result) {
        this.each = each;
        this.afterList = afterList;
        this.result = result;
    }

    @Override
    public CompletionStage<T> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer buffer : buffers) {
            each.accept(buffer);
        }
        afterList.run();
        subscription.request(1);
    }

    @Override
    public void onError(Throwable throwable) {
        body.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        body.complete(result.get());
    }

    /** Stops the response, if it has started. */
    void cancel() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }
}
