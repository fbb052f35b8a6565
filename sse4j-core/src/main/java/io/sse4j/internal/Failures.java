package io.sse4j.internal;

import io.sse4j.SseOptions;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Failures to connect, said in words that name what was attempted: the method and URL, the host
 * and port the connection went to, and the cause. The JDK's own exceptions often carry no message
 * at all (a refused connection is a bare {@code ConnectException}). Each is replaced by one of the
 * same type, so that a caller's {@code catch} still matches, with the original as its cause.
 */
public final class Failures {

    private Failures() {
    }

    /** {@code failure}, of the same type where it can be, with a message naming {@code method} {@code uri}. */
    static Throwable naming(Throwable failure, String method, URI uri) {
        if (!(failure instanceof IOException)) {
            return failure; // Errors and bugs travel as themselves.
        }
        String attempt = method + " " + SseOptions.defaults().redact(uri);
        String where = hostAndPort(uri);
        String cause = failure.getMessage() == null ? "" : ": " + failure.getMessage();
        IOException named;
        if (failure instanceof HttpConnectTimeoutException) {
            named = new HttpConnectTimeoutException(attempt + ": no connection to " + where
                    + " within the client's connect timeout");
        } else if (failure instanceof HttpTimeoutException) {
            named = new HttpTimeoutException(attempt + ": no response from " + where + " within the request's timeout");
        } else if (unknownHost(failure)) {
            named = new UnknownHostException(attempt + ": unknown host " + uri.getHost());
        } else if (failure instanceof ConnectException) {
            named = new ConnectException(attempt + ": cannot connect to " + where
                    + (failure.getMessage() == null ? ": connection refused" : cause));
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

    /** {@code host:port}, with the scheme's default port when the URI has none. */
    static String hostAndPort(URI uri) {
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return uri.getHost() + ":" + port;
    }

    private static boolean unknownHost(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }
}
