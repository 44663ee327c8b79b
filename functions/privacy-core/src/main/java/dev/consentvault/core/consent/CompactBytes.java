package dev.consentvault.core.consent;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * zlib-compressed bytes for what is stored sealed and read back rarely (an idempotency marker's
 * answer): the receipt JSON shrinks to a third, and under 1 KB it costs half the write units. Bytes
 * stored before (plain JSON, starting with '{') read back as they are; zlib's first byte is 0x78,
 * never '{'.
 */
final class CompactBytes {

    private static final int ZLIB_HEADER = 0x78;

    private CompactBytes() {}

    static byte[] compress(byte[] plain) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            deflater.setInput(plain);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 2 + 16);
            byte[] buffer = new byte[1024];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    static byte[] decompress(byte[] stored) {
        if (stored.length == 0 || (stored[0] & 0xff) != ZLIB_HEADER) {
            return stored;
        }
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(stored);
            ByteArrayOutputStream out = new ByteArrayOutputStream(stored.length * 4);
            byte[] buffer = new byte[4096];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalStateException("truncated compressed answer");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new IllegalStateException("corrupt compressed answer", e);
        } finally {
            inflater.end();
        }
    }
}
