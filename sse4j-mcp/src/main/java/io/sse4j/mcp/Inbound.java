package io.sse4j.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpTransportException;
import io.sse4j.ServerSentEvent;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * Where inbound JSON-RPC text goes: parsed with the transport's mapper and handed to the handler
 * the SDK registered with {@code connect}; failures go to the SDK's exception handler.
 */
final class Inbound {

    private static final System.Logger LOG = System.getLogger(Inbound.class.getName());

    private final McpJsonMapper mapper;
    private final AtomicReference<Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>>> handler = new AtomicReference<>();
    private final AtomicReference<Consumer<Throwable>> exceptionHandler = new AtomicReference<>();

    Inbound(McpJsonMapper mapper) {
        this.mapper = mapper;
    }

    McpJsonMapper mapper() {
        return mapper;
    }

    void handler(Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler) {
        this.handler.set(handler);
    }

    void exceptionHandler(Consumer<Throwable> exceptionHandler) {
        this.exceptionHandler.set(exceptionHandler);
    }

    /**
     * The message an event of an MCP stream carries: its data, if it is a {@code message} event
     * (WHATWG §9.2.6: an event without {@code event:} is one; MCP sends nothing else, and any
     * other type is passed over without ending the stream). See {@link #parse}.
     */
    Optional<JSONRPCMessage> message(ServerSentEvent event) {
        return event.type().equals("message") ? parse(event.data()) : Optional.empty();
    }

    /**
     * The message in an event's data, or empty for data that is blank: a priming event, which
     * only sets the last event ID and the reconnection time (SEP-1699).
     */
    Optional<JSONRPCMessage> parse(String data) {
        if (data.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(McpSchema.deserializeJsonRpcMessage(mapper, data));
        } catch (IOException | IllegalArgumentException e) {
            report(new McpTransportException("not a JSON-RPC message: " + abbreviate(data), e));
            return Optional.empty();
        }
    }

    /** Hands one message to the SDK; what its handling fails with goes to the exception handler. */
    void deliver(JSONRPCMessage message) {
        Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> h = handler.get();
        if (h == null) {
            LOG.log(System.Logger.Level.WARNING, "message dropped: connect(handler) was not called");
            return;
        }
        h.apply(Mono.just(message)).subscribe(ignored -> {
        }, this::report);
    }

    void report(Throwable error) {
        Consumer<Throwable> h = exceptionHandler.get();
        LOG.log(System.Logger.Level.DEBUG, "transport error", error);
        if (h != null) {
            h.accept(error);
        } else {
            LOG.log(System.Logger.Level.WARNING, "MCP transport error: " + error);
        }
    }

    static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
