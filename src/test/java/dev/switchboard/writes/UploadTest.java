package dev.switchboard.writes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.switchboard.Harness;
import dev.switchboard.TempDirs;
import dev.switchboard.catalog.TestCatalogs;
import dev.switchboard.mapping.Json;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Uploads, declared in catalog files: a caller sends a file as a multipart part or as base64
 * in JSON; the provider gets it in the form its endpoint takes — a multipart form (Lever's
 * "Upload a single file", hire.lever.co/developer/documentation#upload-a-single-file: part
 * {@code file}) or JSON with base64 at a path (as Greenhouse's v3 attachment {@code content}
 * is) — and one Idempotency-Key makes one file. The provider is a small HTTP server that keeps
 * what it was sent; the integrations' attachments are catalog files added for this test.
 */
class UploadTest {

    static final byte[] DOCX = "PK\u0003\u0004 a small cover letter, docx-shaped".getBytes(StandardCharsets.ISO_8859_1);
    static final List<byte[]> received = new CopyOnWriteArrayList<>();
    static final List<String> types = new CopyOnWriteArrayList<>();
    static HttpServer provider;
    static Harness harness;
    static String lever;
    static String recruitee;

    @BeforeAll
    static void start() throws Exception {
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        provider.createContext("/", exchange -> {
            received.add(exchange.getRequestBody().readAllBytes());
            types.add(exchange.getRequestHeaders().getFirst("Content-Type"));
            byte[] answer = Json.write(Map.of("data", Map.of("id", "file-" + received.size(), "name", "letter.docx")));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(201, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        provider.start();
        String base = "http://127.0.0.1:" + provider.getAddress().getPort();

        Path catalog = TestCatalogs.copyInto(TempDirs.create("uploads"));
        Path model = catalog.resolve("models/ats/attachments.json");
        TestCatalogs.withoutIntegrations(catalog, "ats/attachments");
        TestCatalogs.takePart(model, "create", "lever", Map.of("required", List.of("candidate_id", "file"),
                "supported", List.of("file_name")));
        TestCatalogs.takePart(model, "create", "recruitee", Map.of("required", List.of("candidate_id", "file"),
                "supported", List.of("file_name", "attachment_type")));
        addCreate(catalog, "lever", "/opportunities/{opportunity_id}/files",
                "{\"format\": \"multipart\", \"part\": \"file\"}", "{\"opportunity_id\": body.candidate_id}", "{}");
        addCreate(catalog, "recruitee", "/c/{company_id}/candidates/{candidate_id}/attachments",
                "{\"format\": \"json_base64\", \"content_path\": \"attachment.file\"}",
                "{\"company_id\": context.company_id, \"candidate_id\": body.candidate_id}",
                "{\"attachment\": {\"name\": body.file.file_name, \"kind\": body.attachment_type}}");
        harness = Harness.start(Harness.sqliteConfig().withEnvironment(Map.of("SWITCHBOARD_CATALOG", catalog.toString(),
                "SWITCHBOARD_MAX_FILE_BYTES", "1048576")));
        lever = harness.account("lever", Map.of("api_key", "key-1", "base_url", base + "/v1"));
        recruitee = harness.account("recruitee", Map.of("api_token", "t", "company_id", "7", "base_url", base));
    }

    private static void addCreate(Path catalog, String integration, String path, String upload, String pathMapping,
            String bodyMapping) throws Exception {
        // The test's attachments: the bundled ones were taken out of the copy.
        Path file = catalog.resolve("integrations/" + integration + "/integration.json");
        @SuppressWarnings("unchecked")
        var definition = (Map<String, Object>) Json.parse(Files.readAllBytes(file));
        @SuppressWarnings("unchecked")
        var resources = (Map<String, Object>) definition.get("resources");
        resources.put("ats/attachments", Map.of("create", Map.of("method", "POST", "path", path,
                "upload", Json.parse(upload.getBytes(StandardCharsets.UTF_8)))));
        Files.writeString(file, Json.writeString(definition));
        Path create = Files.createDirectories(catalog.resolve("integrations/" + integration + "/ats/attachments/create"));
        Files.writeString(create.resolve("path.jsonata"), pathMapping);
        Files.writeString(create.resolve("request_body.jsonata"), bodyMapping);
        Files.writeString(create.resolve("response.jsonata"),
                "{\"id\": response.data.id, \"file_name\": response.data.name, "
                        + "\"candidate\": {\"id\": request.body.candidate_id}}");
    }

    @AfterAll
    static void stop() {
        harness.close();
        provider.stop(0);
    }

    @BeforeEach
    void reset() {
        received.clear();
        types.clear();
    }

    private static HttpResponse<String> multipart(String account, String key, byte[] file) throws Exception {
        String boundary = "test-" + UUID.randomUUID();
        var body = new java.io.ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"candidate_id\"\r\n\r\nc1\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"letter.docx\"\r\n"
                + "Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(file);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        var request = HttpRequest.newBuilder(URI.create(harness.baseUrl() + "/unified/ats/attachments?integrated_account_id="
                        + account)).header("Authorization", "Bearer " + Harness.TOKEN)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The file part of a multipart body, as the provider got it. */
    private static byte[] filePart(byte[] body) {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        int header = text.indexOf("name=\"file\"; filename=\"letter.docx\"");
        int start = text.indexOf("\r\n\r\n", header) + 4;
        int end = text.indexOf("\r\n--", start);
        return text.substring(start, end).getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void aMultipartFileReachesAMultipartProviderUnchanged() throws Exception {
        var answer = multipart(lever, null, DOCX);
        assertEquals(201, answer.statusCode(), answer.body());
        assertEquals("letter.docx", Harness.json(answer).get("file_name"));
        assertEquals(1, received.size());
        assertTrue(types.get(0).startsWith("multipart/form-data; boundary="), types.get(0));
        assertArrayEquals(DOCX, filePart(received.get(0)));
    }

    @Test
    void aBase64JsonFileReachesAJsonProviderAsBase64AtItsPath() throws Exception {
        String json = Json.writeString(Map.of("candidate_id", "c1", "file_name", "letter.docx",
                "attachment_type", "cover_letter", "content", Base64.getEncoder().encodeToString(DOCX)));
        var answer = harness.post("/unified/ats/attachments?integrated_account_id=" + recruitee, json);
        assertEquals(201, answer.statusCode(), answer.body());
        @SuppressWarnings("unchecked")
        var sent = (Map<String, Object>) ((Map<String, Object>) Json.parse(received.get(0))).get("attachment");
        assertEquals("letter.docx", sent.get("name"));
        assertEquals("cover_letter", sent.get("kind"));
        assertArrayEquals(DOCX, Base64.getDecoder().decode((String) sent.get("file")));
    }

    @Test
    void oneIdempotencyKeyMakesOneFile() throws Exception {
        String key = UUID.randomUUID().toString();
        assertEquals(201, multipart(lever, key, DOCX).statusCode());
        var again = multipart(lever, key, DOCX);
        assertEquals(201, again.statusCode());
        assertEquals("true", again.headers().firstValue("idempotent-replayed").orElse(""));
        assertEquals(1, received.size(), "the provider got the file once");
        var other = multipart(lever, key, "another file".getBytes(StandardCharsets.UTF_8));
        assertEquals(422, other.statusCode(), "the key stands for that file, not another");
    }

    @Test
    void aFileOverTheLimitIs413AndNothingIsSent() throws Exception {
        var answer = multipart(lever, null, new byte[1_048_577]);
        assertEquals(413, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("SWITCHBOARD_MAX_FILE_BYTES"));
        assertEquals(0, received.size());
    }

    @Test
    void aBase64FileWithoutANameIsRefusedBeforeAnythingIsSent() {
        String json = Json.writeString(Map.of("candidate_id", "c1", "content", Base64.getEncoder().encodeToString(DOCX)));
        var answer = harness.post("/unified/ats/attachments?integrated_account_id=" + recruitee, json);
        assertEquals(400, answer.statusCode(), answer.body());
        assertEquals(0, received.size());
    }
}
