package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.catalog.TestCatalogs;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.store.TestDatabases;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The maintenance commands, run as a user runs them: a separate process on the same store. */
class CommandLineTest {

    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    /**
     * A command's JVM lives seconds, most of them starting up: the quick compiler alone (C1)
     * about halves that, and the command does and prints the same.
     */
    private static final List<String> QUICK_START = List.of("-XX:TieredStopAtLevel=1");

    record Run(int exitCode, String output) {
    }

    @Test
    void tokensMadeOnTheCommandLineWorkUntilRevoked() throws Exception {
        String url = TestDatabases.sqlite();
        Run created = run(Map.of("SWITCHBOARD_DATABASE_URL", url), "tokens", "create", "--environment", "production",
                "--name", "web app");
        assertEquals(0, created.exitCode(), created.output());
        String token = line(created.output(), "token:");
        String id = line(created.output(), "id:");

        try (var harness = Harness.start(ServerConfig.of(0, url, Harness.TOKEN))) {
            var auth = Map.of("Authorization", "Bearer " + token);
            assertEquals(200, harness.send("GET", "/integrated-accounts", null, auth).statusCode());

            Run listed = run(Map.of("SWITCHBOARD_DATABASE_URL", url), "tokens", "list");
            assertTrue(listed.output().contains(id) && listed.output().contains("production")
                    && listed.output().contains("web app"), listed.output());
            assertFalse(listed.output().contains(token), "a token is shown once, at creation");

            assertEquals(0, run(Map.of("SWITCHBOARD_DATABASE_URL", url), "tokens", "revoke", id).exitCode());
            assertEquals(401, harness.send("GET", "/integrated-accounts", null, auth).statusCode());
        }
        assertEquals(1, run(Map.of("SWITCHBOARD_DATABASE_URL", url), "tokens", "revoke", id).exitCode());
    }

    @Test
    void sqliteWithoutAKeyCreatesAnOwnerOnlyKeyFileOnce() throws Exception {
        String url = TestDatabases.sqlite();
        Path keyFile = Path.of(url.substring("jdbc:sqlite:".length()) + ".key");
        Run first = run(Map.of("SWITCHBOARD_DATABASE_URL", url), "accounts", "list");
        assertTrue(first.output().contains("created key file"), first.output());
        // A warning, not a failure: a WARN log line (JSON here, with no terminal), not a "switchboard:" one.
        assertTrue(first.output().lines().anyMatch(l -> l.contains("\"level\":\"WARN\"") && l.contains("created key file")),
                "a warning looks like one: " + first.output());
        assertEquals(0, first.exitCode(), first.output());
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(keyFile));
        Run second = run(Map.of("SWITCHBOARD_DATABASE_URL", url), "accounts", "list");
        assertFalse(second.output().contains("created key file"), "said once");
    }

    @Test
    void postgresWithoutAKeyRefusesToStart() throws Exception {
        String url = TestDatabases.postgres();
        try {
            Run refused = run(Map.of("SWITCHBOARD_DATABASE_URL", url), "accounts", "list");
            assertEquals(1, refused.exitCode());
            assertTrue(refused.output().contains("SWITCHBOARD_SECRET_KEY is required with PostgreSQL"), refused.output());
            // Tokens are stored as hashes: making and listing them needs no key.
            Run created = run(Map.of("SWITCHBOARD_DATABASE_URL", url), "tokens", "create", "--environment", "ops");
            assertEquals(0, created.exitCode(), created.output());
            assertTrue(line(created.output(), "token:").startsWith("sbt_"), created.output());
            assertTrue(run(Map.of("SWITCHBOARD_DATABASE_URL", url), "tokens", "list").output()
                    .contains(line(created.output(), "id:")));
        } finally {
            TestDatabases.dropPostgres(url);
        }
    }

    @Test
    void resealMovesAccountsToTheNewKey() throws Exception {
        String url = TestDatabases.sqlite();
        String oldKey = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
        String newKey = "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBA=";
        String account;
        try (var harness = Harness.start(ServerConfig.of(0, url, Harness.TOKEN).withSecretKey(oldKey))) {
            account = harness.account("ashby", Map.of("api_key", "rotate-me"));
        }
        Run resealed = run(Map.of("SWITCHBOARD_DATABASE_URL", url, "SWITCHBOARD_SECRET_KEY", newKey + "," + oldKey),
                "secrets", "reseal");
        assertEquals(0, resealed.exitCode(), resealed.output());
        assertEquals("re-encrypted 1 account and 0 kept answers with the current key", resealed.output().strip());
        try (var harness = Harness.start(ServerConfig.of(0, url, Harness.TOKEN).withSecretKey(newKey))) {
            assertEquals("rotate-me", harness.server().accounts().get("default", account).context().get("api_key"));
        }
    }

    @Test
    void accountsAreCreatedListedShownAndDeleted() throws Exception {
        var env = Map.of("SWITCHBOARD_DATABASE_URL", TestDatabases.sqlite());
        Run created = run(env, "accounts", "create", "--integration", "recruitee", "--tenant", "acme",
                "--context", "{\"api_token\": \"cli-secret\", \"company_id\": \"73014\"}");
        assertEquals(0, created.exitCode(), created.output());
        assertFalse(created.output().contains("cli-secret"));
        String id = created.output().lines().filter(l -> l.contains("\"id\"")).findFirst().orElseThrow()
                .replaceAll(".*\"id\" : \"([^\"]+)\".*", "$1");
        assertTrue(run(env, "accounts", "list", "--tenant", "acme").output().contains(id));
        Run shown = run(env, "accounts", "show", id);
        assertTrue(shown.output().contains("\"api_token\" : \"********\""), shown.output());
        // As GET /integrated-account/{id} answers it: the integration as {name, label}.
        assertEquals(Map.of("name", "recruitee", "label", "Recruitee"), json(shown.output()).get("integration"));
        assertEquals(1, run(env, "accounts", "show", id, "--environment", "staging").exitCode(), "another environment");
        assertEquals(0, run(env, "accounts", "delete", id).exitCode());
        assertEquals(1, run(env, "accounts", "show", id).exitCode());
        Run invalid = run(env, "accounts", "create", "--integration", "ashby", "--tenant", "t", "--context", "{}");
        assertEquals(1, invalid.exitCode());
        assertTrue(invalid.output().contains("context is not valid for Ashby"), invalid.output());
    }

    @Test
    void catalogCheckPassesTheBundledCatalogAndNamesABrokenFile() throws Exception {
        Run passed = run(Map.of(), "catalog", "check");
        assertEquals(0, passed.exitCode(), passed.output());
        assertTrue(passed.output().contains("catalog ok: 6 integrations"));
        assertTrue(passed.output().contains("greenhouse: ats/activities create: not supported, Harvest v3"),
                passed.output());
        Path broken = TestCatalogs.copyInto(TempDirs.create("catalog"));
        Path lever = broken.resolve("integrations/lever/integration.json");
        Files.writeString(lever, Files.readString(lever).replace("\"label\": \"Lever\"", "\"label\": \"Lever\", \"nmae\": 1"));
        Path workable = broken.resolve("integrations/workable/integration.json");
        Files.writeString(workable, Files.readString(workable).replace("\"format\": \"next_url\"", "\"format\": \"next\""));
        Run failed = run(Map.of(), "catalog", "check", broken.toString());
        assertEquals(1, failed.exitCode());
        // Every broken file, named under the folder as it was given.
        assertTrue(failed.output().contains(broken + "/integrations/lever/integration.json: unknown key 'nmae'"),
                failed.output());
        assertTrue(failed.output().contains(broken + "/integrations/workable/integration.json: pagination format must be"),
                failed.output());
    }

    @Test
    void callRunsOneCreateOrShowsItsProviderRequest() throws Exception {
        try (var sandbox = dev.switchboard.sandbox.Sandbox.start()) {
            var env = Map.of("SWITCHBOARD_DATABASE_URL", TestDatabases.sqlite(), "SWITCHBOARD_ALLOWED_HOSTS", "http://127.0.0.1");
            String id = leverAccount(env, sandbox);
            String body = "{\"candidate_id\": \"" + dev.switchboard.sandbox.LeverSimulator.OPPORTUNITY_ID
                    + "\", \"body\": \"from the terminal\"}";

            Run dry = run(env, "call", "--account", id, "--body", body, "--dry-run");
            assertEquals(0, dry.exitCode(), dry.output());
            assertTrue(dry.output().contains("HTTP 200") && dry.output().contains("\"Authorization\" : \"Basic ********\""),
                    dry.output());
            assertEquals(0, sandbox.lever().notesOf(dev.switchboard.sandbox.LeverSimulator.OPPORTUNITY_ID).size());

            Run real = run(env, "call", "--account", id, "--body", body, "--query", "truto_ignore_remote_data=true");
            assertEquals(0, real.exitCode(), real.output());
            assertTrue(real.output().contains("HTTP 201") && real.output().contains("from the terminal"), real.output());
            assertEquals(1, sandbox.lever().notesOf(dev.switchboard.sandbox.LeverSimulator.OPPORTUNITY_ID).size());

            Run refused = run(env, "call", "--account", id, "--body", "{}");
            assertEquals(1, refused.exitCode());
            assertTrue(refused.output().contains("HTTP 400"), refused.output());

            Run listed = run(env, "call", "--account", id, "--method", "list", "--query",
                    "candidate_id=" + dev.switchboard.sandbox.LeverSimulator.OPPORTUNITY_ID);
            assertEquals(0, listed.exitCode(), listed.output());
            assertTrue(listed.output().contains("HTTP 200") && listed.output().contains("from the terminal")
                    && listed.output().contains("\"result_count\" : 1"), listed.output());
        }
    }

    @Test
    void callPrintsOnlyJsonOnStandardOutput() throws Exception {
        try (var sandbox = dev.switchboard.sandbox.Sandbox.start()) {
            var env = Map.of("SWITCHBOARD_DATABASE_URL", TestDatabases.sqlite(), "SWITCHBOARD_ALLOWED_HOSTS", "http://127.0.0.1");
            String id = leverAccount(env, sandbox);
            Split note = runSplit(env, "call", "--account", id, "--body", "{\"candidate_id\": \""
                    + dev.switchboard.sandbox.LeverSimulator.OPPORTUNITY_ID + "\", \"body\": \"piped\"}");
            assertEquals(0, note.exitCode(), note.stderr());
            assertEquals("piped", json(note.stdout()).get("body"), "stdout is the answer's JSON alone");
            assertTrue(note.stderr().contains("HTTP 201"), note.stderr());

            // A malformed --body gets the API's own words, as JSON too.
            Split malformed = runSplit(env, "call", "--account", id, "--body", "{\"candidate_id\": ");
            assertEquals(1, malformed.exitCode());
            assertTrue(((String) json(malformed.stdout()).get("message")).startsWith("the request body is not valid JSON"),
                    malformed.stdout());
            assertTrue(malformed.stderr().contains("HTTP 400"), malformed.stderr());

            Split accounts = runSplit(env, "accounts", "list", "--output", "json");
            assertEquals(0, accounts.exitCode(), accounts.stderr());
            var listed = (List<?>) dev.switchboard.mapping.Json.parse(accounts.stdout().getBytes(StandardCharsets.UTF_8));
            assertEquals(id, ((Map<?, ?>) listed.get(0)).get("id"));
            assertEquals("********", ((Map<?, ?>) ((Map<?, ?>) listed.get(0)).get("context")).get("api_key"));
            Split tokens = runSplit(env, "tokens", "list", "--output", "json");
            assertEquals(List.of(), dev.switchboard.mapping.Json.parse(tokens.stdout().getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void theTrainingRunServesSandboxCallsQuietlyAndEnds() throws Exception {
        // What the build records the JDK's start-up cache from: it must end by itself, succeed,
        // and keep the build's output clean (no access lines, no start-up lines).
        Split training = runSplit(Map.of(), "training-run", "--calls", "3");
        assertEquals(0, training.exitCode(), training.stderr());
        assertEquals("", training.stdout());
    }

    @Test
    void startUpFailuresAreOneLineAndExitOne() throws Exception {
        try (var taken = new java.net.ServerSocket(0)) {
            Run busy = run(Map.of("SWITCHBOARD_PORT", String.valueOf(taken.getLocalPort()),
                    "SWITCHBOARD_API_TOKEN", "token-0123456789abcdef", "SWITCHBOARD_DATABASE_URL", TestDatabases.sqlite()),
                    "serve");
            assertOneLine(busy, "cannot listen: the port is already in use");
        }
        String key = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        Run noStore = run(Map.of("SWITCHBOARD_DATABASE_URL", "jdbc:postgresql://127.0.0.1:1/none",
                "SWITCHBOARD_SECRET_KEY", key, "SWITCHBOARD_API_TOKEN", "token-0123456789abcdef"), "serve");
        assertOneLine(noStore, "cannot open the store (SWITCHBOARD_DATABASE_URL): Connection to 127.0.0.1:1 refused");
        Run badKey = run(Map.of("SWITCHBOARD_SECRET_KEY", "not-a-key", "SWITCHBOARD_API_TOKEN", "token-0123456789abcdef",
                "SWITCHBOARD_DATABASE_URL", TestDatabases.sqlite()), "serve");
        assertOneLine(badKey, "SWITCHBOARD_SECRET_KEY");
        Run badFormat = run(Map.of("SWITCHBOARD_LOG_FORMAT", "yaml", "SWITCHBOARD_API_TOKEN", "token-0123456789abcdef",
                "SWITCHBOARD_DATABASE_URL", TestDatabases.sqlite()), "serve");
        assertOneLine(badFormat, "SWITCHBOARD_LOG_FORMAT must be json or text, not 'yaml'");
        Run debug = run(Map.of("SWITCHBOARD_DATABASE_URL", "jdbc:postgresql://127.0.0.1:1/none",
                "SWITCHBOARD_SECRET_KEY", key, "SWITCHBOARD_API_TOKEN", "token-0123456789abcdef"), "serve", "--debug");
        assertEquals(1, debug.exitCode());
        assertTrue(debug.output().contains("\tat "), "--debug shows the stack trace: " + debug.output());
    }

    @Test
    void migrateRunsOnceAndServersMayBeToldNotTo() throws Exception {
        String url = TestDatabases.sqlite();
        var env = Map.of("SWITCHBOARD_DATABASE_URL", url, "SWITCHBOARD_API_TOKEN", "token-0123456789abcdef",
                "SWITCHBOARD_MIGRATE", "false");
        assertOneLine(run(env, "serve"), "run 'switchboard migrate' first");
        Run migrated = run(Map.of("SWITCHBOARD_DATABASE_URL", url), "migrate");
        assertEquals(0, migrated.exitCode(), migrated.output());
        assertTrue(migrated.output().contains("applied "), migrated.output());
        assertTrue(run(Map.of("SWITCHBOARD_DATABASE_URL", url), "migrate").output().contains("up to date"));
        try (var server = ChildServer.start(QUICK_START, List.of("serve"), env)) {
            assertTrue(server.isAlive(), "a migrated store starts without migrating");
        }
    }

    @Test
    void secretsMayComeFromFiles() throws Exception {
        Path file = TempDirs.create("secret").resolve("token");
        Files.writeString(file, "token-from-a-file-0123456789\n"); // as echo leaves it
        try (var server = ChildServer.start(QUICK_START, List.of("serve"),
                Map.of("SWITCHBOARD_API_TOKEN_FILE", file.toString()))) {
            var http = java.net.http.HttpClient.newHttpClient();
            var answer = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.baseUrl()
                            + "/integrated-account")).header("Authorization", "Bearer token-from-a-file-0123456789").build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode(), answer.body());
        }
        assertOneLine(run(Map.of("SWITCHBOARD_API_TOKEN_FILE", file.toString(), "SWITCHBOARD_API_TOKEN", "x",
                "SWITCHBOARD_DATABASE_URL", TestDatabases.sqlite()), "serve"), "are both set");
        assertOneLine(run(Map.of("SWITCHBOARD_SECRET_KEY_FILE", "/nonexistent/key",
                "SWITCHBOARD_DATABASE_URL", TestDatabases.sqlite()), "serve"), "cannot read /nonexistent/key");
    }

    @Test
    void theWebhookListenerPrintsVerifiedEventsAndRefusesForgedOnes() throws Exception {
        String secret = dev.switchboard.webhooks.Signature.newSecret();
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var command = new ArrayList<>(List.of(JAVA));
        command.addAll(QUICK_START);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.switchboard.Main", "webhooks", "listen",
                "--port", String.valueOf(port), "--secret", secret));
        Process listener = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            var output = new java.io.BufferedReader(new java.io.InputStreamReader(listener.getInputStream(),
                    StandardCharsets.UTF_8));
            String line;
            while ((line = output.readLine()) != null && !line.startsWith("listening on")) {
                // the JVM's notices, if any
            }
            byte[] body = "{\"event\": \"integrated_account:created\"}".getBytes(StandardCharsets.UTF_8);
            long now = java.time.Instant.now().getEpochSecond();
            var http = java.net.http.HttpClient.newHttpClient();
            var signed = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port
                            + "/hooks")).header("webhook-id", "msg_1").header("webhook-timestamp", String.valueOf(now))
                    .header("webhook-signature", dev.switchboard.webhooks.Signature.sign(secret, "msg_1", now, body))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
            assertEquals(204, signed.statusCode());
            assertTrue(output.readLine().startsWith("verified msg_1 {\"event\""));
            var forged = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port
                            + "/hooks")).header("webhook-id", "msg_2").header("webhook-timestamp", String.valueOf(now))
                    .header("webhook-signature", "v1,AAAA")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
            assertEquals(401, forged.statusCode());
            assertTrue(output.readLine().startsWith("NOT VERIFIED msg_2"));
        } finally {
            listener.destroy();
        }
    }

    @Test
    void theVersionIsThePomsVersion() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        String version = pom.replaceAll("(?s).*?<artifactId>switchboard</artifactId>\\s*<version>([^<]+)</version>.*", "$1");
        Run printed = run(Map.of(), "--version");
        // The version and when its build was made: two builds of one version tell apart.
        assertTrue(printed.output().strip().matches("switchboard " + java.util.regex.Pattern.quote(version)
                + " \\(built \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\)"), printed.output());
        assertEquals(version, Version.VALUE);
    }

    @Test
    void accountsAreListedAcrossEnvironmentsInAlignedColumns() throws Exception {
        var env = Map.of("SWITCHBOARD_DATABASE_URL", TestDatabases.sqlite());
        for (String environment : List.of("default", "production")) {
            assertEquals(0, run(env, "accounts", "create", "--integration", "ashby", "--tenant", "acme-" + environment,
                    "--environment", environment, "--context", "{\"api_key\": \"k\"}").exitCode());
        }
        List<String> one = run(env, "accounts", "list").output().strip().lines().toList();
        assertEquals(2, one.size(), "the default environment only: " + one);
        List<String> all = run(env, "accounts", "list", "--all-environments").output().strip().lines().toList();
        assertEquals(3, all.size(), String.join("\n", all));
        assertTrue(all.get(0).matches("ID +ENVIRONMENT +INTEGRATION +STATUS +TENANT"), all.get(0));
        assertTrue(all.stream().anyMatch(l -> l.contains("production") && l.contains("acme-production")), all.toString());
        // Every column starts where its header does.
        for (String header : List.of("ENVIRONMENT", "INTEGRATION", "STATUS", "TENANT")) {
            int column = all.get(0).indexOf(header);
            for (String row : all.subList(1, all.size())) {
                assertTrue(row.charAt(column - 1) == ' ' && row.charAt(column) != ' ' && row.charAt(column - 2) == ' ',
                        header + " is off in\n" + String.join("\n", all));
            }
        }
    }

    @Test
    void aServerWithoutTheApiTokenWarnsAndRuns() throws Exception {
        try (var server = ChildServer.start(QUICK_START, List.of("serve"), Map.of("SWITCHBOARD_LOG_FORMAT", "text"))) {
            String warning = server.linesUntil("SWITCHBOARD_API_TOKEN is not set", java.time.Duration.ofSeconds(10))
                    .stream().filter(l -> l.contains("SWITCHBOARD_API_TOKEN is not set")).findFirst().orElseThrow();
            assertTrue(warning.matches(".{24} WARN +ServeCommand SWITCHBOARD_API_TOKEN is not set.*"), warning);
            assertTrue(server.isAlive(), "a warning, not a failure");
        }
    }

    /** A Lever account made with {@code accounts create}, against the sandbox's Lever; its id. */
    private static String leverAccount(Map<String, String> env, dev.switchboard.sandbox.Sandbox sandbox) throws Exception {
        Run created = run(env, "accounts", "create", "--integration", "lever", "--tenant", "t", "--context",
                "{\"api_key\": \"" + dev.switchboard.sandbox.LeverSimulator.API_KEY + "\", \"base_url\": \""
                        + sandbox.leverUrl() + "\"}");
        return created.output().lines().filter(l -> l.contains("\"id\"")).findFirst().orElseThrow()
                .replaceAll(".*\"id\" : \"([^\"]+)\".*", "$1");
    }

    /** A failure: exit 1, one line naming it, no stack trace (warnings logged before it aside). */
    private static void assertOneLine(Run run, String expected) {
        assertEquals(1, run.exitCode(), run.output());
        var lines = run.output().lines().filter(line -> line.startsWith("switchboard: ")).toList();
        assertEquals(1, lines.size(), run.output());
        assertTrue(lines.get(0).startsWith("switchboard: ") && lines.get(0).contains(expected), run.output());
        assertFalse(run.output().contains("\tat "), run.output());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String text) throws IOException {
        return (Map<String, Object>) dev.switchboard.mapping.Json.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    record Split(int exitCode, String stdout, String stderr) {
    }

    static Split runSplit(Map<String, String> env, String... args) throws IOException, InterruptedException {
        var builder = command(env, args);
        Path err = Files.createTempFile("switchboard", ".err");
        builder.redirectError(err.toFile());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        return new Split(exit, out, Files.readString(err));
    }

    @Test
    void everyCommandHasHelp() throws Exception {
        for (List<String> command : List.<List<String>>of(List.of(), List.of("serve"), List.of("tokens"), List.of("tokens", "create"),
                List.of("tokens", "list"), List.of("tokens", "revoke"), List.of("secrets", "reseal"),
                List.of("accounts"), List.of("accounts", "create"), List.of("accounts", "list"), List.of("accounts", "show"),
                List.of("accounts", "delete"), List.of("catalog", "check"), List.of("call"), List.of("migrate"),
                List.of("openapi"), List.of("webhooks", "listen"))) {
            var args = new ArrayList<>(command);
            args.add("--help");
            Run help = run(Map.of(), args.toArray(String[]::new));
            assertEquals(0, help.exitCode(), String.join(" ", command));
            assertTrue(help.output().contains("Usage: switchboard"), help.output());
        }
    }

    static Run run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Process process = command(env, args).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.waitFor(), output);
    }

    /** {@code switchboard <args>} in a JVM of its own, with only these SWITCHBOARD_* settings. */
    private static ProcessBuilder command(Map<String, String> env, String... args) {
        var command = new ArrayList<>(List.of(JAVA));
        command.addAll(QUICK_START);
        command.addAll(List.of("-Dlogback.configurationFile=logback.xml", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "dev.switchboard.Main"));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("SWITCHBOARD_"));
        builder.environment().putAll(env);
        return builder;
    }

    private static String line(String output, String label) {
        return output.lines().filter(l -> l.startsWith(label)).findFirst().orElseThrow()
                .substring(label.length()).trim();
    }
}
