package dev.contractgate.web.pages;

import static dev.contractgate.testing.LinkWorld.CLIENT;
import static dev.contractgate.testing.LinkWorld.DIRECT;
import static dev.contractgate.testing.LinkWorld.FREELANCER;
import static dev.contractgate.testing.LinkWorld.ROOM;
import static dev.contractgate.testing.LinkWorld.TO_BOT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contractgate.outbox.OutboxDao;
import dev.contractgate.outbox.OutboxEntry;
import dev.contractgate.testing.Chromium;
import dev.contractgate.testing.Eventually;
import dev.contractgate.testing.LinkWorld;
import dev.contractgate.testing.TestClock;
import dev.contractgate.testing.TestEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The main flows in a real browser (headless Chromium): a client files an application from their link, the freelancer
 * confirms it from theirs and the room gets the approval notice; an operator sends a dead reply again from the
 * console. Every page on the way is saved as a screenshot at phone and desktop width under target/screenshots.
 */
class BrowserFlowsTest {
    @TempDir
    Path folder;

    private final TestClock clock = TestClock.atNow();
    private LinkWorld world;
    private WebDriver browser;

    @BeforeEach
    void start() {
        world = new LinkWorld(folder, clock);
        browser = Chromium.browser();
    }

    @AfterEach
    void stop() {
        world.close();
    }

    private String url(String path) {
        return world.baseUrl() + path;
    }

    @Test
    void aClientFilesFromTheirLinkAndTheFreelancerConfirmsFromTheirs() {
        browser.get(url("/"));
        Chromium.screenshots(browser, "home");
        world.freelancerRegisters();
        world.say(ROOM, CLIENT, "LINEで話しませんか？IDは abc123 です");
        world.drained();
        assertThat(world.chatwork().postsIn(ROOM)).anySatisfy(post -> assertThat(post.body())
                .contains("サービス外連絡申請").contains("「リンク」"));

        String clientLink = world.link(CLIENT);
        browser.get(url(clientLink));
        Chromium.screenshots(browser, "client-code");
        browser.findElement(By.cssSelector("form[action$='/code'] button")).click();
        // The click submits a form: wait for the page it leads to.
        String code = new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("code"))).getText();
        Chromium.screenshots(browser, "client-code-shown");
        world.say(ROOM, CLIENT, TO_BOT + "リンク " + code);
        world.drained();
        browser.findElement(By.id("continue")).click();
        new Select(browser.findElement(By.id("platform"))).selectByValue("crowdworks");
        browser.findElement(By.id("reference")).sendKeys("https://crowdworks.jp/proposals/123456");
        browser.findElement(By.id("evidence_url")).sendKeys("https://example.org/approval.png");
        browser.findElement(By.id("note")).sendKeys("本日承認されました");
        Chromium.screenshots(browser, "client-form");
        browser.findElement(By.id("file")).click();
        assertThat(browser.findElement(By.id("filed")).getText()).contains("登録しました").contains("山田 花子");
        Chromium.screenshots(browser, "client-filed");

        browser.manage().deleteAllCookies();
        String freelancerLink = world.link(FREELANCER);
        assertThat(world.chatwork().postsIn(DIRECT)).last().satisfies(post -> assertThat(post.body()).contains(freelancerLink));
        browser.get(url(freelancerLink));
        assertThat(browser.getPageSource()).contains("https://crowdworks.jp/proposals/123456").contains("本日承認されました");
        Chromium.screenshots(browser, "freelancer-claim");
        browser.findElement(By.cssSelector("form[action$='/confirm'] button")).click();
        assertThat(browser.findElement(By.id("done")).getText()).contains("確認しました");
        Chromium.screenshots(browser, "freelancer-confirmed");

        browser.get(url(clientLink));
        assertThat(browser.getPageSource()).contains("このリンクはすでに使われました");
        Chromium.screenshots(browser, "link-used");
        String late = world.link(CLIENT);
        clock.advance(Duration.ofMinutes(16));
        browser.get(url(late));
        assertThat(browser.getPageSource()).contains("有効期限が切れています");

        // The room is told: at once when the registry posts notices on a change, else when someone next speaks there.
        world.say(ROOM, CLIENT, "ありがとうございます。よろしくお願いします。");
        world.drained();
        assertThat(world.service().jdbi().onDemand(OutboxDao.class).list(null, ROOM, 100))
                .filteredOn(entry -> entry.kind().equals("approval_notice"))
                .singleElement().satisfies(entry -> assertThat(entry.status()).isEqualTo(OutboxEntry.SENT));
        assertThat(world.chatwork().postsIn(ROOM)).anySatisfy(post -> assertThat(post.body())
                .contains("crowdworks").contains("https://crowdworks.jp/proposals/123456"));
    }

    @Test
    void anOperatorSendsADeadReplyAgainFromTheConsole() {
        world.chatwork().failNextPosts(new MockResponse.Builder().code(403)
                .body("{\"errors\":[\"You don't have permission\"]}").build());
        world.say(ROOM, CLIENT, "はじめまして、よろしくお願いします。");
        OutboxDao outbox = world.service().jdbi().onDemand(OutboxDao.class);
        Eventually.await("a dead reply", () -> outbox.list(OutboxEntry.DEAD, ROOM, 10).size() == 1);
        long dead = outbox.list(OutboxEntry.DEAD, ROOM, 10).get(0).id();
        int posted = world.chatwork().postsIn(ROOM).size();

        browser.get(url("/console"));
        Chromium.screenshots(browser, "console-login");
        browser.findElement(By.id("key")).sendKeys(TestEnvironment.OPERATOR_KEY);
        browser.findElement(By.id("login")).click();
        Chromium.screenshots(browser, "console-claims");
        browser.get(url("/console/rooms"));
        Chromium.screenshots(browser, "console-rooms");
        browser.get(url("/console/outbox?status=dead"));
        Chromium.screenshots(browser, "console-outbox");
        browser.findElement(By.id("retry-" + dead)).click();

        assertThat(browser.findElement(By.id("notice")).getText()).contains("#" + dead);
        world.drained();
        assertThat(outbox.find(dead).orElseThrow().status()).isEqualTo(OutboxEntry.SENT);
        assertThat(world.chatwork().postsIn(ROOM)).hasSize(posted + 1);
        browser.get(url("/console/audit?action=outbox.retried"));
        assertThat(browser.getPageSource()).contains("outbox:" + dead).contains("console, bootstrap key");
        Chromium.screenshots(browser, "console-audit");
        browser.get(url("/console/keys"));
        Chromium.screenshots(browser, "console-keys");
        browser.get(url("/console/import"));
        Chromium.screenshots(browser, "console-import");
        browser.findElement(By.id("logout")).click();
        // The click submits a form: wait for the sign-in page it leads to rather than reading the page being left.
        assertThat(new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("key"))).isDisplayed()).isTrue();
    }
}
