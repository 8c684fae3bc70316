package dev.switchboard.hostile;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.switchboard.Harness;
import dev.switchboard.mapping.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A provider whose next page points somewhere else: another port, or a path outside the
 * account's API. Following it would send the account's credentials there, so Switchboard
 * answers 502 and never calls it.
 */
class ForeignNextPageTest {

    @RegisterExtension
    static WireMockExtension provider = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    static WireMockExtension elsewhere = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    static final Harness harness = Harness.perClass();

    @Test
    void aNextUrlOnAnotherServerIsNotFollowed() {
        assertRefused(elsewhere.baseUrl() + "/spi/v3/candidates/c1/activities?since_id=1");
        assertEquals(0, elsewhere.findAll(anyRequestedFor(anyUrl())).size(), "nothing reached the other server");
    }

    @Test
    void aNextUrlOutsideTheApiPathIsNotFollowed() {
        assertRefused(provider.baseUrl() + "/admin/export?since_id=1");
        assertRefused(provider.baseUrl() + "/spi/v3/../admin?since_id=1");
        assertRefused(provider.baseUrl() + "/spi/v30/candidates?since_id=1");
    }

    @Test
    void aNextUrlUnderTheApiIsFollowed() {
        stubFirstPage(provider.baseUrl() + "/spi/v3/candidates/c1/activities?since_id=1");
        provider.stubFor(get(urlPathEqualTo("/spi/v3/candidates/c1/activities")).withQueryParam("since_id",
                com.github.tomakehurst.wiremock.client.WireMock.equalTo("1")).atPriority(1)
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(Json.writeString(
                        Map.of("activities", List.of(comment("2")))))));
        var page = harness.get(list(account()));
        assertEquals(200, page.statusCode(), page.body());
        assertEquals(2, ((List<?>) Harness.json(page).get("result")).size());
    }

    private void assertRefused(String next) {
        provider.resetAll();
        elsewhere.resetAll();
        stubFirstPage(next);
        var page = harness.get(list(account()));
        assertEquals(502, page.statusCode(), page.body());
        assertTrue(page.body().contains("outside the account's API"), page.body());
        assertTrue(!page.body().contains("fidelity-secret") && !page.body().contains("hostile-token"), page.body());
    }

    /** workable.readme.io/reference/candidate-activities: activities, and paging.next to follow. */
    private static void stubFirstPage(String next) {
        provider.stubFor(get(urlPathEqualTo("/spi/v3/candidates/c1/activities")).atPriority(5)
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(Json.writeString(
                        Map.of("activities", List.of(comment("1")), "paging", Map.of("next", next))))));
    }

    private static Map<String, Object> comment(String id) {
        return Map.of("id", id, "action", "comment", "body", "note " + id, "created_at", "2026-01-15T09:30:00Z",
                "member", Map.of("id", "m1", "name", "Ann"));
    }

    private static String account() {
        return harness.account("workable", Map.of("api_token", "hostile-token", "subdomain", "acme",
                "member_id", "m1", "base_url", provider.baseUrl() + "/spi/v3"));
    }

    private static String list(String account) {
        return "/unified/ats/activities?integrated_account_id=" + account + "&candidate_id=c1&limit=10";
    }
}
