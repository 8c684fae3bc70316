package dev.switchboard.crypto;

/** A sealed value could not be opened; the message never holds key material. */
public final class SecretException extends RuntimeException {
    public SecretException(String message) {
        super(message);
    }
}
