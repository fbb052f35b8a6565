package io.sse4j.cli;

import java.nio.ByteBuffer;

/**
 * Finds where an event stream can be cut without changing what a client makes of it: after a
 * blank line, which ends a block (WHATWG HTML §9.2.6), or after any line while no {@code data},
 * {@code event} or {@code id} field waits for one (comments and {@code retry} take effect at
 * once). Cutting a stream there keeps every event, comment and retry a client saw from it, and
 * drops only what a client discards at the end of a stream: a block without its blank line.
 *
 * <p>Bytes in, positions out, nothing else: the parser stays the one interpreter of the stream.
 * Lines end at CR, LF or CRLF as for the parser, a leading byte order mark is skipped, and a
 * chunk may end anywhere, also between CR and LF. Not thread-safe.
 */
final class BlockScanner {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final int NAME_CAPACITY = 5; // "event", the longest name that matters

    private long position;
    private long boundary;
    /** A data, event or id line since the last blank line: cutting now would lose its block. */
    private boolean pending;
    private boolean afterCr;
    private int lineLength;
    /** How much of a leading BOM has been seen; -1 once the stream's first bytes are past. */
    private int bom;
    private boolean nameEnded;
    private final byte[] name = new byte[NAME_CAPACITY];
    /** Bytes of the field name so far; past {@link #NAME_CAPACITY} it is no name that matters. */
    private int nameLength;

    void scan(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            next(bytes[i]);
        }
    }

    void scan(ByteBuffer buffer) {
        for (int i = buffer.position(); i < buffer.limit(); i++) {
            next(buffer.get(i));
        }
    }

    /** The bytes scanned so far. */
    long position() {
        return position;
    }

    /** The last place, in bytes from the start, where the stream can be cut; 0 if none yet. */
    long boundary() {
        return boundary;
    }

    private void next(byte b) {
        if (bom >= 0) {
            if (b == BOM[bom]) {
                position++;
                bom = bom == 2 ? -1 : bom + 1; // §9.2.6: one leading BOM is skipped
                return;
            }
            if (bom > 0) {
                lineLength = bom; // Not a BOM after all: its bytes start the first line.
                nameLength = NAME_CAPACITY + 1;
            }
            bom = -1;
        }
        if (afterCr && b == '\n') {
            // The LF of a CRLF: the line ended at the CR; a cut there moves past the LF.
            afterCr = false;
            if (boundary == position) {
                boundary = position + 1;
            }
            position++;
            return;
        }
        afterCr = false;
        position++;
        if (b == '\r' || b == '\n') {
            if (lineLength == 0) {
                pending = false; // a blank line: the block is dispatched (or dropped, if empty)
            } else if (isBlockField()) {
                pending = true;
            }
            if (!pending) {
                boundary = position;
            }
            afterCr = b == '\r';
            lineLength = 0;
            nameLength = 0;
            nameEnded = false;
            return;
        }
        lineLength++;
        if (!nameEnded) {
            if (b == ':') {
                nameEnded = true;
            } else if (nameLength < NAME_CAPACITY) {
                name[nameLength++] = b;
            } else {
                nameLength = NAME_CAPACITY + 1;
            }
        }
    }

    /** Whether the line's field builds a block: data, event or id (§9.2.6, "process the field"). */
    private boolean isBlockField() {
        return is("data") || is("event") || is("id");
    }

    private boolean is(String field) {
        if (nameLength != field.length()) {
            return false;
        }
        for (int i = 0; i < nameLength; i++) {
            if (name[i] != field.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
