package dev.switchboard.unified;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What shape the caller wants the answer in ({@code truto_response_format}). */
public enum ResponseFormat {
    /** The unified object, with the provider's body as {@code remote_data}. */
    UNIFIED,
    /** The provider's body and status, exactly as they came. */
    RAW,
    /** The unified object conformed to its schema: no extras, no empties. */
    NORMALIZED,
    /** The provider's body passed through as it arrives, never held whole. */
    STREAM;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ResponseFormat> fromWire(String value) {
        return Arrays.stream(values()).filter(format -> format.wire().equals(value)).findFirst();
    }
}
