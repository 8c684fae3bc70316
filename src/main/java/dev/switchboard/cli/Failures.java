package dev.switchboard.cli;

import io.javalin.util.JavalinBindException;
import java.net.BindException;
import java.sql.SQLException;

/**
 * One line that says what went wrong and what to do, for a failure the person at the
 * terminal can fix: the port is taken, the store does not answer, a setting is wrong.
 */
public final class Failures {

    private Failures() {
    }

    public static String describe(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException || cause instanceof JavalinBindException) {
                return "cannot listen: the port is already in use (another Switchboard?); stop it or set SWITCHBOARD_PORT";
            }
        }
        Throwable store = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException || cause.getClass().getName().startsWith("org.flywaydb")) {
                store = cause; // the driver's own words name the host and what it answered
            } else if (store == null && cause.getClass().getName().startsWith("com.zaxxer.hikari")) {
                store = cause;
            }
        }
        if (store != null) {
            return "cannot open the store (SWITCHBOARD_DATABASE_URL): " + firstLine(store);
        }
        return firstLine(failure);
    }

    private static String firstLine(Throwable failure) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).strip();
    }
}
