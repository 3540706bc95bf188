package dev.contractgate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * One headless Chromium for the whole test run (Debian's {@code chromium} and {@code chromium-driver}, which
 * {@code .ci/run} installs), started on first use and closed when the JVM ends. Selenium Manager is never asked for a
 * driver (the path is given), and Chromium is told not to reach any network service of its own: tests stay on
 * loopback.
 */
public final class Chromium {
    public static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    public static final Path BINARY = Path.of("/usr/bin/chromium");
    /** A phone's and a desktop's window; screenshots are taken at both. */
    public static final Dimension PHONE = new Dimension(390, 1400);
    public static final Dimension DESKTOP = new Dimension(1280, 1100);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static WebDriver driver;

    private Chromium() {
    }

    /** The shared browser, with no cookies left from an earlier test. */
    public static synchronized WebDriver browser() {
        if (driver == null) {
            driver = start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> driver.quit(), "chromium-quit"));
        }
        driver.manage().deleteAllCookies();
        driver.manage().window().setSize(DESKTOP);
        return driver;
    }

    private static WebDriver start() {
        if (!Files.isExecutable(DRIVER) || !Files.isExecutable(BINARY)) {
            throw new IllegalStateException("browser tests need Debian's chromium and chromium-driver "
                    + "(apt-get install chromium chromium-driver fonts-noto-cjk; .ci/run does it)");
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("contractgate-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--lang=ja", "--user-data-dir=" + profile);
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", "ja,en"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return chrome;
    }

    /** Saves what the browser shows as {@code target/screenshots/<name>-phone.png} and {@code -desktop.png}. */
    public static void screenshots(WebDriver browser, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            for (var size : java.util.Map.of("phone", PHONE, "desktop", DESKTOP).entrySet()) {
                browser.manage().window().setSize(size.getValue());
                byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
                Files.write(SCREENSHOTS.resolve(name + "-" + size.getKey() + ".png"), png);
            }
            browser.manage().window().setSize(DESKTOP);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
