package io.sse4j.cli;

import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The file that {@code --dump-header FILE} writes, as curl's {@code -D} does: the head of every
 * response, connection after connection, each ended by a blank line and written as soon as it
 * arrives, for a script to read (a session header, a rate limit). Nothing is masked: the file is
 * what the server sent, as {@code --record}'s is. Heads arrive on the HTTP client's threads, one
 * at a time; a write that fails ends the dump, and {@link #failure()} tells.
 */
final class HeaderDump implements Closeable {

    private final Path path;
    private final Writer file;
    // Guarded by this.
    private IOException failure;

    private HeaderDump(Path path, Writer file) {
        this.path = path;
        this.file = file;
    }

    /** Creates (or empties) the file. */
    static HeaderDump create(Path path) {
        try {
            return new HeaderDump(path, Files.newBufferedWriter(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw Failures.ofFile(e, "write", path);
        }
    }

    Path path() {
        return path;
    }

    /** Writes a response's head and flushes it. */
    synchronized void write(HttpResponse.ResponseInfo response) {
        if (failure != null) {
            return;
        }
        try {
            file.write(EventPrinter.head(response.statusCode(), response.version(), response.headers(), false));
            file.flush();
        } catch (IOException e) {
            failure = e;
        }
    }

    /** The write that failed, if one did. */
    synchronized IOException failure() {
        return failure;
    }

    @Override
    public synchronized void close() throws IOException {
        file.close();
    }
}
