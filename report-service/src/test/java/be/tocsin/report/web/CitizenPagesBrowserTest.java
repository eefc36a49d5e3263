package be.tocsin.report.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import be.tocsin.platform.testing.Browser;
import be.tocsin.report.Citizen;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** A citizen, in a real headless Chromium, reports a call through the form and checks the number. */
@QuarkusTest
class CitizenPagesBrowserTest {

    private static WebDriver browser;

    @TestHTTPResource("/")
    String root;

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aCitizenReportsThroughTheFormAndFindsTheNumberOnTheCheckPage() {
        String number = Citizen.randomItalianNumber();
        String written = "0039 " + number.substring(3, 5) + " " + number.substring(5);

        browser.get(root + "report?lang=nl");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Een frauduleuze oproep of bericht melden");
        new Select(browser.findElement(By.id("channel"))).selectByValue("CALL");
        browser.findElement(By.id("sender")).sendKeys(written);
        browser.findElement(By.id("message")).sendKeys("Eén keer gebeld en ingehaakt <b>vreemd</b>");
        browser.findElement(By.cssSelector("button[type=submit]")).click();

        awaitHeading("Bedankt, uw melding werd ontvangen");
        assertThat(browser.findElement(By.cssSelector("#receipt code")).getText()).hasSizeGreaterThan(40);
        assertThat(browser.findElement(By.cssSelector("ul.advice")).getText()).contains("Bel dit nummer nooit terug", "Italië");

        browser.findElement(By.linkText("Nummer controleren")).click();
        browser.findElement(By.id("number")).sendKeys(number);
        browser.findElement(By.cssSelector("main button[type=submit]")).click();
        assertThat(browser.findElement(By.id("verdict")).getText()).isEqualTo("Dit nummer werd gemeld.");
        assertThat(browser.findElement(By.id("counts")).getText()).isEqualTo("Te weinig meldingen om cijfers te tonen.");

        browser.findElement(By.linkText("Français")).click();
        awaitHeading("Ce numéro a-t-il déjà été signalé ?");
    }

    /** Waits for the next page: right after a click the old page may still be there. */
    private static void awaitHeading(String text) {
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.textToBe(By.tagName("h1"), text));
    }

    @Test
    void mistakesAreShownNextToTheirFieldAndWhatWasTypedIsEscaped() {
        browser.get(root + "report?lang=en");
        browser.findElement(By.id("sender")).sendKeys("not a number");
        browser.findElement(By.id("message")).sendKeys("<script>alert('x')</script>");
        browser.findElement(By.cssSelector("button[type=submit]")).click();

        assertThat(browser.findElement(By.id("sender-error")).getText()).startsWith("We cannot read this");
        assertThat(browser.findElement(By.id("sender")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElement(By.id("message")).getAttribute("value")).isEqualTo("<script>alert('x')</script>");
        assertThat(browser.findElements(By.tagName("script"))).isEmpty();
    }
}
