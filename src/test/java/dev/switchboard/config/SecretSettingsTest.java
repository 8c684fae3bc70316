package dev.switchboard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.TempDirs;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Secrets given as files and the database password as a setting of its own, as containers mount them. */
class SecretSettingsTest {

    @Test
    void aFileGivesTheValueWithoutItsFinalLineBreak() throws Exception {
        var file = TempDirs.create("secrets").resolve("key");
        Files.writeString(file, "c2VjcmV0LWtleQ==\r\n");
        var config = ServerConfig.fromEnvironment(Map.of("SWITCHBOARD_SECRET_KEY_FILE", file.toString()));
        assertEquals(Optional.of("c2VjcmV0LWtleQ=="), config.secretKey());
        assertFalse(config.environment().containsKey("SWITCHBOARD_SECRET_KEY_FILE"));
    }

    @Test
    void theDatabasePasswordJoinsTheUrlEncodedAndIsNeverShown() throws Exception {
        var file = TempDirs.create("secrets").resolve("password");
        Files.writeString(file, "p&ss=w rd\n");
        var config = ServerConfig.fromEnvironment(Map.of(
                "SWITCHBOARD_DATABASE_URL", "jdbc:postgresql://db:5432/switchboard?user=switchboard",
                "SWITCHBOARD_DATABASE_PASSWORD_FILE", file.toString()));
        assertEquals("jdbc:postgresql://db:5432/switchboard?user=switchboard&password=p%26ss%3Dw+rd",
                config.databaseUrl());
        assertFalse(config.redactedDatabaseUrl().contains("p%26ss"), config.redactedDatabaseUrl());
        assertFalse(config.toString().contains("p%26ss"), config.toString());
    }

    @Test
    void aPasswordGivenTwiceIsRefused() {
        var error = assertThrows(IllegalArgumentException.class, () -> ServerConfig.fromEnvironment(Map.of(
                "SWITCHBOARD_DATABASE_URL", "jdbc:postgresql://db/x?user=u&password=a",
                "SWITCHBOARD_DATABASE_PASSWORD", "b")));
        assertTrue(error.getMessage().contains("already holds a password"), error.getMessage());
    }
}
