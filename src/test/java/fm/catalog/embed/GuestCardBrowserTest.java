package fm.catalog.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import fm.catalog.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A partner's page on another origin frames the guest card, in Debian's Chromium: what a person sees
 * is the guest's name and the bio's markup as text, and the script in the bio never runs. Screenshots,
 * narrow and wide, light and dark, go to target/screenshots. Skipped where Chromium is not installed,
 * except where CATALOG_REQUIRE_BROWSER=true (.ci/run installs it and sets that), where it fails instead.
 */
@QuarkusTest
class GuestCardBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String BIO = "Loves <b>bold</b> claims. <script>document.title='pwned';alert(1)</script><img src=x onerror=\"alert(2)\">";

    private static ChromeDriver browser;
    private static HttpServer partner;

    @BeforeAll
    static void start() throws IOException {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && "true".equals(System.getenv("CATALOG_REQUIRE_BROWSER"))) {
            throw new IllegalStateException("CATALOG_REQUIRE_BROWSER=true but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing");
        }
        Assumptions.assumeTrue(installed, "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
        // a closed network: no background connections; root in CI: no sandbox
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=800,900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        partner = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        partner.createContext("/", exchange -> {
            String query = exchange.getRequestURI().getQuery();
            String width = query.replaceAll(".*width=(\\d+).*", "$1");
            String src = java.net.URLDecoder.decode(query.replaceAll(".*src=([^&]+).*", "$1"), StandardCharsets.UTF_8);
            byte[] page = ("<!DOCTYPE html><html><head><title>Partner site</title></head><body style='margin:8px;background:#888'>"
                    + "<p>A partner's article</p><iframe id='card' src='" + src + "' width='" + width + "' height='640' style='border:0'></iframe>"
                    + "</body></html>").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        partner.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.quit();
        if (partner != null) partner.stop(0);
    }

    @Test
    void shouldRenderTheCardInAFrameOfAnotherSiteWithoutRunningTheBio() throws IOException {
        String slug = Fixtures.create("guests", Map.of("slug", Fixtures.unique("browser"), "name", "Kevin Goldsmith",
                "headline", "CTO, speaker", "organization", "Anaconda", "bio", BIO)).getString("slug");
        String show = Fixtures.show().getString("slug");
        Fixtures.episode(show, Map.of("title", "Making mistakes in public", "guests", List.of(Fixtures.credit(slug, "guest"))));
        // the card on the app's origin (localhost), the partner page on 127.0.0.1: two origins
        String card = "http://localhost:" + RestAssured.port + "/embed/guests/" + slug;
        Path shots = Path.of("target", "screenshots");
        Files.createDirectories(shots);
        String lightBackground = null;
        for (String scheme : List.of("light", "dark")) {
            browser.executeCdpCommand("Emulation.setEmulatedMedia",
                    Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
            for (int width : List.of(280, 720)) {
                browser.switchTo().defaultContent();
                browser.get("http://127.0.0.1:" + partner.getAddress().getPort() + "/partner?width=" + width + "&src="
                        + java.net.URLEncoder.encode(card, StandardCharsets.UTF_8));
                assertThrows(NoAlertPresentException.class, () -> browser.switchTo().alert(), "no script of the bio ran");
                browser.switchTo().frame("card");
                assertEquals("Kevin Goldsmith", browser.findElement(By.tagName("h1")).getText());
                String bio = browser.findElement(By.cssSelector(".text")).getText();
                assertTrue(bio.contains("<script>document.title='pwned';alert(1)</script>"), bio);
                assertTrue(bio.contains("<b>bold</b>"), "markup shows as text: " + bio);
                assertEquals(0, browser.findElements(By.cssSelector("b, img[src=x]")).size(), "no element came from the bio");
                assertEquals("Kevin Goldsmith · Podcast Catalog", browser.executeScript("return document.title;"), "document.title was not rewritten");
                assertTrue(browser.findElement(By.linkText("Making mistakes in public")).isDisplayed());
                long overflow = (Long) browser.executeScript("return document.documentElement.scrollWidth - window.innerWidth;");
                assertTrue(overflow <= 0, "the card fits " + width + " px without scrolling sideways (overflow " + overflow + " px)");
                String background = (String) browser.executeScript("return getComputedStyle(document.body).backgroundColor;");
                if (scheme.equals("light")) {
                    assertEquals("rgb(255, 255, 255)", background);
                    lightBackground = background;
                } else {
                    assertNotEquals(lightBackground, background, "dark scheme has its own colours");
                }
                browser.switchTo().defaultContent();
                File shot = browser.getScreenshotAs(OutputType.FILE);
                Files.copy(shot.toPath(), shots.resolve("guest-card-" + width + "-" + scheme + ".png"), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        assertThrows(NoAlertPresentException.class, () -> browser.switchTo().alert());
    }
}
