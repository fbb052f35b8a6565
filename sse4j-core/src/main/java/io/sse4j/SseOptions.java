package io.sse4j;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Settings for reading one event stream over HTTP: parsing limits, and what is kept of a response
 * that is not an event stream. Immutable; start from {@link #defaults()} and adjust with the
 * {@code with…} methods. One options object serves every way of opening a stream
 * ({@link EventStream#connect(java.net.http.HttpClient, java.net.http.HttpRequest, SseOptions)},
 * {@link EventStream#connectAsync(java.net.http.HttpClient, java.net.http.HttpRequest, SseOptions)},
 * {@link SseBodyHandlers#ofEvents(SseOptions)}), so new settings arrive here rather than as new
 * overloads.
 *
 * <h2>Memory</h2>
 * A stream holds at most about 256 parsed events or a million
 * characters of data that its consumer has not taken yet, plus the parser's working buffers: one
 * line of up to {@link SseLimits#maxLineLength()} bytes and one event's data of up to
 * {@link SseLimits#maxEventSize()} bytes, and that data decoded as a {@code String} (one byte a
 * character for Latin-1 text, two otherwise). With the defaults (16 MiB each) a single stream
 * that sends events at the limit may need about 3 × 16 MiB of heap while it decodes one, 4 × for
 * text outside Latin-1. Lower the limits where many streams share a small heap; a stream crossing
 * one fails with a {@link java.net.ProtocolException} that names it, after the events before it.
 */
public final class SseOptions {

    /** Default {@linkplain #errorBodyWait() wait for a refused response's body}: 500 ms. */
    public static final Duration DEFAULT_ERROR_BODY_WAIT = Duration.ofMillis(500);

    /** Default {@linkplain #maxBodySize() largest body read by readBody}: {@value} bytes (16 MiB). */
    public static final int DEFAULT_MAX_BODY_SIZE = 16 * 1024 * 1024;

    /**
     * The request headers that always count as credentials: {@code Authorization},
     * {@code Cookie} and {@code Proxy-Authorization}.
     */
    public static final Set<String> DEFAULT_SENSITIVE_HEADERS = Set.of("Authorization", "Cookie", "Proxy-Authorization");

    private static final SseOptions DEFAULTS =
            new SseOptions(SseLimits.defaults(), DEFAULT_MAX_BODY_SIZE, DEFAULT_ERROR_BODY_WAIT, Set.of());

    private final SseLimits limits;
    private final int maxBodySize;
    private final Duration errorBodyWait;
    /** Lower case: the headers the caller marked sensitive, beyond the defaults. */
    private final Set<String> sensitiveHeaders;

    private SseOptions(SseLimits limits, int maxBodySize, Duration errorBodyWait, Set<String> sensitiveHeaders) {
        this.limits = limits;
        this.maxBodySize = maxBodySize;
        this.errorBodyWait = errorBodyWait;
        this.sensitiveHeaders = sensitiveHeaders;
    }

    /**
     * The defaults: {@linkplain SseLimits#defaults() default limits}, bodies up to
     * {@value #DEFAULT_MAX_BODY_SIZE} bytes, and a 500 ms wait for a refused response's body.
     *
     * @return the default options
     */
    public static SseOptions defaults() {
        return DEFAULTS;
    }

    /**
     * The parser's memory bounds.
     *
     * @return the limits
     */
    public SseLimits limits() {
        return limits;
    }

    /**
     * The largest response body that {@link EventStream#readBody()} reads, in bytes after any
     * {@code Content-Encoding} is undone; a larger one fails with a
     * {@link java.net.ProtocolException} naming this limit.
     *
     * @return the maximum body size in bytes
     */
    public int maxBodySize() {
        return maxBodySize;
    }

    /**
     * How long a refused response (not an event stream) is read for the start of its body, which
     * servers use to say why, before {@link SseResponseException} is raised. Reading stops earlier
     * when the body ends or {@link SseResponseException#MAX_BODY_BYTES} bytes have arrived; a body
     * that is slow or never comes therefore delays the error by this much at most.
     *
     * @return the wait, zero for none
     */
    public Duration errorBodyWait() {
        return errorBodyWait;
    }

    /**
     * These options with other parsing limits.
     *
     * @param limits the limits
     * @return the new options
     */
    public SseOptions withLimits(SseLimits limits) {
        return new SseOptions(Objects.requireNonNull(limits, "limits"), maxBodySize, errorBodyWait, sensitiveHeaders);
    }

    /**
     * These options with another maximum body size for {@link EventStream#readBody()}.
     *
     * @param bytes the maximum body size in bytes, at least 0
     * @return the new options
     */
    public SseOptions withMaxBodySize(int bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("maxBodySize must be at least 0, got " + bytes);
        }
        return new SseOptions(limits, bytes, errorBodyWait, sensitiveHeaders);
    }

    /**
     * These options with another wait for a refused response's body.
     *
     * @param wait how long to wait, zero or more
     * @return the new options
     */
    public SseOptions withErrorBodyWait(Duration wait) {
        Objects.requireNonNull(wait, "wait");
        if (wait.isNegative()) {
            throw new IllegalArgumentException("errorBodyWait must not be negative, got " + wait);
        }
        return new SseOptions(limits, maxBodySize, wait, sensitiveHeaders);
    }

    /**
     * These options with more request headers marked as credentials, beyond
     * {@link #DEFAULT_SENSITIVE_HEADERS}: dropped when a redirect leaves the origin, and masked
     * wherever sse4j prints a request.
     *
     * @param names header names, in any case
     * @return the new options
     */
    public SseOptions withSensitiveHeaders(String... names) {
        Set<String> all = new TreeSet<>(sensitiveHeaders);
        for (String name : names) {
            all.add(Objects.requireNonNull(name, "name").toLowerCase(Locale.ROOT));
        }
        return new SseOptions(limits, maxBodySize, errorBodyWait, Set.copyOf(all));
    }

    /**
     * Whether a request header carries credentials: one of {@link #DEFAULT_SENSITIVE_HEADERS},
     * one marked with {@link #withSensitiveHeaders}, or one named like a key or token
     * ({@code X-Api-Key}, {@code Api-Key}, {@code X-Auth-Token}, names with {@code secret},
     * {@code password} or {@code session}), compared without case.
     *
     * @param name the header name
     * @return true if the header is a credential
     */
    public boolean isSensitive(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals("authorization") || n.equals("cookie") || n.equals("proxy-authorization")
                || sensitiveHeaders.contains(n) || n.contains("api-key") || n.contains("apikey") || n.contains("token")
                || n.contains("secret") || n.contains("password") || n.contains("session") || n.contains("-auth");
    }

    /**
     * A header's value as sse4j prints it: masked if the header {@linkplain #isSensitive is a
     * credential} (an authentication scheme such as {@code Bearer} is kept, the secret is not),
     * else as it is. {@code Set-Cookie} counts as a credential too.
     *
     * @param name  the header name
     * @param value its value
     * @return the value to print
     */
    public String redact(String name, String value) {
        if (!isSensitive(name) && !name.equalsIgnoreCase("set-cookie")) {
            return value;
        }
        int space = value.indexOf(' ');
        boolean scheme = space > 0 && value.substring(0, space).chars().allMatch(Character::isLetter);
        return scheme ? value.substring(0, space) + " ***" : "***";
    }

    /**
     * A URI as sse4j prints it in messages and logs: user information and the values of query
     * parameters named like credentials ({@code api_key}, {@code token}, {@code key},
     * {@code sig}, …) masked as {@code ***}.
     *
     * @param uri the URI
     * @return the text to print
     */
    public String redact(java.net.URI uri) {
        String text = uri.toString();
        if (uri.getRawUserInfo() != null) {
            text = text.replace(uri.getRawUserInfo() + "@", "***@");
        }
        String query = uri.getRawQuery();
        if (query == null) {
            return text;
        }
        StringBuilder masked = new StringBuilder();
        for (String pair : query.split("&", -1)) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String n = name.toLowerCase(Locale.ROOT).replace('_', '-');
            boolean secret = eq >= 0 && (isSensitive(n) || n.equals("key") || n.equals("sig") || n.equals("signature")
                    || n.equals("code") || n.endsWith("-key"));
            masked.append(masked.length() == 0 ? "" : "&").append(secret ? name + "=***" : pair);
        }
        return text.replace("?" + query, "?" + masked);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SseOptions
                && ((SseOptions) o).limits.equals(limits)
                && ((SseOptions) o).maxBodySize == maxBodySize
                && ((SseOptions) o).errorBodyWait.equals(errorBodyWait)
                && ((SseOptions) o).sensitiveHeaders.equals(sensitiveHeaders);
    }

    @Override
    public int hashCode() {
        return Objects.hash(limits, maxBodySize, errorBodyWait, sensitiveHeaders);
    }

    @Override
    public String toString() {
        return "SseOptions[" + limits + ", maxBodySize=" + maxBodySize + ", errorBodyWait=" + errorBodyWait
                + (sensitiveHeaders.isEmpty() ? "" : ", sensitiveHeaders=" + sensitiveHeaders) + "]";
    }
}
