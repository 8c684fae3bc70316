package dev.switchboard.listing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.Harness;
import dev.switchboard.sandbox.AshbySimulator;
import dev.switchboard.sandbox.LeverSimulator;
import dev.switchboard.sandbox.RecruiteeSimulator;
import dev.switchboard.sandbox.Sandbox;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GET /unified/ats/activities against the simulated providers, which page as each
 * provider documents: every note exactly once, whichever way a client pages.
 */
class ListActivitiesTest {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static Sandbox sandbox;
    static Harness harness;
    static Map<String, String> accounts;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start();
        harness = Harness.start();
        accounts = harness.demoAccounts(sandbox);
    }

    @AfterAll
    static void stop() {
        harness.close();
        sandbox.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ashby", "lever", "recruitee"})
    void aCandidateWith250NotesListsEachExactlyOnceFollowingNextCursorAsTrutosSdkDoes(String integration)
            throws Exception {
        String candidate = candidate(integration);
        Set<String> written = seed(integration, candidate, 250);
        // Truto's SDK Cursor asks for the first page with an empty next_cursor and follows it until null.
        List<String> listed = walk(integration, candidate, 100, "", page -> { });
        assertEquals(250, listed.size(), "no note repeated");
        assertEquals(written, new HashSet<>(listed), "no note lost");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ashby", "lever", "recruitee"})
    void notesAddedBetweenPagesNeitherHideNorRepeatTheOthers(String integration) throws Exception {
        String candidate = candidate(integration);
        Set<String> written = seed(integration, candidate, 120);
        var pages = new int[1];
        List<String> listed = walk(integration, candidate, 40, null, page -> {
            pages[0]++;
            seedQuietly(integration, candidate, 3);
        });
        assertTrue(pages[0] >= 3, "walked at least three pages: " + pages[0]);
        assertEquals(listed.size(), new HashSet<>(listed).size(), "no note repeated: " + listed);
        assertTrue(new HashSet<>(listed).containsAll(written), "every note that was there from the start is listed");
    }

    @Test
    void itemsAreUnifiedWithVisibilityAuthorAndTime() throws Exception {
        String candidate = candidate("lever");
        var created = harness.post(Harness.activities(accounts.get("lever"), "&remote_query[perform_as]="
                + LeverSimulator.OTHER_USER), "{\"candidate_id\": \"" + candidate + "\", \"body\": \"Private one\", "
                + "\"visibility\": \"private\", \"created_at\": \"2026-01-15T09:30:00Z\"}");
        assertEquals(201, created.statusCode(), created.body());
        var page = Harness.json(list("lever", candidate, ""));
        var item = (Map<?, ?>) ((List<?>) page.get("result")).get(0);
        assertEquals(Harness.json(created).get("id"), item.get("id"));
        assertEquals("Private one", item.get("body"));
        assertEquals("private", item.get("visibility"));
        assertEquals(Map.of("id", LeverSimulator.OTHER_USER, "type", "user"), item.get("actor"));
        assertEquals("2026-01-15T09:30:00.000Z", item.get("created_at"));
        assertEquals(Map.of("id", candidate), item.get("candidate"));
        assertTrue(item.get("remote_data") instanceof Map, "unified items carry remote_data");
        assertEquals(1, page.get("result_count"));
        assertNull(page.get("next_cursor"));
    }

    @Test
    void formatsAndOptionsApplyToEveryItem() throws Exception {
        String candidate = candidate("ashby");
        seed("ashby", candidate, 3);
        var normalized = Harness.json(list("ashby", candidate, "&truto_response_format=normalized"
                + "&truto_exclude_fields[]=actor"));
        for (Object item : (List<?>) normalized.get("result")) {
            assertFalse(((Map<?, ?>) item).containsKey("remote_data"));
            assertFalse(((Map<?, ?>) item).containsKey("actor"));
        }
        var ignored = Harness.json(list("ashby", candidate, "&truto_ignore_remote_data=true"));
        assertFalse(((Map<?, ?>) ((List<?>) ignored.get("result")).get(0)).containsKey("remote_data"));
        var raw = list("ashby", candidate, "&truto_response_format=raw");
        assertEquals(200, raw.statusCode());
        var providerPage = Harness.json(raw);
        assertEquals(true, providerPage.get("success"), "the provider's page as it came");
        assertEquals(3, ((List<?>) providerPage.get("results")).size());
    }

    @Test
    void deletedLeverNotesAreNotListed() throws Exception {
        String candidate = candidate("lever");
        List<String> ids = new ArrayList<>(seed("lever", candidate, 3));
        send("DELETE", sandbox.leverUrl() + "/opportunities/" + candidate + "/notes/" + ids.get(1),
                basic(LeverSimulator.API_KEY), null);
        List<String> listed = walk("lever", candidate, 100, null, page -> { });
        assertEquals(2, listed.size());
        assertFalse(listed.contains(ids.get(1)));
        var gone = harness.get("/unified/ats/activities/" + ids.get(1) + "?integrated_account_id="
                + accounts.get("lever") + "&candidate_id=" + candidate);
        assertEquals(404, gone.statusCode(), gone.body());
    }

    @Test
    void oneLeverNoteCanBeFetchedByIdAndOtherIntegrationsSaySoInJson() throws Exception {
        String candidate = candidate("lever");
        String id = seed("lever", candidate, 1).iterator().next();
        var one = harness.get("/unified/ats/activities/" + id + "?integrated_account_id=" + accounts.get("lever")
                + "&candidate_id=" + candidate);
        assertEquals(200, one.statusCode(), one.body());
        assertEquals(id, Harness.json(one).get("id"));
        assertEquals("seeded note 0", Harness.json(one).get("body"));

        var ashby = harness.get("/unified/ats/activities/" + id + "?integrated_account_id=" + accounts.get("ashby")
                + "&candidate_id=" + AshbySimulator.CANDIDATE_ID);
        assertEquals(400, ashby.statusCode());
        assertTrue(Harness.json(ashby).get("message").toString().contains("Ashby cannot fetch a single note"));
    }

    @Test
    void listingIsCountedAndRateLimitedLikeEveryProviderCall() throws Exception {
        String candidate = candidate("lever");
        seed("lever", candidate, 1);
        assertEquals(200, list("lever", candidate, "").statusCode());
        String metrics = harness.get("/metrics").body();
        assertTrue(metrics.lines().anyMatch(line -> line.startsWith("switchboard_requests_total")
                && line.contains("integration=\"lever\"") && line.contains("method=\"list\"")
                && line.contains("status=\"200\"")), metrics);
    }

    @Test
    void aMissingCandidateIsNamed() {
        var response = harness.get("/unified/ats/activities?integrated_account_id=" + accounts.get("recruitee"));
        assertEquals(400, response.statusCode());
        assertEquals(Map.of("missing_required_query_fields", List.of("candidate_id")),
                Harness.json(response).get("truto_error_insight"));
    }

    @Test
    void aBadLimitIsNamed() {
        var response = harness.get("/unified/ats/activities?integrated_account_id=" + accounts.get("lever")
                + "&candidate_id=x&limit=101");
        assertEquals(400, response.statusCode());
        assertTrue(((Map<?, ?>) Harness.json(response).get("truto_error_insight")).containsKey("invalid_query_fields"));
    }

    @Test
    void aTamperedOrForeignCursorIsRefused() throws Exception {
        String candidate = candidate("lever");
        seed("lever", candidate, 5);
        String cursor = (String) Harness.json(list("lever", candidate, "&limit=2")).get("next_cursor");
        assertTrue(cursor != null && cursor.matches("[A-Za-z0-9_-]+"), "opaque, URL-safe: " + cursor);
        char last = cursor.charAt(cursor.length() - 1);
        String tampered = cursor.substring(0, cursor.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertEquals(400, list("lever", candidate, "&next_cursor=" + tampered).statusCode());
        String other = candidate("lever");
        var foreign = list("lever", other, "&next_cursor=" + cursor);
        assertEquals(400, foreign.statusCode());
        assertEquals(Map.of("invalid_query_fields", Map.of("next_cursor", "is not a cursor of this account, list and filters")),
                Harness.json(foreign).get("truto_error_insight"));
        var otherAccount = harness.account("lever", Map.of("api_key", LeverSimulator.API_KEY, "base_url", sandbox.leverUrl()));
        assertEquals(400, harness.get("/unified/ats/activities?integrated_account_id=" + otherAccount + "&candidate_id="
                + candidate + "&next_cursor=" + cursor).statusCode());
    }

    /** Follows next_cursor until it is null, as Truto's SDK Cursor does; returns the ids in order. */
    private static List<String> walk(String integration, String candidate, int limit, String firstCursor,
            Consumer<Map<String, Object>> betweenPages) throws Exception {
        var ids = new ArrayList<String>();
        String cursor = firstCursor;
        for (int page = 0; page < 100; page++) {
            var response = list(integration, candidate, "&limit=" + limit
                    + (cursor == null ? "" : "&next_cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
            assertEquals(200, response.statusCode(), response.body());
            var body = Harness.json(response);
            var result = (List<?>) body.get("result");
            assertTrue(result.size() <= limit);
            assertEquals(result.size(), body.get("result_count"));
            result.forEach(item -> ids.add((String) ((Map<?, ?>) item).get("id")));
            cursor = (String) body.get("next_cursor");
            if (cursor == null) {
                return ids;
            }
            betweenPages.accept(body);
        }
        throw new AssertionError("next_cursor never ran out");
    }

    private static HttpResponse<String> list(String integration, String candidate, String extra) {
        return harness.get("/unified/ats/activities?integrated_account_id=" + accounts.get(integration)
                + "&candidate_id=" + candidate + extra);
    }

    private static String candidate(String integration) {
        String id = integration.equals("recruitee") ? String.valueOf(ThreadLocalRandom.current().nextLong(1, 1L << 40))
                : java.util.UUID.randomUUID().toString();
        switch (integration) {
            case "ashby" -> sandbox.ashby().addCandidate(id);
            case "lever" -> sandbox.lever().addCandidate(id);
            default -> sandbox.recruitee().addCandidate(id);
        }
        return id;
    }

    private static void seedQuietly(String integration, String candidate, int count) {
        try {
            seed(integration, candidate, count);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes notes straight into the simulated provider, as its own users would; returns their ids. */
    private static Set<String> seed(String integration, String candidate, int count) throws Exception {
        var ids = new LinkedHashSet<String>();
        for (int i = 0; i < count; i++) {
            String text = "seeded note " + i;
            switch (integration) {
                case "ashby" -> ids.add((String) ((Map<?, ?>) Harness.json(send("POST", sandbox.ashbyUrl()
                        + "/candidate.createNote", basic(AshbySimulator.API_KEY),
                        "{\"candidateId\": \"" + candidate + "\", \"note\": \"" + text + "\"}")).get("results")).get("id"));
                case "lever" -> ids.add((String) ((Map<?, ?>) Harness.json(send("POST", sandbox.leverUrl()
                        + "/opportunities/" + candidate + "/notes", basic(LeverSimulator.API_KEY),
                        "{\"value\": \"" + text + "\"}")).get("data")).get("noteId"));
                default -> ids.add(String.valueOf(((Map<?, ?>) Harness.json(send("POST", sandbox.recruiteeUrl() + "/c/"
                        + RecruiteeSimulator.COMPANY_ID + "/candidates/" + candidate + "/notes",
                        "Bearer " + RecruiteeSimulator.API_TOKEN, "{\"note\": {\"body\": \"" + text + "\"}}"))
                        .get("note")).get("id")));
            }
        }
        return ids;
    }

    private static HttpResponse<String> send(String method, String url, String authorization, String body)
            throws Exception {
        var builder = HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        var response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(response.statusCode() < 300, response.body());
        return response;
    }

    private static String basic(String key) {
        return "Basic " + Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8));
    }
}
