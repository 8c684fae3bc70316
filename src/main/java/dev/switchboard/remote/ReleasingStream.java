package dev.switchboard.remote;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** A provider's answer that gives its bulkhead place back when it is closed, read whole or streamed. */
public final class ReleasingStream extends FilterInputStream {

    private final Bulkhead.Permit permit;

    public ReleasingStream(InputStream body, Bulkhead.Permit permit) {
        super(body);
        this.permit = permit;
    }

    // FilterInputStream would read these through its generic loops: keep the client's own paths.
    @Override
    public byte[] readNBytes(int len) throws IOException {
        return in.readNBytes(len);
    }

    @Override
    public byte[] readAllBytes() throws IOException {
        return in.readAllBytes();
    }

    @Override
    public long transferTo(OutputStream out) throws IOException {
        return in.transferTo(out);
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } finally {
            permit.close();
        }
    }
}
