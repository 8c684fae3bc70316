package dev.switchboard.integrations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.Harness;
import dev.switchboard.sandbox.Sandbox;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One provider's demo account on a Switchboard server that talks to the simulated providers,
 * as {@code serve --sandbox} sets it up, and the unified calls the integration tests make on it.
 * As a static {@code @RegisterExtension} field it starts before the class's tests and stops after
 * them, so each test class gets its own sandbox world and store.
 */
final class SandboxAccount implements BeforeAllCallback, AfterAllCallback {

    // A guard against a cursor that never ends, far above any simulated list.
    private static final int MOST_PAGES = 500;

    private final String integration;
    private final boolean rateLimited;
    private Sandbox sandbox;
    private Harness harness;
    private String id;

    private SandboxAccount(String integration, boolean rateLimited) {
        this.integration = integration;
        this.rateLimited = rateLimited;
    }

    /** The demo account of this integration ("ashby", "greenhouse", …), started once for a test class. */
    static SandboxAccount perClass(String integration) {
        return new SandboxAccount(integration, true);
    }

    /**
     * The same account with rate limits off ({@link Harness#sandboxConfigWithoutRateLimits}):
     * for a class whose subject is not the limit.
     */
    SandboxAccount withoutRateLimit() {
        return new SandboxAccount(integration, false);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        sandbox = Sandbox.start();
        // Token endpoints point at the sandbox as `serve --sandbox` sets them, whichever provider
        // the class tests: a provider signing in by API key never asks them.
        harness = Harness.start(rateLimited ? Harness.sandboxConfig(sandbox)
                : Harness.sandboxConfigWithoutRateLimits(sandbox));
        id = harness.demoAccounts(sandbox).get(integration);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        harness.close();
        sandbox.close();
    }

    Sandbox sandbox() {
        return sandbox;
    }

    Harness harness() {
        return harness;
    }

    /** The integrated account's id. */
    String id() {
        return id;
    }

    /** The path of a unified ATS resource ("candidates", "applications/42") for this account. */
    String path(String resource, String extraQuery) {
        return "/unified/ats/" + resource + "?integrated_account_id=" + id + extraQuery;
    }

    HttpResponse<String> get(String resource, String extraQuery) {
        return harness.get(path(resource, extraQuery));
    }

    /** A unified POST of this JSON, with an Idempotency-Key when one is given (null sends none). */
    HttpResponse<String> post(String resource, String json, String idempotencyKey) {
        // The harness sends the JSON Content-Type with any body.
        var headers = new HashMap<String, String>(Map.of("Authorization", "Bearer " + Harness.TOKEN));
        if (idempotencyKey != null) {
            headers.put("Idempotency-Key", idempotencyKey);
        }
        return harness.send("POST", path(resource, ""), json, headers);
    }

    /** The answer's JSON, once it is known to be a 200. */
    static Map<String, Object> ok(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return Harness.json(response);
    }

    /** Every item of a unified list in order, following next_cursor to the end as a client does. */
    List<Map<String, Object>> walk(String resource, String filters, int limit) {
        var items = new ArrayList<Map<String, Object>>();
        for (var page : pages(resource, filters, limit)) {
            items.addAll(page);
        }
        return items;
    }

    /** The pages of a unified list, each as it came, for tests that look at one page's size. */
    @SuppressWarnings("unchecked")
    List<List<Map<String, Object>>> pages(String resource, String filters, int limit) {
        var pages = new ArrayList<List<Map<String, Object>>>();
        String cursor = null;
        for (int page = 0; page < MOST_PAGES; page++) {
            var body = ok(get(resource, filters + "&limit=" + limit + (cursor == null ? ""
                    : "&next_cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8))));
            pages.add((List<Map<String, Object>>) body.get("result"));
            cursor = (String) body.get("next_cursor");
            if (cursor == null) {
                return pages;
            }
        }
        throw new AssertionError("more than " + MOST_PAGES + " pages");
    }

    /** A candidate's attachments, as the one page the API answers without a limit. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> attachments(String candidate) {
        return (List<Map<String, Object>>) ok(get("attachments", "&candidate_id=" + candidate)).get("result");
    }

    /**
     * The download of a listed file_url, asked as the account with this id: the tests ask as
     * another account too, to see a link that is not that account's refused.
     */
    HttpRequest downloadRequest(String accountId, String fileUrl) {
        String query = "?integrated_account_id=" + accountId
                + "&file_url=" + URLEncoder.encode(fileUrl, StandardCharsets.UTF_8);
        return HttpRequest.newBuilder(URI.create(harness.baseUrl() + "/unified/ats/attachments/download" + query))
                .header("Authorization", "Bearer " + Harness.TOKEN).POST(HttpRequest.BodyPublishers.noBody()).build();
    }

    /** A download's answer as this account, read whole. */
    HttpResponse<byte[]> download(String fileUrl) throws IOException, InterruptedException {
        return download(id, fileUrl);
    }

    /** A download's answer, read whole. */
    HttpResponse<byte[]> download(String accountId, String fileUrl) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(downloadRequest(accountId, fileUrl),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A download's answer as this account, as a stream: a large file is compared piece by piece as it comes. */
    HttpResponse<InputStream> stream(String fileUrl) throws IOException, InterruptedException {
        return stream(id, fileUrl);
    }

    /** A download's answer, as a stream. */
    HttpResponse<InputStream> stream(String accountId, String fileUrl) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(downloadRequest(accountId, fileUrl),
                HttpResponse.BodyHandlers.ofInputStream());
    }

    /** The items' ids, in order. */
    static List<Object> ids(List<Map<String, Object>> items) {
        return items.stream().map(item -> item.get("id")).toList();
    }

    /** The items' ids, where order does not matter and a repeat would not show. */
    static Set<Object> idSet(List<Map<String, Object>> items) {
        return items.stream().map(item -> item.get("id")).collect(Collectors.toSet());
    }
}
