package dev.switchboard.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.Harness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** {@code /docs} in a real browser: Swagger UI from the jar renders the whole document, guides and examples. */
class DocsPageTest {

    @RegisterExtension
    static final Harness harness = Harness.perClass();

    @Test
    void theReferenceRendersFromTheServerAlone() throws Exception {
        var browser = Browser.start();
        try {
            browser.get(harness.baseUrl() + "/docs");
            var wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".opblock-tag")));

            // The guides, from the document's description.
            String info = browser.findElement(By.cssSelector(".information-container")).getText();
            for (String guide : List.of("Authentication", "Errors", "Idempotency", "Rate limits", "Visibility")) {
                assertTrue(info.contains(guide), "guide " + guide + " in " + info);
            }
            // Every tag and every operation of the document is on the page.
            var tags = browser.findElements(By.cssSelector(".opblock-tag")).stream().map(e -> e.getText()).toList();
            assertTrue(tags.containsAll(List.of("Activities", "Integrated accounts", "Proxy", "Operations")), tags.toString());
            var document = Harness.json(harness.get("/openapi.json"));
            long operations = ((Map<?, ?>) document.get("paths")).values().stream()
                    .mapToLong(methods -> ((Map<?, ?>) methods).size()).sum();
            assertEquals(operations, browser.findElements(By.cssSelector(".opblock")).size());

            // An operation opens on its curl line and the answer's example.
            browser.findElement(By.cssSelector("#operations-Activities-createActivity .opblock-summary-control")).click();
            var create = wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("#operations-Activities-createActivity .opblock-body")));
            String text = create.getText();
            assertTrue(text.contains("curl -s -X POST \"$SWITCHBOARD/unified/ats/activities?integrated_account_id="),
                    text);
            assertTrue(text.contains("Moving to onsite"), "the example answer: " + text);
            Files.write(Path.of("target", "docs-page.png"), browser.getScreenshotAs(OutputType.BYTES));
        } finally {
            browser.quit();
        }
    }
}
