package dev.switchboard.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.Harness;
import dev.switchboard.mapping.Json;
import dev.switchboard.sandbox.AshbySimulator;
import dev.switchboard.sandbox.LeverSimulator;
import dev.switchboard.sandbox.Sandbox;
import dev.switchboard.webhooks.Receiver;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The connect page in headless Chromium, against the simulated providers, as an end user
 * clicks through it: an Ashby key, a refused key, Lever's consent, a reconnect, and the
 * opener told by postMessage; a webhook receiver verifies the events.
 */
class ConnectPageTest {

    static Sandbox sandbox;
    static Harness harness;
    static Receiver receiver;
    ChromeDriver browser;
    WebDriverWait wait;

    @BeforeAll
    static void start() throws Exception {
        sandbox = Sandbox.start();
        var environment = new HashMap<String, String>(Map.of("SWITCHBOARD_WEBHOOK_POLL_MS", "100",
                "SWITCHBOARD_LEVER_CLIENT_ID", LeverSimulator.CLIENT_ID,
                "SWITCHBOARD_LEVER_CLIENT_SECRET", LeverSimulator.CLIENT_SECRET,
                "SWITCHBOARD_LEVER_TOKEN_URL", sandbox.leverTokenUrl(),
                "SWITCHBOARD_LEVER_AUTHORIZE_URL", sandbox.leverAuthorizeUrl()));
        sandbox.baseUrls().forEach((name, url) ->
                environment.put("SWITCHBOARD_" + name.toUpperCase(Locale.ROOT) + "_BASE_URL", url));
        harness = Harness.start(Harness.sqliteConfig().withEnvironment(environment));
        receiver = Receiver.start();
        var webhook = harness.post("/webhook", Json.writeString(Map.of("url", receiver.url())));
        assertEquals(201, webhook.statusCode(), webhook.body());
        receiver.secret((String) Harness.json(webhook).get("secret"));
    }

    @AfterAll
    static void stop() {
        receiver.close();
        harness.close();
        sandbox.close();
    }

    @BeforeEach
    void openBrowser() {
        browser = Browser.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterEach
    void closeBrowser() {
        browser.quit();
    }

    @Test
    void anAshbyKeyIsCheckedStoredAndAnnounced() throws Exception {
        String tenant = "tenant-ashby-" + System.nanoTime();
        browser.get(link(Map.of("tenant_id", tenant)));
        screenshot("connect-page");
        assertEquals("Connect your applicant tracking system", browser.findElement(By.id("title")).getText());
        // Labelled fields, help text, a masked secret.
        var key = browser.findElement(By.id("field-api_key"));
        assertEquals("password", key.getDomAttribute("type"));
        assertEquals("API key *", browser.findElement(By.cssSelector("label[for=field-api_key]")).getText());
        assertTrue(key.getDomAttribute("aria-describedby").contains("field-api_key-hint"));

        // A refused key: the provider's reason on the page, nothing stored, the link still good.
        key.sendKeys("not-the-key");
        browser.findElement(By.id("submit")).click();
        var alert = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#alert.error")));
        assertTrue(alert.getText().startsWith("Ashby refused these credentials:"), alert.getText());
        screenshot("connect-refused");
        assertEquals(0, accountsOf(tenant).size());

        key.clear();
        key.sendKeys(AshbySimulator.API_KEY);
        browser.findElement(By.id("submit")).click();
        wait.until(ExpectedConditions.textToBe(By.id("title"), "Connected"));
        screenshot("connect-done");
        var accounts = accountsOf(tenant);
        assertEquals(1, accounts.size());
        assertEquals("active", accounts.get(0).get("status"));
        var event = receiver.await(m -> m.event().equals("integrated_account:created")
                && accounts.get(0).get("id").equals(m.account().get("id")), Duration.ofSeconds(10));
        assertTrue(event.verified());

        // Spent: the same link shows why it no longer works.
        browser.navigate().refresh();
        assertTrue(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("alert"))).getText()
                .contains("expired or was already used"));
    }

    @Test
    void leverIsConnectedThroughItsConsentPage() throws Exception {
        String tenant = "tenant-lever-" + System.nanoTime();
        browser.get(link(Map.of("tenant_id", tenant, "integrations", List.of("lever", "ashby"))));
        browser.findElement(By.id("integration-lever")).click();
        var consent = browser.findElement(By.id("consent-button"));
        assertEquals("Connect with Lever", consent.getText());
        consent.click();
        // The simulated Lever asks; the person allows.
        wait.until(ExpectedConditions.titleContains("Lever (simulated)"));
        screenshot("lever-consent");
        browser.findElement(By.id("allow")).click();
        wait.until(ExpectedConditions.textToBe(By.id("title"), "Connected"));
        assertTrue(browser.findElement(By.id("alert")).getText().contains("Lever is connected"));
        var account = accountsOf(tenant).get(0);
        assertEquals("lever", ((Map<?, ?>) account.get("integration")).get("name"));
        var tokens = (Map<?, ?>) ((Map<?, ?>) account.get("context")).get("oauth");
        assertEquals("********", tokens.get("access_token"));
        receiver.await(m -> m.event().equals("integrated_account:created") && account.get("id").equals(m.account()
                .get("id")), Duration.ofSeconds(10));
        // The stored tokens work: a note is written through them.
        var note = harness.post(Harness.activities((String) account.get("id"), ""),
                "{\"candidate_id\": \"" + LeverSimulator.OPPORTUNITY_ID + "\", \"body\": \"via consent\"}");
        assertEquals(201, note.statusCode(), note.body());

        // A replayed callback is refused, with no stack trace.
        String callback = browser.getCurrentUrl();
        browser.get(callback);
        var refused = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#alert.error")));
        assertTrue(refused.getText().contains("already used"), refused.getText());
        assertFalse(browser.getPageSource().contains("Exception"));
    }

    @Test
    void aDeniedConsentIsShownAndNothingIsStored() throws Exception {
        String tenant = "tenant-denied-" + System.nanoTime();
        browser.get(link(Map.of("tenant_id", tenant, "integrations", List.of("lever"))));
        browser.findElement(By.id("consent-button")).click();
        wait.until(ExpectedConditions.titleContains("Lever (simulated)"));
        browser.findElement(By.id("deny")).click();
        var alert = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#alert.error")));
        screenshot("connect-denied");
        assertTrue(alert.getText().contains("Lever did not grant access (access_denied)"), alert.getText());
        assertEquals(0, accountsOf(tenant).size());
    }

    @Test
    void aReconnectMakesTheAccountActiveAgainAndTellsTheOpener() throws Exception {
        String account = harness.account("ashby", Map.of("api_key", "revoked-key", "base_url", sandbox.ashbyUrl()));
        harness.get("/unified/ats/activities?integrated_account_id=" + account + "&candidate_id="
                + AshbySimulator.CANDIDATE_ID); // refused by Ashby: needs_reauth
        assertEquals("needs_reauth", Harness.json(harness.get("/integrated-account/" + account)).get("status"));

        String url = link(Map.of("integrated_account_id", account, "origin", receiver.origin()));
        // The product's page opens the connect page in a window of its own.
        browser.get(receiver.origin() + "/opener?url=" + URLEncoder.encode(url, StandardCharsets.UTF_8));
        String opener = browser.getWindowHandle();
        browser.findElement(By.id("open")).click();
        wait.until(ExpectedConditions.numberOfWindowsToBe(2));
        browser.getWindowHandles().stream().filter(handle -> !handle.equals(opener)).findFirst()
                .ifPresent(handle -> browser.switchTo().window(handle));
        wait.until(ExpectedConditions.textToBe(By.id("title"), "Reconnect your applicant tracking system"));
        screenshot("connect-reconnect");
        browser.findElement(By.id("field-api_key")).sendKeys(AshbySimulator.API_KEY);
        browser.findElement(By.id("submit")).click();
        wait.until(ExpectedConditions.textToBe(By.id("title"), "Connected"));
        assertEquals("active", Harness.json(harness.get("/integrated-account/" + account)).get("status"));
        receiver.await(m -> m.event().equals("integrated_account:active") && account.equals(m.account().get("id")),
                Duration.ofSeconds(10));

        browser.switchTo().window(opener);
        String heard = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("heard"))).getText();
        assertTrue(heard.contains("\"event\":\"success\"") && heard.contains(account), heard);
        assertTrue(heard.startsWith("http://localhost:"), "from the connect page's origin: " + heard);
    }

    @Test
    void theRedirectUriIsToldTheOutcomeOfAKeyboardOnlyConnection() {
        String tenant = "tenant-redirect-" + System.nanoTime();
        browser.get(link(Map.of("tenant_id", tenant, "integrations", List.of("ashby"),
                "redirect_uri", receiver.origin() + "/done?step=2")));
        // With the keyboard alone: Tab from the page's start reaches the key field, Enter submits.
        var active = browser.switchTo().activeElement();
        for (int tab = 0; tab < 10 && !"field-api_key".equals(browser.switchTo().activeElement().getDomAttribute("id"));
                tab++) {
            new org.openqa.selenium.interactions.Actions(browser).sendKeys(org.openqa.selenium.Keys.TAB).perform();
        }
        assertEquals("field-api_key", browser.switchTo().activeElement().getDomAttribute("id"), "reached by Tab from " + active);
        new org.openqa.selenium.interactions.Actions(browser).sendKeys(AshbySimulator.API_KEY + org.openqa.selenium.Keys.ENTER)
                .perform();
        wait.until(ExpectedConditions.urlContains("/done?step=2"));
        String landed = browser.getCurrentUrl();
        assertTrue(landed.contains("event=success") && landed.contains("integrated_account_id="
                + accountsOf(tenant).get(0).get("id")), landed);
    }

    private static String link(Map<String, Object> body) {
        var issued = harness.post("/link-token", Json.writeString(body));
        assertEquals(201, issued.statusCode(), issued.body());
        return (String) Harness.json(issued).get("url");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> accountsOf(String tenant) {
        return (List<Map<String, Object>>) Harness.json(harness.get("/integrated-account?tenant_id=" + tenant))
                .get("result");
    }

    private void screenshot(String name) throws java.io.IOException {
        Files.write(Path.of("target", name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }
}
