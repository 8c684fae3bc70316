package dev.switchboard.engine;

import dev.switchboard.resilience.Bulkhead;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A provider's answer that gives its bulkhead place back when it is closed, read whole or streamed. */
final class ReleasingStream extends FilterInputStream {

    private final Bulkhead.Permit permit;

    ReleasingStream(InputStream body, Bulkhead.Permit permit) {
        super(body);
        this.permit = permit;
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
