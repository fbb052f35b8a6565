package io.sse4j;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds test inputs byte by byte, including bytes that are not valid UTF-8, and shows them. */
public final class Bytes {

    private Bytes() {
    }

    /**
     * Concatenates the parts: each {@code String} as UTF-8, each {@code byte[]} as it is.
     *
     * @throws IllegalArgumentException for any other kind of part
     */
    public static byte[] of(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof String) {
                out.writeBytes(utf8((String) part));
            } else if (part instanceof byte[]) {
                out.writeBytes((byte[]) part);
            } else {
                throw new IllegalArgumentException("not a String or byte[]: " + part);
            }
        }
        return out.toByteArray();
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Bytes written as hex pairs separated by spaces, e.g. {@code "EF BB BF"}. */
    public static byte[] hex(String pairs) {
        String[] parts = pairs.trim().split(" +");
        byte[] bytes = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            bytes[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return bytes;
    }

    /** Printable ASCII as is; CR, LF and NUL escaped; every other byte as {@code \xNN}. */
    public static String show(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length + 2).append('"');
        for (byte b : bytes) {
            appendEscaped(out, b & 0xFF);
        }
        return out.append('"').toString();
    }

    /** A string with CR, LF, NUL and non-printable or non-ASCII characters escaped. */
    public static String show(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                appendEscaped(out, c);
            } else {
                out.append(String.format("\\u%04X", (int) c));
            }
        }
        return out.append('"').toString();
    }

    private static void appendEscaped(StringBuilder out, int c) {
        switch (c) {
            case '\r':
                out.append("\\r");
                break;
            case '\n':
                out.append("\\n");
                break;
            case 0:
                out.append("\\0");
                break;
            case '"':
            case '\\':
                out.append('\\').append((char) c);
                break;
            default:
                if (c >= 0x20 && c < 0x7F) {
                    out.append((char) c);
                } else {
                    out.append(String.format("\\x%02X", c));
                }
        }
    }
}
