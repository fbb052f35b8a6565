package io.sse4j;

import static io.sse4j.Bytes.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The UTF-8 decoder of the WHATWG Encoding Standard, with its BOM sniffing, written out plainly. */
public final class WhatwgUtf8 {

    private WhatwgUtf8() {
    }


    public static String decode(byte[] input) {
        int start = input.length >= 3 && (input[0] & 0xFF) == 0xEF && (input[1] & 0xFF) == 0xBB
                && (input[2] & 0xFF) == 0xBF ? 3 : 0;
        StringBuilder out = new StringBuilder();
        int codePoint = 0;
        int bytesSeen = 0;
        int bytesNeeded = 0;
        int lower = 0x80;
        int upper = 0xBF;
        int i = start;
        while (i < input.length) {
            int b = input[i] & 0xFF;
            if (bytesNeeded == 0) {
                i++;
                if (b <= 0x7F) {
                    out.append((char) b);
                } else if (b >= 0xC2 && b <= 0xDF) {
                    bytesNeeded = 1;
                    codePoint = b & 0x1F;
                } else if (b >= 0xE0 && b <= 0xEF) {
                    lower = b == 0xE0 ? 0xA0 : 0x80;
                    upper = b == 0xED ? 0x9F : 0xBF;
                    bytesNeeded = 2;
                    codePoint = b & 0xF;
                } else if (b >= 0xF0 && b <= 0xF4) {
                    lower = b == 0xF0 ? 0x90 : 0x80;
                    upper = b == 0xF4 ? 0x8F : 0xBF;
                    bytesNeeded = 3;
                    codePoint = b & 0x7;
                } else {
                    out.append('\uFFFD');
                }
                continue;
            }
            if (b < lower || b > upper) {
                // Not a continuation byte here: error, and the byte is processed again (not consumed).
                codePoint = 0;
                bytesNeeded = 0;
                bytesSeen = 0;
                lower = 0x80;
                upper = 0xBF;
                out.append('\uFFFD');
                continue;
            }
            i++;
            lower = 0x80;
            upper = 0xBF;
            codePoint = (codePoint << 6) | (b & 0x3F);
            bytesSeen++;
            if (bytesSeen == bytesNeeded) {
                out.appendCodePoint(codePoint);
                codePoint = 0;
                bytesNeeded = 0;
                bytesSeen = 0;
            }
        }
        if (bytesNeeded != 0) {
            out.append('\uFFFD');
        }
        return out.toString();
    }
}
