package be.tocsin.alert.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import be.tocsin.alert.GroupedReports;
import be.tocsin.alert.warning.CapSchema;
import be.tocsin.platform.testing.Browser;
import be.tocsin.platform.testing.ReportEvents;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * The console in a real headless Chromium, logging in through Keycloak's own page: alice confirms a
 * wangiri campaign and drafts an alert, and cannot publish it; bob publishes it; the public page,
 * the Atom feed and the CAP document show it. Screenshots of each page go to target/screenshots
 * (copied to docs/screenshots for the README).
 */
@QuarkusTest
class ConsoleBrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final List<String> LANGUAGES = List.of("fr", "nl", "de", "en");

    @TestHTTPResource("/")
    String root;

    @Inject
    GroupedReports grouped;

    @Test
    void aliceConfirmsAndDraftsBobPublishes() throws Exception {
        UUID campaign = rotatingNumberCampaign();
        String marker = "Wangiri " + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        String alertId;

        WebDriver alice = Browser.start();
        try {
            alice.get(root + "console");
            logIn(alice, "alice");
            await(alice).until(ExpectedConditions.textToBe(By.tagName("h1"), "Campaigns"));
            assertThat(alice.findElement(By.id("user")).getText()).isEqualTo("alice");
            Browser.screenshot(alice, SCREENSHOTS.resolve("console-queue.png"));

            alice.get(root + "console/campaigns/" + campaign);
            assertThat(alice.findElements(By.cssSelector(".grid td.hit"))).hasSizeGreaterThanOrEqualTo(5);
            assertThat(alice.findElements(By.cssSelector("svg.chart rect"))).isNotEmpty();
            Browser.screenshot(alice, SCREENSHOTS.resolve("console-campaign.png"));
            WebElement title = alice.findElement(By.name("title"));
            title.clear();
            title.sendKeys(marker + " calls from +39 06");
            alice.findElement(By.id("confirm")).click();
            await(alice).until(ExpectedConditions.textToBe(By.id("status"), "CONFIRMED"));
            assertThat(alice.findElement(By.id("audit")).getText()).contains("alice", "CONFIRM");

            alice.findElement(By.id("draft-alert")).click();
            for (String language : LANGUAGES) {
                alice.findElement(By.id(language + "-headline")).sendKeys("[" + language + "] " + marker);
                alice.findElement(By.id(language + "-description")).sendKeys("[" + language + "] One ring from rotating Rome numbers.");
                alice.findElement(By.id(language + "-instruction")).sendKeys("[" + language + "] Never call back.");
            }
            alice.findElement(By.id("preview-button")).click();
            await(alice).until(ExpectedConditions.presenceOfElementLocated(By.id("preview")));
            assertThat(alice.findElement(By.id("preview")).getText()).contains("[nl] " + marker);
            Browser.screenshot(alice, SCREENSHOTS.resolve("console-compose.png"));
            alice.findElement(By.id("save-draft")).click();

            await(alice).until(ExpectedConditions.textToBe(By.tagName("h1"), "Alerts"));
            WebElement row = alice.findElement(By.xpath("//tr[td[contains(., '" + marker + "')]]"));
            alertId = row.getAttribute("data-alert");
            assertThat(row.findElement(By.className("alert-status")).getText()).isEqualTo("DRAFT");
            assertThat(row.findElements(By.className("publish"))).as("alice may not publish").isEmpty();
        } finally {
            alice.quit();
        }

        WebDriver bob = Browser.start();
        try {
            bob.get(root + "console/alerts");
            logIn(bob, "bob");
            await(bob).until(ExpectedConditions.textToBe(By.tagName("h1"), "Alerts"));
            bob.findElement(By.cssSelector("tr[data-alert='" + alertId + "'] button.publish")).click();
            await(bob).until(ExpectedConditions.textToBe(
                    By.cssSelector("tr[data-alert='" + alertId + "'] .alert-status"), "PUBLISHED"));
            Browser.screenshot(bob, SCREENSHOTS.resolve("console-alerts.png"));

            bob.get(root + "alerts/" + alertId + "?lang=fr");
            assertThat(bob.findElement(By.tagName("h1")).getText()).isEqualTo("[fr] " + marker);
            Browser.screenshot(bob, SCREENSHOTS.resolve("public-alert.png"));
        } finally {
            bob.quit();
        }

        given().get("/alerts?lang=nl").then().statusCode(200).body(containsString("[nl] " + marker));
        given().get("/alerts/feed.atom?lang=de").then().statusCode(200).body(containsString("[de] " + marker));
        String cap = given().get("/alerts/{id}.cap", alertId).then().statusCode(200).extract().asString();
        CapSchema.assertValid(cap);
        assertThat(CapSchema.values(cap, "headline")).contains("[en] " + marker);
    }

    /** Calls from six numbers of one Rome block: one campaign with its NUMBER_RANGE. */
    private UUID rotatingNumberCampaign() throws Exception {
        String block = "+390690" + (1_000 + ThreadLocalRandom.current().nextInt(8_999));
        UUID last = null;
        for (String suffix : List.of("07", "13", "21", "38", "52", "89")) {
            last = ReportEvents.callFrom(block + suffix);
        }
        UUID lastReport = last;
        return org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            UUID campaign = grouped.campaignOf(lastReport);
            return campaign != null && ((Number) grouped.single("SELECT report_count FROM campaign WHERE id = ?1", campaign))
                    .intValue() == 6 ? campaign : null;
        }, java.util.Objects::nonNull);
    }

    /** Keycloak's own login page: the console never sees the password. */
    private static void logIn(WebDriver browser, String user) {
        await(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
        assertThat(browser.getCurrentUrl()).startsWith("http://localhost:8180/realms/tocsin/");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(user);
        browser.findElement(By.id("kc-login")).click();
    }

    private static WebDriverWait await(WebDriver browser) {
        return new WebDriverWait(browser, Duration.ofSeconds(15));
    }
}
