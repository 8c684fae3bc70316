package dev.switchboard.mapping;

/** A definition's expression failed to compile or to run; the message names the file. */
public final class MappingException extends Exception {
    public MappingException(String message) {
        super(message);
    }
}
