package dev.lectern.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The page at {@code /} in a real headless Chromium, against the real service and the sample lecture. One
 * browser serves the whole class; after every test no request may have left the machine.
 */
@QuarkusTest
class WebPageTest {

    private static final Pattern SPAN = Pattern.compile("(\\d+):(\\d\\d):(\\d\\d)–(\\d+):(\\d\\d):(\\d\\d)");
    private static final String NOT_CONFIDENT = "The lecture doesn't seem to answer this.";

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

    @AfterEach
    void nothingLeftTheMachine() {
        browser.assertNoRequestLeftTheMachine();
    }

    @Test
    void emptyStateSuggestsExamplesAndBackReturnsToIt() {
        open("");
        List<WebElement> examples =
                browser.wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("[data-testid=example]"), 3));
        assertTrue(examples.get(0).isDisplayed());
        // Other test classes may have added lectures of their own; the sample lecture is listed among them.
        String sample = "Multimodal pre-training: Ming Ding (Stanford CS25)";
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("lectures"), sample));
        WebElement lecture = browser.driver.findElements(By.cssSelector("[data-testid=lecture]")).stream()
                .filter(item -> item.getText().contains(sample))
                .findFirst()
                .orElseThrow();
        assertTrue(lecture.getText().contains("1:19:58"), "duration shown: " + lecture.getText());
        browser.screenshot("empty");

        // From the keyboard alone: "/" goes to the search box, Tab past the Ask button and the lecture filter
        // reaches the first example, Enter asks it.
        new Actions(browser.driver).sendKeys("/").perform();
        assertEquals("q", browser.driver.switchTo().activeElement().getDomAttribute("id"));
        new Actions(browser.driver).sendKeys(Keys.TAB, Keys.TAB, Keys.TAB).perform();
        String question = examples.get(0).getText();
        assertEquals(question, browser.driver.switchTo().activeElement().getText());
        new Actions(browser.driver).sendKeys(Keys.ENTER).perform();
        waitForResultsOf(question);
        assertEquals(question, searchBox().getDomProperty("value"));
        // The examples are made from the lecture's outline (GET /api/info), so the test takes the first as it comes.
        assertTrue(browser.driver.getCurrentUrl().contains("?q=" + encode(question)), browser.driver.getCurrentUrl());

        browser.driver.navigate().back();
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("empty")));
        assertEquals("", searchBox().getDomProperty("value"));
        assertTrue(browser.driver
                .findElements(By.cssSelector("[data-testid=result]"))
                .isEmpty());

        browser.driver.navigate().forward();
        waitForResultsOf(question);

        // Escape empties the box and returns to the start; Back brings the question back.
        searchBox().sendKeys(Keys.ESCAPE);
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("empty")));
        assertFalse(browser.driver.getCurrentUrl().contains("q="), browser.driver.getCurrentUrl());
        browser.driver.navigate().back();
        waitForResultsOf(question);
        browser.assertNoConsoleErrors();
    }

    @Test
    void answersAQuestionWithCitedMomentsAndTimes() {
        // Loading /?q= directly asks the question.
        open("?q=" + encode("What is ZeRO?"));
        List<WebElement> results = waitForResultsOf("What is ZeRO?");
        // The lecture explains ZeRO (transcribed "Xero") from 0:16:26 to 0:19:30.
        boolean cited = results.stream().anyMatch(result -> {
            double[] span = span(result);
            return span[0] <= 19 * 60 + 30 && span[1] >= 16 * 60 + 26;
        });
        assertTrue(cited, "no result within 0:16:26-0:19:30: " + texts(results));
        WebElement first = results.get(0);
        assertTrue(first.getText().contains("Multimodal pre-training: Ming Ding (Stanford CS25)"), first.getText());
        assertFalse(first.findElement(By.cssSelector("[data-testid=highlight]"))
                .getText()
                .isBlank());
        assertFalse(first.findElements(By.cssSelector(".bar .fill")).isEmpty(), "relevance bar");

        // Enter asks what was typed.
        String cogvlm = "How does CogVLM add vision to a language model?";
        retype(cogvlm + Keys.ENTER);
        waitForResultsOf(cogvlm);
        WebElement answer = browser.driver.findElement(By.cssSelector("[data-testid=answer]"));
        assertTrue(answer.getText().toLowerCase().contains("cogvlm"), answer.getText());
        assertTrue(browser.driver.getCurrentUrl().contains("?q=How+does+CogVLM"), browser.driver.getCurrentUrl());
        browser.screenshot("results");

        // A pause in typing asks too, without Enter.
        String decoder = "Why do today's LLMs use decoder-only transformers?";
        retype(decoder);
        results = waitForResultsOf(decoder);
        assertTrue(texts(results).contains("encoder-decoder"), texts(results));
        browser.wait.until(ExpectedConditions.urlContains("decoder-only"));
        browser.assertNoConsoleErrors();
    }

    @Test
    void showsTheLectureOutlineBesideTheResultsAndEachResultsChapter() {
        String question = "How does ZeRO save GPU memory?";
        open("?q=" + encode(question));
        List<WebElement> results = waitForResultsOf(question);
        WebElement outline = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("outline")));
        List<WebElement> chapters = outline.findElements(By.cssSelector("[data-testid=chapter]"));
        List<String> titles = given().get("/api/lectures/cs25-ming-ding-multimodal-pretraining/chapters")
                .jsonPath()
                .getList("chapters.title", String.class);
        assertEquals(titles.size(), chapters.size());
        assertTrue(
                chapters.get(0).getText().startsWith("0:00:00"), chapters.get(0).getText());
        assertTrue(
                chapters.get(0).getText().contains(titles.get(0)),
                chapters.get(0).getText());

        // Each result names its chapter; the chapters holding results are marked in the outline.
        WebElement firstChapter = results.get(0).findElement(By.cssSelector("[data-testid=result-chapter]"));
        String index = firstChapter.getDomAttribute("data-chapter-index");
        assertEquals("§ " + titles.get(Integer.parseInt(index)), firstChapter.getText());
        WebElement marked = outline.findElement(By.cssSelector("[data-chapter-index='" + index + "']"));
        assertTrue(marked.getDomAttribute("class").contains("has-results"), marked.getDomAttribute("class"));
        browser.screenshot("outline");

        // Clicking a result's chapter brings it forward in the outline; clicking a chapter opens its start.
        firstChapter.click();
        WebElement title = marked.findElement(By.cssSelector("[data-testid=chapter-title]"));
        browser.wait.until(driver -> title.equals(driver.switchTo().activeElement()));
        title.click();
        WebElement transcript = browser.wait
                .until(ExpectedConditions.visibilityOfNestedElementsLocatedBy(
                        marked, By.cssSelector("[data-testid=chapter-transcript]")))
                .get(0);
        String chapterStart = marked.getDomAttribute("data-start-seconds");
        String firstLine =
                transcript.findElement(By.cssSelector(".segment-time")).getText();
        assertEquals(clockOf(Double.parseDouble(chapterStart)), firstLine, "the transcript opens at the chapter");
        assertEquals("true", title.getDomAttribute("aria-expanded"));
        browser.screenshot("outline-chapter");
        browser.assertNoConsoleErrors();
    }

    private static String clockOf(double seconds) {
        long total = (long) Math.floor(seconds);
        return String.format("%d:%02d:%02d", total / 3600, total / 60 % 60, total % 60);
    }

    @Test
    void moreContextExpandsTheTranscriptInPlace() {
        String question = "How does ZeRO save GPU memory?";
        open("?q=" + encode(question));
        WebElement first = waitForResultsOf(question).get(0);
        String url = browser.driver.getCurrentUrl();
        WebElement more = first.findElement(By.cssSelector("[data-testid=more-context]"));
        more.click();
        WebElement context = browser.wait
                .until(ExpectedConditions.visibilityOfNestedElementsLocatedBy(
                        first, By.cssSelector("[data-testid=context]")))
                .get(0);
        List<WebElement> segments = context.findElements(By.tagName("li"));
        assertTrue(segments.size() >= 5, "segments: " + segments.size());
        assertFalse(context.findElements(By.cssSelector(".segment.inside")).isEmpty(), "the passage is marked");
        assertEquals("true", more.getDomAttribute("aria-expanded"));
        assertEquals(url, browser.driver.getCurrentUrl());
        browser.screenshot("more-context");

        more.click();
        browser.wait.until(ExpectedConditions.invisibilityOf(context));
        assertEquals("false", more.getDomAttribute("aria-expanded"));
        browser.assertNoConsoleErrors();
    }

    @Test
    void filtersByLectureAndLinksToTheRecording() {
        String id = "web-volcanoes";
        given().contentType("text/vtt")
                .queryParam("title", "Volcanoes for the web page")
                .queryParam("sourceUrl", "https://www.youtube.com/watch?v=abc123XYZ_-")
                .body(lecture("volcanoes.vtt"))
                .put("/api/lectures/" + id)
                .then()
                .statusCode(201);
        try {
            open("");
            browser.wait.until(
                    ExpectedConditions.presenceOfElementLocated(By.cssSelector("#lecture option[value='" + id + "']")));
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(
                    By.id("lectures"), "Volcanoes for the web page"));
            assertTrue(browser.driver.findElement(By.id("lectures")).getText().contains("0:02:56"));

            new Select(browser.driver.findElement(By.id("lecture"))).selectByValue(id);
            String question = "How do scientists forecast an eruption?";
            retype(question + Keys.ENTER);
            List<WebElement> results = waitForResultsOf(question);
            for (WebElement result : results) {
                assertEquals(id, result.getDomAttribute("data-lecture-id"));
            }
            assertTrue(browser.driver.getCurrentUrl().contains("lecture=" + id), browser.driver.getCurrentUrl());
            // The time opens the recording at that moment; YouTube plays on the page. Not clicked here: the
            // player would load from YouTube, and nothing may leave this machine.
            WebElement time = results.get(0).findElement(By.cssSelector("a[data-testid=time]"));
            String start = time.getDomAttribute("data-start-seconds");
            assertEquals(
                    "https://www.youtube.com/watch?v=abc123XYZ_-&t=" + (long) Double.parseDouble(start) + "s",
                    time.getDomAttribute("href"));
            assertTrue(time.getDomAttribute("aria-label").endsWith("(plays here)"), time.getDomAttribute("aria-label"));
            assertTrue(browser.driver.findElements(By.tagName("iframe")).isEmpty(), "no player until a click");

            // Back to all lectures: the question is asked again over everything.
            new Select(browser.driver.findElement(By.id("lecture"))).selectByValue("");
            browser.wait.until(driver -> !driver.getCurrentUrl().contains("lecture="));
            waitForResultsOf(question);
            browser.assertNoConsoleErrors();
        } finally {
            given().delete("/api/lectures/" + id).then().statusCode(204);
        }
    }

    @Test
    void saysSoWhenTheLectureDoesNotAnswer() {
        String question = "What is the capital of France?";
        // Asked of the sample lecture: across every lecture the tests add, an off-topic question can reach the
        // similarity at which the default operating point answers confident (docs/evaluation.md).
        open("?lecture=cs25-ming-ding-multimodal-pretraining&q=" + encode(question));
        waitForResultsOf(question);
        WebElement notice = browser.driver.findElement(By.cssSelector("[data-testid=not-confident]"));
        assertEquals(NOT_CONFIDENT, notice.getText());
        assertTrue(browser.driver
                .findElements(By.cssSelector("[data-testid=answer]"))
                .isEmpty());
        browser.screenshot("not-confident");
        browser.assertNoConsoleErrors();
    }

    @Test
    void showsAProblemInWords() {
        open("?q=" + "a".repeat(1001));
        WebElement error = browser.wait.until(
                ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=error]")));
        assertTrue(
                error.getText().contains("question is 1001 characters long; the limit is 1000"),
                "the problem's detail is shown: " + error.getText());
        assertTrue(browser.driver
                .findElements(By.cssSelector("[data-testid=result]"))
                .isEmpty());
        // Chromium logs the 400 response itself; nothing else may fail.
        List<String> errors = browser.consoleErrors();
        assertTrue(errors.stream().allMatch(e -> e.contains("status of 400")), errors.toString());
    }

    @Test
    void fitsAPhoneScreen() {
        Dimension desktop = browser.driver.manage().window().getSize();
        browser.driver.manage().window().setSize(new Dimension(375, 812));
        try {
            String question = "How does CogVLM add vision to a language model?";
            open("?q=" + encode(question));
            waitForResultsOf(question);
            Number overflow = (Number) browser.driver.executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertEquals(0, overflow.intValue(), "the page scrolls sideways at 375 px");
            browser.screenshot("phone");
            browser.assertNoConsoleErrors();
        } finally {
            browser.driver.manage().window().setSize(desktop);
        }
    }

    // ---------- helpers ----------

    private void open(String query) {
        browser.driver.get(page.toString() + query);
    }

    private WebElement searchBox() {
        return browser.driver.findElement(By.id("q"));
    }

    /** Replaces the search box's text by typing, as a person would (select all, then type over it). */
    private void retype(String keys) {
        WebElement box = searchBox();
        box.sendKeys(Keys.chord(Keys.CONTROL, "a"));
        box.sendKeys(keys);
    }

    /** Waits until the page has finished answering this question, and returns its results. */
    private List<WebElement> waitForResultsOf(String question) {
        browser.wait.until(driver -> driver.getTitle().startsWith(question + " ·"));
        browser.wait.until(driver -> {
            WebElement section = driver.findElement(By.id("results-section"));
            return section.getDomAttribute("aria-busy") == null && section.isDisplayed();
        });
        List<WebElement> results = browser.driver.findElements(By.cssSelector("[data-testid=result]"));
        assertFalse(results.isEmpty(), "results for " + question);
        for (WebElement result : results) {
            span(result); // every result shows its time span
        }
        return results;
    }

    /** The start and end, in seconds, of a result's time span as shown ("0:18:24–0:18:59"). */
    private static double[] span(WebElement result) {
        String shown = result.findElement(By.cssSelector("[data-testid=time]")).getText();
        Matcher m = SPAN.matcher(shown);
        assertTrue(m.find(), "time span shown as h:mm:ss–h:mm:ss, got " + shown);
        return new double[] {
            Integer.parseInt(m.group(1)) * 3600 + Integer.parseInt(m.group(2)) * 60 + Integer.parseInt(m.group(3)),
            Integer.parseInt(m.group(4)) * 3600 + Integer.parseInt(m.group(5)) * 60 + Integer.parseInt(m.group(6))
        };
    }

    private static String texts(List<WebElement> results) {
        return String.join("\n", results.stream().map(WebElement::getText).toList());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static byte[] lecture(String name) {
        try (InputStream in = WebPageTest.class.getResourceAsStream("/lectures/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
