package dev.switchboard.unified;

import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;

/** Reads a stream as its base64 text (standard alphabet, padded), a few bytes at a time. */
final class Base64Stream extends InputStream {

    private static final int GROUPS = 1024;
    private final InputStream source;
    private final byte[] raw = new byte[3 * GROUPS];
    private byte[] encoded = new byte[0];
    private int position;
    private boolean ended;

    Base64Stream(InputStream source) {
        this.source = source;
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return encoded[position++] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int count = Math.min(length, encoded.length - position);
        System.arraycopy(encoded, position, buffer, offset, count);
        position += count;
        return count;
    }

    /** Encodes whole groups of three bytes; only the last group may be padded. */
    private boolean fill() throws IOException {
        if (position < encoded.length) {
            return true;
        }
        if (ended) {
            return false;
        }
        int read = source.readNBytes(raw, 0, raw.length);
        if (read < raw.length) {
            ended = true;
        }
        if (read == 0) {
            return false;
        }
        byte[] chunk = read == raw.length ? raw : java.util.Arrays.copyOf(raw, read);
        encoded = Base64.getEncoder().encode(chunk);
        position = 0;
        return true;
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
