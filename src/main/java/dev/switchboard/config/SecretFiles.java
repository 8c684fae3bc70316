package dev.switchboard.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code SWITCHBOARD_<NAME>_FILE}: the value of {@code SWITCHBOARD_<NAME>} read from a file, as
 * container secrets are mounted ({@code SWITCHBOARD_API_TOKEN_FILE=/run/secrets/token}).
 * The line break an editor or {@code echo} leaves at the end is dropped; a value given both
 * ways is refused rather than guessed.
 */
final class SecretFiles {

    private static final String SUFFIX = "_FILE";

    private SecretFiles() {
    }

    static Map<String, String> resolve(Map<String, String> env) {
        var resolved = new HashMap<>(env);
        env.forEach((name, path) -> {
            if (!name.startsWith("SWITCHBOARD_") || !name.endsWith(SUFFIX)) {
                return;
            }
            String target = name.substring(0, name.length() - SUFFIX.length());
            if (env.containsKey(target)) {
                throw new IllegalArgumentException(target + " and " + name + " are both set: keep one");
            }
            try {
                resolved.put(target, stripLineBreak(Files.readString(Path.of(path), StandardCharsets.UTF_8)));
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException(name + ": cannot read " + path + " (" + e.getClass().getSimpleName()
                        + ")");
            }
            resolved.remove(name);
        });
        return resolved;
    }

    private static String stripLineBreak(String value) {
        if (value.endsWith("\r\n")) {
            return value.substring(0, value.length() - 2);
        }
        return value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
    }
}
