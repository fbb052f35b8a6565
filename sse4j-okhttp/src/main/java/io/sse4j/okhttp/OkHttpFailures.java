package io.sse4j.okhttp;

import io.sse4j.SseOptions;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * Failures before a response, said in words that name what was attempted: the method and URL
 * (masked as {@link SseOptions#redact(java.net.URI)} does), the host and port, and the cause, as
 * sse4j says them for the JDK's client. OkHttp's own messages are often bare ("Failed to connect
 * to /127.0.0.1:1", "timeout"). Each is replaced by one of the same type, so that a caller's
 * {@code catch} still matches, with the original as its cause.
 */
final class OkHttpFailures {

    private OkHttpFailures() {
    }

    static Throwable naming(Throwable failure, Request request) {
        if (!(failure instanceof IOException)) {
            return failure; // Errors and bugs travel as themselves.
        }
        HttpUrl url = request.url();
        String attempt = request.method() + " " + SseOptions.defaults().redact(url.uri());
        String where = url.host() + ":" + url.port();
        String cause = failure.getMessage() == null ? "" : ": " + failure.getMessage();
        IOException named;
        if (failure instanceof UnknownHostException) {
            named = new UnknownHostException(attempt + ": unknown host " + url.host());
        } else if (failure instanceof ConnectException) {
            named = new ConnectException(attempt + ": cannot connect to " + where
                    + (failure.getMessage() == null ? ": connection refused" : cause));
        } else if (failure instanceof SocketTimeoutException) {
            // OkHttp's connect, read and write timeouts all end here; its message tells which.
            named = new SocketTimeoutException(attempt + ": no response from " + where
                    + " within the client's timeouts" + cause);
        } else if (failure instanceof InterruptedIOException) {
            // OkHttp's call timeout, which bounds the whole call, body included.
            named = new InterruptedIOException(attempt + ": to " + where + cause
                    + " (the client's call timeout bounds the whole stream)");
        } else if (failure instanceof SSLPeerUnverifiedException) {
            named = new SSLPeerUnverifiedException(attempt + ": TLS peer of " + where + " not verified" + cause);
        } else if (failure instanceof SSLHandshakeException) {
            named = new SSLHandshakeException(attempt + ": TLS handshake with " + where + " failed" + cause);
        } else if (failure instanceof SSLException) {
            named = new SSLException(attempt + ": TLS with " + where + " failed" + cause);
        } else {
            named = new IOException(attempt + ": " + (failure.getMessage() == null
                    ? failure.getClass().getSimpleName() + " from " + where : "from " + where + cause));
        }
        named.initCause(failure);
        return named;
    }
}
