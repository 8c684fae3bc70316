package dev.switchboard.reads;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.switchboard.ChildServer;
import dev.switchboard.Harness;
import dev.switchboard.TempDirs;
import dev.switchboard.catalog.TestCatalogs;
import dev.switchboard.mapping.Json;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Downloads through the catalog's file links: a list hands out each attachment's link sealed
 * to the account; the download follows it under the account's API with its credentials, then
 * a redirect to a storage host without them, and streams the bytes with their type, length and
 * name. Links a caller makes up, takes from another account, or that lead elsewhere are never
 * fetched. The provider is played by a small HTTP server shaped like Lever's files API
 * (hire.lever.co/developer/documentation#list-all-files: {"data": [{id, name, downloadUrl, …}]},
 * and #download-a-file, which answers the file or a redirect to it); the integration's
 * attachments are catalog files added for this test.
 */
class DownloadTest {

    static final byte[] PDF = "%PDF-1.4 a small resume".getBytes(StandardCharsets.US_ASCII);
    static final long LARGE = 200L * 1024 * 1024;
    static HttpServer provider;
    static HttpServer storage;
    static Path catalog;
    static Harness harness;
    static String account;

    @BeforeAll
    static void start() throws Exception {
        storage = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        storage.createContext("/bucket/resume.pdf", exchange -> {
            if (exchange.getRequestHeaders().containsKey("Authorization")) {
                exchange.sendResponseHeaders(400, -1); // credentials never go to storage
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", "application/pdf");
            exchange.getResponseHeaders().add("Content-Disposition", "attachment; filename=\"resume.pdf\"");
            exchange.sendResponseHeaders(200, PDF.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(PDF);
            }
        });
        storage.createContext("/bucket/large.bin", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
            exchange.sendResponseHeaders(200, LARGE);
            try (OutputStream out = exchange.getResponseBody()) {
                byte[] chunk = chunk();
                for (long sent = 0; sent < LARGE; sent += chunk.length) {
                    out.write(chunk);
                }
            }
        });
        storage.start();
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String api = "http://127.0.0.1:" + provider.getAddress().getPort() + "/v1";
        // The storage host by another name than the API's, as a provider's bucket is.
        String bucket = "http://localhost:" + storage.getAddress().getPort() + "/bucket";
        provider.createContext("/v1/opportunities/o1/files", exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (path.endsWith("/download")) {
                String file = path.contains("/f2/") ? "large.bin" : "resume.pdf";
                exchange.getResponseHeaders().add("Location", bucket + "/" + file + "?signature=abc");
                exchange.sendResponseHeaders(302, -1);
                return;
            }
            String body = Json.writeString(Map.of("hasNext", false, "data", List.of(
                    Map.of("id", "f1", "name", "resume.pdf", "downloadUrl", api + "/opportunities/o1/files/f1/download"),
                    Map.of("id", "f2", "name", "large.bin", "downloadUrl", api + "/opportunities/o1/files/f2/download"),
                    Map.of("id", "f3", "name", "elsewhere.pdf", "downloadUrl", "http://127.0.0.2:9/elsewhere.pdf"))));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        provider.start();

        catalog = TestCatalogs.copyInto(TempDirs.create("downloads"));
        // The attachments model with Truto's fields, with Lever taking part for this test.
        Path model = catalog.resolve("models/ats/attachments.json");
        TestCatalogs.withoutIntegrations(catalog, "ats/attachments");
        TestCatalogs.takePart(model, "list", "lever", Map.of("required", List.of("candidate_id")));
        TestCatalogs.takePart(model, "download", "lever", Map.of());
        // The test's list: the bundled attachments were taken out of the copy.
        Path integration = catalog.resolve("integrations/lever/integration.json");
        @SuppressWarnings("unchecked")
        var definition = (Map<String, Object>) Json.parse(Files.readAllBytes(integration));
        @SuppressWarnings("unchecked")
        var resources = (Map<String, Object>) definition.get("resources");
        resources.put("ats/attachments", Map.of("list", Map.of("method", "GET",
                "path", "/opportunities/{opportunity_id}/files")));
        Files.writeString(integration, Json.writeString(definition));
        Path list = Files.createDirectories(catalog.resolve("integrations/lever/ats/attachments/list"));
        Files.writeString(list.resolve("path.jsonata"), "{\"opportunity_id\": query.candidate_id}");
        Files.writeString(list.resolve("response.jsonata"), """
                {"results": [response.data.{"id": id, "file_name": name, "file_url": downloadUrl,
                  "candidate": {"id": $$.request.query.candidate_id}, "remote_data": $}],
                 "next_cursor": response.hasNext = true ? response.next}
                """);
        harness = Harness.start(Harness.sqliteConfig().withEnvironment(Map.of("SWITCHBOARD_CATALOG", catalog.toString())));
        account = harness.account("lever", Map.of("api_key", "key-1", "base_url", api));
    }

    @AfterAll
    static void stop() {
        harness.close();
        provider.stop(0);
        storage.stop(0);
    }

    private static List<Map<String, Object>> attachments(String accountId) {
        var page = harness.get("/unified/ats/attachments?integrated_account_id=" + accountId + "&candidate_id=o1");
        assertEquals(200, page.statusCode(), page.body());
        @SuppressWarnings("unchecked")
        var result = (List<Map<String, Object>>) Harness.json(page).get("result");
        return result;
    }

    private static HttpResponse<byte[]> download(String base, String accountId, String fileUrl) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base
                        + "/unified/ats/attachments/download?integrated_account_id=" + accountId + "&file_url="
                        + URLEncoder.encode(fileUrl, StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + Harness.TOKEN).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void aListedFileDownloadsWithItsTypeLengthAndName() throws Exception {
        var resume = attachments(account).get(0);
        assertTrue(!((String) resume.get("file_url")).contains("127.0.0.1"), "the provider's link is not shown");
        var answer = download(harness.baseUrl(), account, (String) resume.get("file_url"));
        assertEquals(200, answer.statusCode(), new String(answer.body(), StandardCharsets.UTF_8));
        assertArrayEquals(PDF, answer.body());
        assertEquals("application/pdf", answer.headers().firstValue("Content-Type").orElse(""));
        assertEquals(String.valueOf(PDF.length), answer.headers().firstValue("Content-Length").orElse(""));
        assertEquals("attachment; filename=\"resume.pdf\"", answer.headers().firstValue("Content-Disposition").orElse(""));
    }

    @Test
    void aMadeUpOrForeignLinkIsRefusedAndNeverFetched() throws Exception {
        var made = download(harness.baseUrl(), account, "http://127.0.0.1:" + provider.getAddress().getPort()
                + "/v1/opportunities/o1/files/f1/download");
        assertEquals(400, made.statusCode());
        assertTrue(new String(made.body(), StandardCharsets.UTF_8).contains("file_url"));

        String other = harness.account("lever", Map.of("api_key", "key-2", "base_url", "http://127.0.0.1:"
                + provider.getAddress().getPort() + "/v1"));
        var foreign = download(harness.baseUrl(), other, (String) attachments(account).get(0).get("file_url"));
        assertEquals(400, foreign.statusCode(), "another account's link is not this account's");
    }

    @Test
    void aLinkOutsideTheProviderAndItsStorageIsNotFollowed() throws Exception {
        var elsewhere = download(harness.baseUrl(), account, (String) attachments(account).get(2).get("file_url"));
        assertEquals(502, elsewhere.statusCode());
        assertTrue(new String(elsewhere.body(), StandardCharsets.UTF_8).contains("127.0.0.2"));
    }

    @Test
    void aFileOverTheLimitIsRefusedNamingIt() throws Exception {
        try (var small = Harness.start(Harness.sqliteConfig().withEnvironment(Map.of(
                "SWITCHBOARD_CATALOG", catalog.toString(), "SWITCHBOARD_MAX_FILE_BYTES", "1024")))) {
            String id = small.account("lever", Map.of("api_key", "key-1", "base_url", "http://127.0.0.1:"
                    + provider.getAddress().getPort() + "/v1"));
            var page = small.get("/unified/ats/attachments?integrated_account_id=" + id + "&candidate_id=o1");
            @SuppressWarnings("unchecked")
            var large = ((List<Map<String, Object>>) Harness.json(page).get("result")).get(1);
            var answer = download(small.baseUrl(), id, (String) large.get("file_url"));
            assertEquals(502, answer.statusCode());
            assertTrue(new String(answer.body(), StandardCharsets.UTF_8).contains("SWITCHBOARD_MAX_FILE_BYTES"));
        }
    }

    @Test
    void a200MegabyteFilePassesThroughA128MegabyteHeapUnchanged() throws Exception {
        try (var switchboard = ChildServer.start(List.of("-Xmx128m"), List.of("serve"), Map.of(
                "SWITCHBOARD_API_TOKEN", Harness.TOKEN, "SWITCHBOARD_CATALOG", catalog.toString(),
                "SWITCHBOARD_ALLOWED_HOSTS", "http://127.0.0.1,http://localhost"))) {
            var http = HttpClient.newHttpClient();
            var created = http.send(HttpRequest.newBuilder(URI.create(switchboard.baseUrl() + "/integrated-accounts?connect_check=skip"))
                    .header("Authorization", "Bearer " + Harness.TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofString(Json.writeString(Map.of("integration", "lever",
                            "tenant_id", "t", "context", Map.of("api_key", "k", "base_url", "http://127.0.0.1:"
                                    + provider.getAddress().getPort() + "/v1"))))).build(),
                    HttpResponse.BodyHandlers.ofString());
            String id = (String) Harness.json(created).get("id");
            var page = http.send(HttpRequest.newBuilder(URI.create(switchboard.baseUrl()
                    + "/unified/ats/attachments?integrated_account_id=" + id + "&candidate_id=o1"))
                    .header("Authorization", "Bearer " + Harness.TOKEN).build(), HttpResponse.BodyHandlers.ofString());
            @SuppressWarnings("unchecked")
            String fileUrl = (String) ((List<Map<String, Object>>) Harness.json(page).get("result")).get(1).get("file_url");
            var answer = http.send(HttpRequest.newBuilder(URI.create(switchboard.baseUrl()
                            + "/unified/ats/attachments/download?integrated_account_id=" + id + "&file_url="
                            + URLEncoder.encode(fileUrl, StandardCharsets.UTF_8)))
                    .header("Authorization", "Bearer " + Harness.TOKEN).POST(HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, answer.statusCode());
            assertEquals(String.valueOf(LARGE), answer.headers().firstValue("Content-Length").orElse(""));
            var digest = MessageDigest.getInstance("SHA-256");
            long received = 0;
            try (InputStream body = answer.body()) {
                byte[] buffer = new byte[64 * 1024];
                for (int read; (read = body.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, read);
                    received += read;
                }
            }
            assertEquals(LARGE, received);
            assertEquals(expectedHash(), HexFormat.of().formatHex(digest.digest()), "the bytes arrived unchanged");
            long rssKb = switchboard.residentKilobytes();
            assertTrue(rssKb < 400 * 1024, "peak RSS under 400 MB, was " + rssKb / 1024 + " MB");
        }
    }

    private static byte[] chunk() {
        byte[] chunk = new byte[64 * 1024];
        for (int i = 0; i < chunk.length; i++) {
            chunk[i] = (byte) (i * 31 + 7);
        }
        return chunk;
    }

    private static String expectedHash() throws Exception {
        var digest = MessageDigest.getInstance("SHA-256");
        byte[] chunk = chunk();
        for (long sent = 0; sent < LARGE; sent += chunk.length) {
            digest.update(chunk);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
