package io.sse4j.cli;

import io.sse4j.EventStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The curl-like options that make the request of {@code sse4j URL}. */
final class RequestOptions {

    @Option(names = {"-X", "--request"}, paramLabel = "METHOD",
            description = "The request method. Default: GET, or POST with --data.")
    String method;

    @Option(names = {"-H", "--header"}, paramLabel = "'NAME: VALUE'",
            description = "A request header; repeat for more. Accept: text/event-stream and "
                    + "Cache-Control: no-cache and Pragma: no-cache are sent unless given here.")
    List<String> headers = new ArrayList<>();

    @Option(names = {"-d", "--data"}, paramLabel = "DATA",
            description = "The request body: the text itself, @FILE for the bytes of a file, or @- for standard "
                    + "input. Sent again with every reconnect. No Content-Type is implied: give one with -H.")
    String data;

    /** Null when not given. Never zero: the option refuses it, where the client's builder would take it for no limit. */
    @Option(names = "--timeout", paramLabel = "DURATION", converter = Amount.PositiveDuration.class,
            description = "How long to wait to connect, and again for the response headers, on every "
                    + "connection. Default: 10 s to connect, the headers without limit.")
    Duration timeout;

    /**
     * The URL, checked: an absolute http or https URL with a host.
     *
     * @throws CliException with {@link ExitCode#BAD_URL} otherwise
     */
    static URI parseUrl(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new CliException(ExitCode.BAD_URL, "bad URL " + quote(text) + ": " + e.getReason()
                    + (e.getIndex() >= 0 ? " at index " + e.getIndex() : ""), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            String hint = uri.getScheme() == null || !text.contains("://") ? " (did you mean http://" + text.strip() + " ?)" : "";
            throw new CliException(ExitCode.BAD_URL, "bad URL " + quote(text) + ": not an http or https URL" + hint);
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new CliException(ExitCode.BAD_URL, "bad URL " + quote(text) + ": no host");
        }
        return uri;
    }

    /**
     * The client: {@link EventStream#newClientBuilder()}, with {@code --timeout} to connect, and
     * for a plain http URL TLS set up only if a redirect needs it ({@link DeferredTls}).
     */
    HttpClient client(URI uri) {
        HttpClient.Builder builder = EventStream.newClientBuilder();
        if (uri.getScheme().equalsIgnoreCase("http")) {
            builder.sslContext(DeferredTls.context()).sslParameters(DeferredTls.parameters());
        }
        if (timeout != null) {
            builder.connectTimeout(timeout);
        }
        return builder.build();
    }

    /**
     * The request, sent again on every connection.
     *
     * @param stdin read for {@code --data @-}
     */
    HttpRequest request(URI uri, InputStream stdin) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
        if (timeout != null) {
            builder.timeout(timeout);
        }
        for (String header : headers) {
            Header h = Header.parse(header);
            try {
                builder.header(h.name, h.value);
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCode.USAGE, "-H " + quote(header) + ": " + e.getMessage(), e);
            }
        }
        Optional<byte[]> body = body(stdin);
        String verb = method != null ? method : body.isPresent() ? "POST" : "GET";
        try {
            builder.method(verb, body.map(HttpRequest.BodyPublishers::ofByteArray)
                    .orElseGet(HttpRequest.BodyPublishers::noBody));
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, "-X " + quote(verb) + ": " + e.getMessage(), e);
        }
        return builder.build();
    }

    /** The body of {@code --data}, if any: read once, so that every reconnect sends the same bytes. */
    private Optional<byte[]> body(InputStream stdin) {
        if (data == null) {
            return Optional.empty();
        }
        if (data.equals("@-")) {
            try {
                return Optional.of(stdin.readAllBytes());
            } catch (IOException e) {
                throw Failures.ofFile(e, "read", "standard input");
            }
        }
        if (data.startsWith("@")) {
            Path file = Path.of(data.substring(1));
            try {
                return Optional.of(Files.readAllBytes(file));
            } catch (IOException e) {
                throw Failures.ofFile(e, "read", file);
            }
        }
        return Optional.of(data.getBytes(StandardCharsets.UTF_8));
    }

    static String quote(String text) {
        return "'" + text + "'";
    }

    /** A header as {@code -H} gives it: {@code Name: value}. */
    record Header(String name, String value) {

        static Header parse(String text) {
            int colon = text.indexOf(':');
            if (colon <= 0 || text.substring(0, colon).isBlank()) {
                throw new CliException(ExitCode.USAGE, "-H " + quote(text) + ": expected 'Name: value'");
            }
            return new Header(text.substring(0, colon).strip(), text.substring(colon + 1).strip());
        }
    }
}
