package dev.switchboard.catalog;

/** A definition file is broken; the message names the file and, where known, the key. */
public final class DefinitionException extends RuntimeException {
    public DefinitionException(String message) {
        super(message);
    }
}
