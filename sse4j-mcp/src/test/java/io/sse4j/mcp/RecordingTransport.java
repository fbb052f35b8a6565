package io.sse4j.mcp;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * Wraps a transport and records every inbound message in the order the transport hands them to
 * the SDK. (The SDK's client then runs its notification consumers on Reactor's
 * {@code boundedElastic} scheduler, so their order is the SDK's, not the transport's.)
 */
final class RecordingTransport implements McpClientTransport {

    private final McpClientTransport delegate;
    final List<JSONRPCMessage> inbound = new CopyOnWriteArrayList<>();

    RecordingTransport(McpClientTransport delegate) {
        this.delegate = delegate;
    }

    /** The {@code data} of each {@code notifications/message} received, in transport order. */
    List<String> logData() {
        return inbound.stream()
                .filter(m -> m instanceof McpSchema.JSONRPCNotification n && McpSchema.METHOD_NOTIFICATION_MESSAGE.equals(n.method()))
                .map(m -> String.valueOf(((java.util.Map<?, ?>) ((McpSchema.JSONRPCNotification) m).params()).get("data")))
                .collect(java.util.stream.Collectors.toList());
    }

    @Override
    public Mono<Void> connect(Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler) {
        return delegate.connect(mono -> handler.apply(mono.doOnNext(inbound::add)));
    }

    @Override
    public void setExceptionHandler(Consumer<Throwable> handler) {
        delegate.setExceptionHandler(handler);
    }

    @Override
    public Mono<Void> closeGracefully() {
        return delegate.closeGracefully();
    }

    @Override
    public Mono<Void> sendMessage(JSONRPCMessage message) {
        return delegate.sendMessage(message);
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
        return delegate.unmarshalFrom(data, typeRef);
    }

    @Override
    public List<String> protocolVersions() {
        return delegate.protocolVersions();
    }
}
