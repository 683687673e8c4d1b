package dev.lectern.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lectern.api.ReadKeysTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** On a private Lectern the page asks for the key once, keeps it for the tab, and sends it with every request. */
@QuarkusTest
@TestProfile(ReadKeysTest.Private.class)
class PrivatePageTest {

    private static final String SAMPLE = "Multimodal pre-training: Ming Ding (Stanford CS25)";

    private static Browser browser;

    @TestHTTPResource("/")
    URL page;

    @BeforeAll
    static void startBrowser() {
        browser = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void asksForTheKeyOnceAndKeepsItForTheTab() {
        browser.driver.get(page.toString());
        WebElement dialog = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("key-dialog")));
        assertFalse(browser.driver.findElement(By.id("lectures")).getText().contains(SAMPLE), "nothing shown yet");

        WebElement key = browser.driver.findElement(By.id("key"));
        assertEquals(key, browser.driver.switchTo().activeElement(), "the key field has the focus");
        key.sendKeys("not-the-key", Keys.ENTER);
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("key-rejected")));
        assertTrue(dialog.isDisplayed(), "asked again after a wrong key");
        browser.screenshot("private-key");

        browser.driver.findElement(By.id("key")).sendKeys(ReadKeysTest.READ_KEY, Keys.ENTER);
        browser.wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("key-dialog")));
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("lectures"), SAMPLE));

        WebElement box = browser.driver.findElement(By.id("q"));
        box.sendKeys("What is ZeRO?", Keys.ENTER);
        browser.wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("[data-testid=result]"), 0));

        // A reload in the same tab keeps the key: no second question.
        browser.driver.navigate().refresh();
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("lectures"), SAMPLE));
        assertFalse(browser.driver.findElement(By.id("key-dialog")).isDisplayed());
        assertEquals(
                ReadKeysTest.READ_KEY,
                browser.driver.executeScript("return sessionStorage.getItem('lectern.key')"),
                "kept in sessionStorage");
        assertEquals(
                null,
                browser.driver.executeScript("return localStorage.getItem('lectern.key')"),
                "never in localStorage");
        assertFalse(browser.driver.getCurrentUrl().contains(ReadKeysTest.READ_KEY), "never in the URL");
        browser.assertNoRequestLeftTheMachine();
    }
}
