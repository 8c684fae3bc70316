package dev.switchboard.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.switchboard.Harness;
import dev.switchboard.sandbox.LeverSimulator;
import dev.switchboard.sandbox.Sandbox;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each way a provider can fail a create, in front of the simulated Lever: what the caller
 * gets, how many notes exist afterwards (one, or none with an honest error), and that the
 * server goes on serving.
 */
class FaultSuiteTest {

    static final ForwardToSandbox FORWARD = new ForwardToSandbox();
    static final String CREATE = "/v1/opportunities/.*/notes";

    @RegisterExtension
    static WireMockExtension lever = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(FORWARD)).build();

    static Sandbox sandbox;
    static Harness harness;
    static String account;
    String candidate;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start();
        FORWARD.target(sandbox.leverUrl().replace("/v1", ""));
        harness = Harness.start(Harness.sqliteConfig()
                .withRemoteTimeouts(Duration.ofMillis(500), Duration.ofMillis(800))
                .withRetryBudget(Duration.ofMillis(2500)));
        account = harness.account("lever", Map.of("api_key", LeverSimulator.API_KEY, "base_url", lever.baseUrl() + "/v1"));
    }

    @AfterAll
    static void stop() {
        harness.close();
        sandbox.close();
    }

    @BeforeEach
    void aFreshCandidateAndAnHonestProvider() {
        candidate = UUID.randomUUID().toString();
        sandbox.lever().addCandidate(candidate);
        // Whatever a test does not stub reaches the simulator as it is (listing notes, above all).
        lever.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withTransformers(ForwardToSandbox.NAME)));
    }

    @Test
    void connectionResetBeforeTheProviderActedIsAnHonest502() {
        failCreate(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        assertUnknown(create(), 502);
        assertNotes(0);
    }

    @Test
    void connectionResetAfterTheProviderActedFindsTheNote() {
        failCreate(afterActing().withFault(Fault.CONNECTION_RESET_BY_PEER));
        assertRecovered(create());
        assertNotes(1);
    }

    @Test
    void anEmptyResponseAfterActingFindsTheNote() {
        failCreate(afterActing().withFault(Fault.EMPTY_RESPONSE));
        assertRecovered(create());
        assertNotes(1);
    }

    @Test
    void garbageBytesAfterActingFindTheNote() {
        failCreate(afterActing().withFault(Fault.RANDOM_DATA_THEN_CLOSE));
        assertRecovered(create());
        assertNotes(1);
    }

    @Test
    void truncatedJsonAfterActingFindsTheNote() {
        failCreate(afterActing().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"data\": {\"id\": \"n-1\", \"fields\": ["));
        assertRecovered(create());
        assertNotes(1);
    }

    @Test
    void anHtml502PageAfterActingFindsTheNote() {
        failCreate(afterActing().withStatus(502).withHeader("Content-Type", "text/html")
                .withBody("<html><body><h1>502 Bad Gateway</h1></body></html>"));
        assertRecovered(create());
        assertNotes(1);
    }

    @Test
    void anHtml502PageBeforeActingIsAnHonest502() {
        failCreate(aResponse().withStatus(502).withHeader("Content-Type", "text/html")
                .withBody("<html><body><h1>502 Bad Gateway</h1></body></html>"));
        var response = create();
        assertUnknown(response, 502);
        assertEquals("<html><body><h1>502 Bad Gateway</h1></body></html>", Harness.json(response).get("raw_response"));
        assertNotes(0);
    }

    @Test
    void aSlowBodyPastTheDeadlineFindsTheNote() {
        long started = System.nanoTime();
        failCreate(afterActing().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"data\": {\"id\": \"n-1\", \"padding\": \"" + "x".repeat(200) + "\"}}")
                .withChunkedDribbleDelay(20, 5_000));
        assertRecovered(create());
        assertTrue((System.nanoTime() - started) / 1_000_000 < 3_000, "the slow body did not hold the request");
        assertNotes(1);
    }

    @Test
    void aSlowAnswerBeforeActingTimesOutHonestly() {
        failCreate(aResponse().withStatus(201).withFixedDelay(3_000));
        assertUnknown(create(), 504);
        assertNotes(0);
    }

    @Test
    void a429StormIsWaitedOutWithinTheBudgetThenPassedOn() {
        failCreate(aResponse().withStatus(429).withHeader("Retry-After", "1")
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\": \"TooManyRequests\", \"message\": \"slow down\"}"));
        var response = create();
        assertEquals(429, response.statusCode(), response.body());
        assertEquals("1", response.headers().firstValue("Retry-After").orElse(""));
        int attempts = lever.findAll(postRequestedFor(urlPathMatching(CREATE))).size();
        assertTrue(attempts >= 2 && attempts <= 3, "retried within the 2.5 s budget: " + attempts);
        assertNotes(0);
    }

    @Test
    void aProviderThatIsDownIs502AndNothingIsWritten() throws Exception {
        int closed;
        try (var socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        String down = harness.account("lever", Map.of("api_key", LeverSimulator.API_KEY,
                "base_url", "http://127.0.0.1:" + closed + "/v1"));
        var response = harness.post(Harness.activities(down, ""),
                "{\"candidate_id\": \"" + candidate + "\", \"body\": \"note\"}");
        assertEquals(502, response.statusCode(), response.body());
        assertTrue(Harness.json(response).get("message").toString().contains("was refused"), response.body());
        assertEquals("refused", ((Map<?, ?>) Harness.json(response).get("truto_error_insight")).get("network_error"));
        assertNotes(0);
    }

    @Test
    void anotherUsersPrivateNoteWithTheSameTextIsNeverClaimed() {
        // One user writes a private note; seconds later another user's identical public note
        // fails with a 500 before Lever wrote it.
        assertEquals(201, create("Call went well", "private", "").statusCode());
        failCreate(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                .withBody("{\"code\": \"InternalServerError\", \"message\": \"Something went wrong\"}"));
        var response = create("Call went well", "public", "");
        assertOutcomeUnknown(response, 502);
        assertEquals(1, sandbox.lever().notesOf(candidate).size(), "only the first user's note exists");
    }

    @Test
    void anIdenticalNoteByAnotherActingUserIsNeverClaimed() {
        assertEquals(201, create("Call went well", "public", "&remote_query[perform_as]=" + LeverSimulator.KEY_OWNER)
                .statusCode());
        failCreate(aResponse().withStatus(500));
        assertOutcomeUnknown(create("Call went well", "public", "&remote_query[perform_as]=" + LeverSimulator.OTHER_USER),
                502);
    }

    @Test
    void anIdenticalNoteWrittenBeforeTheRequestWasSentIsNeverClaimed() throws Exception {
        assertEquals(201, create("Call went well", "public", "").statusCode());
        // Past the margin the reconciler allows for the provider's clock (its Date header, to the second).
        Thread.sleep(2_500);
        failCreate(aResponse().withStatus(500));
        assertOutcomeUnknown(create("Call went well", "public", ""), 502);
    }

    @Test
    void twoNotesThatBothMatchLeaveTheOutcomeUnknown() throws Exception {
        // Someone else writes the same note straight into Lever at the same moment this create
        // lands and fails: either could be ours, so neither is claimed.
        writeDirectly("Call went well");
        failCreate(afterActing().withStatus(500).withBody("{\"code\": \"InternalServerError\"}"));
        assertOutcomeUnknown(create("Call went well", "public", ""), 502);
        assertEquals(2, sandbox.lever().notesOf(candidate).size());
    }

    @Test
    void aSearchThatCannotFinishIsNeverTakenForNotFound() {
        // The note lands, its answer is lost, and listing the notes to look for it fails too:
        // the retry with the same key must not write a second note while the first may exist.
        failCreate(afterActing().withStatus(500).withBody("{\"code\": \"InternalServerError\"}"));
        lever.stubFor(get(urlPathMatching(CREATE)).atPriority(1).willReturn(aResponse().withStatus(503)));
        var key = Map.of("Authorization", "Bearer " + Harness.TOKEN, "Idempotency-Key", "search-fails-" + candidate);
        String body = "{\"candidate_id\": \"" + candidate + "\", \"body\": \"fault suite note\"}";
        assertOutcomeUnknown(harness.send("POST", Harness.activities(account, ""), body, key), 502);
        var retry = harness.send("POST", Harness.activities(account, ""), body, key);
        assertOutcomeUnknown(retry, 502);
        assertTrue(Harness.json(retry).get("message").toString().contains("nothing was sent again"), retry.body());
        assertEquals(1, lever.findAll(postRequestedFor(urlPathMatching(CREATE))).size(), "never sent twice");

        // Once the list answers, the next retry finds the note the first attempt wrote.
        lever.resetAll();
        lever.stubFor(any(anyUrl()).willReturn(aResponse().withTransformers(ForwardToSandbox.NAME)));
        var found = harness.send("POST", Harness.activities(account, ""), body, key);
        assertEquals(201, found.statusCode(), found.body());
        assertEquals("true", found.headers().firstValue("x-switchboard-recovered").orElse(""));
        assertEquals(1, sandbox.lever().notesOf(candidate).size());
        assertEquals(0, lever.findAll(postRequestedFor(urlPathMatching(CREATE))).size(), "nothing sent after the reset");
    }

    @Test
    void aPrivateNoteThatLandedBeforeA500IsFoundAsPrivate() {
        failCreate(afterActing().withStatus(500).withBody("{\"code\": \"InternalServerError\"}"));
        var response = create("Call went well", "private", "");
        assertEquals(201, response.statusCode(), response.body());
        assertEquals("true", response.headers().firstValue("x-switchboard-recovered").orElse(""));
        assertEquals("private", Harness.json(response).get("visibility"));
    }

    private void writeDirectly(String text) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(sandbox.leverUrl() + "/opportunities/" + candidate
                + "/notes")).header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((LeverSimulator.API_KEY + ":").getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString("{\"value\": \"" + text + "\"}")).build();
        assertEquals(201, HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    private HttpResponse<String> create(String text, String visibility, String query) {
        return harness.post(Harness.activities(account, query), "{\"candidate_id\": \"" + candidate
                + "\", \"body\": \"" + text + "\", \"visibility\": \"" + visibility + "\"}");
    }

    /** Not claimed, not sent twice: the caller hears the outcome is unknown. */
    private static void assertOutcomeUnknown(HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode(), response.body());
        assertFalse(response.headers().firstValue("x-switchboard-recovered").isPresent());
        assertEquals("unknown", ((Map<?, ?>) Harness.json(response).get("truto_error_insight")).get("outcome"));
    }

    private static ResponseDefinitionBuilder afterActing() {
        return aResponse().withTransformers(ForwardToSandbox.NAME);
    }

    private static void failCreate(ResponseDefinitionBuilder answer) {
        lever.stubFor(post(urlPathMatching(CREATE)).atPriority(1).willReturn(answer));
    }

    private HttpResponse<String> create() {
        return harness.post(Harness.activities(account, ""),
                "{\"candidate_id\": \"" + candidate + "\", \"body\": \"fault suite note\"}");
    }

    private void assertRecovered(HttpResponse<String> response) {
        assertEquals(201, response.statusCode(), response.body());
        assertEquals("true", response.headers().firstValue("x-switchboard-recovered").orElse(""));
        var body = Harness.json(response);
        assertEquals("fault suite note", body.get("body"));
        assertEquals(sandbox.lever().notesOf(candidate).get(0).get("id"), body.get("id"));
        assertEquals(1, lever.findAll(postRequestedFor(urlPathMatching(CREATE))).size(), "never sent twice");
    }

    private static void assertUnknown(HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode(), response.body());
        var body = Harness.json(response);
        assertEquals(true, body.get("truto_is_remote_error"));
        assertEquals("unknown", ((Map<?, ?>) body.get("truto_error_insight")).get("outcome"));
        assertEquals(1, lever.findAll(postRequestedFor(urlPathMatching(CREATE))).size(), "never sent twice");
    }

    /** The notes at the provider, and a server still healthy enough to write the next one. */
    private void assertNotes(int expected) {
        assertEquals(expected, sandbox.lever().notesOf(candidate).size());
        lever.resetAll();
        lever.stubFor(any(anyUrl()).willReturn(aResponse().withTransformers(ForwardToSandbox.NAME)));
        assertEquals(200, harness.send("GET", "/health", null, Map.of()).statusCode());
        assertEquals(201, create().statusCode());
    }
}
