package io.sse4j.cli;

import io.sse4j.BrokenStreamException;
import io.sse4j.SseResponseException;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.zip.ZipException;
import javax.net.ssl.SSLException;

/** Turns what went wrong into one line for the user and the exit code of its kind. */
final class Failures {

    private Failures() {
    }

    /** A failure of the stream at {@code uri}: connecting, the response, or reading it. */
    static CliException ofStream(Throwable error, URI uri) {
        Throwable e = error instanceof UncheckedIOException && error.getCause() != null ? error.getCause() : error;
        if (e instanceof CliException cli) {
            return cli;
        }
        String where = uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        if (e instanceof SseResponseException refused) {
            int status = refused.statusCode();
            boolean success = status >= 200 && status <= 299;
            return new CliException(success ? ExitCode.NOT_EVENT_STREAM : ExitCode.HTTP_STATUS, oneLine(e.getMessage()), e);
        }
        // sse4j names what it attempted (method, URL, and the host and port after redirects): say that.
        String named = e.getMessage() == null ? null : oneLine(e.getMessage());
        if (e instanceof HttpConnectTimeoutException) {
            return new CliException(ExitCode.TIMEOUT, (named != null ? named : "cannot connect to " + where + ": timed out")
                    + " (--timeout)", e);
        }
        if (e instanceof HttpTimeoutException) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            return new CliException(ExitCode.TIMEOUT, message.contains("idle timeout")
                    ? oneLine(message) + " (--idle-timeout)"
                    : "no response headers from " + uri + " in time (--timeout)", e);
        }
        if (e instanceof ProtocolException || e instanceof ZipException) {
            return invalidStream(uri.toString(), e);
        }
        if (e instanceof BrokenStreamException) {
            return new CliException(ExitCode.STREAM_LOST, oneLine(e.getMessage()), e);
        }
        if (e instanceof EOFException) {
            return new CliException(ExitCode.STREAM_LOST, "the server ended the stream", e);
        }
        if (causedBy(e, UnresolvedAddressException.class) || causedBy(e, UnknownHostException.class)) {
            return new CliException(ExitCode.CONNECT, named != null ? named : "cannot connect to " + where + ": unknown host", e);
        }
        if (causedBy(e, NoRouteToHostException.class)) {
            return new CliException(ExitCode.CONNECT, "cannot connect to " + where + ": no route to host", e);
        }
        if (causedBy(e, ConnectException.class)) {
            return new CliException(ExitCode.CONNECT, named != null ? named : "cannot connect to " + where + ": connection refused", e);
        }
        if (causedBy(e, SSLException.class)) {
            return new CliException(ExitCode.CONNECT, named != null ? named : "TLS with " + where + " failed: " + oneLine(message(e)), e);
        }
        if (e instanceof IOException) {
            return new CliException(ExitCode.ERROR, "request to " + uri + " failed: " + oneLine(message(e)), e);
        }
        return unexpected(e);
    }

    /** A stream over a limit, or one that cannot be decoded. */
    static CliException invalidStream(String source, Throwable e) {
        return new CliException(ExitCode.INVALID_STREAM, source + ": " + limitHint(oneLine(message(e))), e);
    }

    /** A bug, or something nobody planned for. */
    static CliException unexpected(Throwable e) {
        return new CliException(ExitCode.ERROR, "unexpected " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + oneLine(e.getMessage())) + " (--verbose shows where)", e);
    }

    /** A file that cannot be read or written. */
    static CliException ofFile(IOException e, String verb, Object file) {
        return new CliException(ExitCode.LOCAL_IO, "cannot " + verb + " " + file + ": " + reason(e), e);
    }

    /** Why a file operation failed, in a few words. */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "it exists";
        }
        return oneLine(message(e));
    }

    /** The first message along the chain of causes. */
    static String message(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return e.getClass().getSimpleName();
    }

    static String oneLine(String text) {
        String line = text.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    private static String limitHint(String message) {
        if (message.contains("maxEventSize")) {
            return message.replace("(see SseLimits)", "(--max-event-size)");
        }
        if (message.contains("maxLineLength")) {
            return message.replace("(see SseLimits)", "(--max-line-length)");
        }
        return message;
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
