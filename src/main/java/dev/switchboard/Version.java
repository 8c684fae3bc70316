package dev.switchboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Switchboard's version, as the build wrote it from the pom, and when that build was made. */
public final class Version {

    private static final Properties BUILD = read();
    public static final String VALUE = BUILD.getProperty("version");
    /** When the build was made (UTC, ISO-8601): two builds of one version differ here. */
    public static final String BUILT = BUILD.getProperty("built");

    private Version() {
    }

    private static Properties read() {
        try (InputStream in = Version.class.getResourceAsStream("/switchboard/version.properties")) {
            var properties = new Properties();
            properties.load(in);
            return properties;
        } catch (IOException | NullPointerException e) {
            throw new UncheckedIOException(new IOException("the build wrote no switchboard/version.properties", e));
        }
    }

    /** {@code switchboard --version}. */
    public static final class Provider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"switchboard " + VALUE + " (built " + BUILT + ")"};
        }
    }
}
