package dev.contractgate.web.pages;

import static dev.contractgate.testing.LinkWorld.CLIENT;
import static dev.contractgate.testing.LinkWorld.DIRECT;
import static dev.contractgate.testing.LinkWorld.FREELANCER;
import static dev.contractgate.testing.LinkWorld.ROOM;
import static dev.contractgate.testing.LinkWorld.TO_BOT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contractgate.outbox.OutboxDao;
import dev.contractgate.outbox.OutboxEntry;
import dev.contractgate.testing.LinkWorld;
import dev.contractgate.testing.PageClient;
import dev.contractgate.testing.TestClock;
import dev.contractgate.testing.TestEnvironment;
import dev.contractgate.testing.TestHttp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The single-use link pages at the HTTP level: who may do what, and every way a link or a form is refused. */
class LinkPagesTest {
    private static final java.time.LocalDate NEXT_YEAR = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusYears(1);
    private static final Pattern CODE = Pattern.compile("id=\"code\">(\\d{8})<");
    private static final Map<String, String> APPLICATION = Map.of("platform", "crowdworks",
            "reference", "https://crowdworks.jp/proposals/123456", "valid_until", NEXT_YEAR.toString(),
            "evidence_url", "https://example.org/approved.png", "note", "承認済みです");

    @TempDir
    Path folder;

    private final TestClock clock = TestClock.atNow();
    private LinkWorld world;

    @BeforeEach
    void start() {
        world = new LinkWorld(folder, clock);
        world.freelancerRegisters();
    }

    @AfterEach
    void stop() {
        world.close();
    }

    private JsonNode applications() {
        return world.service().http().get("/api/applications", TestEnvironment.OPERATOR_KEY).json();
    }

    /** The client's link (posted in the room: the client has no private route) opened, its code posted by the client. */
    private String clientLinkReadyToAct(PageClient browser) {
        String link = world.link(CLIENT);
        browser.get(link);
        TestHttp.Answer shown = browser.post(link + "/code", Map.of());
        Matcher code = CODE.matcher(shown.body());
        assertThat(code.find()).as("a code on the page").isTrue();
        world.say(ROOM, CLIENT, TO_BOT + "リンク " + code.group(1));
        world.drained();
        browser.get(link);
        return link;
    }

    @Test
    void homePageSaysWhatTheServiceIsInJapaneseAndEnglishWithAPolicyThatAllowsNoScript() {
        TestHttp.Answer japanese = world.browser().get("/");
        TestHttp.Answer english = world.browser().get("/?lang=en");

        assertThat(japanese.status()).isEqualTo(200);
        assertThat(japanese.contentType()).startsWith("text/html");
        assertThat(japanese.body()).contains("サービス外連絡申請").contains("/console").doesNotContain("<script");
        assertThat(english.body()).contains("off-platform contact application").contains("lang=\"en\"");
        assertThat(japanese.header("Content-Security-Policy")).startsWith("default-src 'none'")
                .doesNotContain("script-src").doesNotContain("unsafe-inline");
        assertThat(japanese.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(world.browser().get("/no-such-page").body()).contains("このアドレスにはページがありません");
    }

    @Test
    void aFreelancersLinkGoesToTheirDirectChatAndTheRoomIsOnlyToldItWasSent() {
        int roomPosts = world.chatwork().postsIn(ROOM).size();
        String link = world.link(FREELANCER);

        assertThat(world.chatwork().postsIn(DIRECT)).last().satisfies(post -> assertThat(post.body()).contains(link));
        assertThat(world.chatwork().postsIn(ROOM).subList(roomPosts, world.chatwork().postsIn(ROOM).size()))
                .singleElement().satisfies(post -> assertThat(post.body()).contains("個人チャットに送りました")
                        .doesNotContain("/l/"));
        assertThat(world.service().jdbi().onDemand(OutboxDao.class).list(null, DIRECT, 10))
                .filteredOn(entry -> entry.body().contains(link))
                .extracting(OutboxEntry::aboutRoomId).containsExactly(ROOM);
    }

    @Test
    void aLinkPostedInTheRoomActsOnlyOnceItsPersonPostedTheCodeThisBrowserWasShown() {
        String link = world.link(CLIENT);
        assertThat(world.chatwork().postsIn(ROOM)).last().satisfies(post -> assertThat(post.body()).contains(link)
                .contains("ワンタイムコード"));
        PageClient client = world.browser();
        PageClient other = world.browser();
        assertThat(client.get(link).body()).contains("ワンタイムコードを表示").doesNotContain("id=\"reference\"");
        assertThat(client.post(link + "/file", APPLICATION).status()).as("no code posted yet").isEqualTo(403);

        Matcher code = CODE.matcher(client.post(link + "/code", Map.of()).body());
        assertThat(code.find()).isTrue();
        other.get(link);
        world.say(ROOM, FREELANCER, TO_BOT + "リンク " + code.group(1));
        world.drained();
        assertThat(world.chatwork().postsIn(ROOM)).last().satisfies(post -> assertThat(post.body()).contains("確認できません"));
        assertThat(client.post(link + "/file", APPLICATION).status()).as("the wrong person posted the code").isEqualTo(403);

        world.say(ROOM, CLIENT, TO_BOT + "リンク " + code.group(1));
        world.drained();
        assertThat(other.post(link + "/file", APPLICATION).status()).as("another browser with the same link").isEqualTo(403);
        assertThat(client.get(link).body()).contains("id=\"reference\"");
        TestHttp.Answer filed = client.post(link + "/file", APPLICATION);

        assertThat(filed.status()).as(filed.body()).isEqualTo(201);
        assertThat(filed.body()).contains("申請 #").contains("山田 花子");
        assertThat(applications()).singleElement().satisfies(application -> {
            assertThat(application.get("status").asText()).isEqualTo("claimed");
            assertThat(application.get("filed_by").asText()).isEqualTo("client");
            assertThat(application.get("client_account_id").asText()).isEqualTo(CLIENT);
            assertThat(application.get("freelancer_account_id").asText()).isEqualTo(FREELANCER);
            assertThat(application.get("room_id").asText()).isEqualTo(ROOM);
            assertThat(application.get("evidence_url").asText()).isEqualTo("https://example.org/approved.png");
            assertThat(application.get("valid_until").asText()).isEqualTo(NEXT_YEAR + "T14:59:59Z");
        });
    }

    @Test
    void openingALinkNeverUsesItUpAndActingDoesOnce() {
        PageClient client = world.browser();
        String link = clientLinkReadyToAct(client);
        client.get(link);
        client.get(link);

        assertThat(client.post(link + "/file", APPLICATION).status()).isEqualTo(201);
        TestHttp.Answer again = client.post(link + "/file", APPLICATION);
        TestHttp.Answer reopened = client.get(link);

        assertThat(again.status()).isEqualTo(410);
        assertThat(reopened.status()).isEqualTo(410);
        assertThat(reopened.body()).contains("このリンクはすでに使われました");
        assertThat(applications()).hasSize(1);
    }

    @Test
    void refusesAnUnknownAndAnExpiredLinkWithAClearPage() {
        PageClient browser = world.browser();
        String link = world.link(FREELANCER);
        TestHttp.Answer unknown = browser.get("/l/" + "A".repeat(43));
        TestHttp.Answer malformed = browser.get("/l/not-a-token");
        clock.advance(Duration.ofMinutes(16));
        TestHttp.Answer expired = browser.get(link);

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("このリンクは無効です");
        assertThat(malformed.status()).isEqualTo(404);
        assertThat(expired.status()).isEqualTo(410);
        assertThat(expired.body()).contains("有効期限が切れています").contains("リンク");
    }

    @Test
    void refusesAFormWithoutTheCsrfTokenOfItsOwnBrowser() {
        PageClient client = world.browser();
        String link = clientLinkReadyToAct(client);
        PageClient stranger = world.browser();
        stranger.get("/");

        TestHttp.Answer missing = client.postExactly(link + "/file", APPLICATION);
        Map<String, String> foreign = new java.util.HashMap<>(APPLICATION);
        foreign.put("csrf", stranger.csrf() == null ? "x".repeat(64) : stranger.csrf());
        TestHttp.Answer wrong = client.postExactly(link + "/file", foreign);

        assertThat(missing.status()).isEqualTo(403);
        assertThat(missing.body()).contains("セキュリティトークン");
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(applications()).isEmpty();
        assertThat(client.post(link + "/file", APPLICATION).status()).as("the link was not used up").isEqualTo(201);
    }

    @Test
    void aClientsLinkCannotConfirmAndAFreelancersLinkCannotFile() {
        PageClient client = world.browser();
        String clientLink = clientLinkReadyToAct(client);
        client.post(clientLink + "/file", APPLICATION);
        long id = applications().get(0).get("id").asLong();
        PageClient clientAgain = world.browser();
        String secondClientLink = clientLinkReadyToAct(clientAgain);
        PageClient freelancer = world.browser();
        String freelancerLink = world.link(FREELANCER);
        freelancer.get(freelancerLink);

        TestHttp.Answer clientConfirms = clientAgain.post(secondClientLink + "/confirm", Map.of("application_id", String.valueOf(id)));
        TestHttp.Answer freelancerFiles = freelancer.post(freelancerLink + "/file", APPLICATION);

        assertThat(clientConfirms.status()).isEqualTo(403);
        assertThat(clientConfirms.body()).contains("このリンクではその操作はできません");
        assertThat(freelancerFiles.status()).isEqualTo(403);
        assertThat(applications()).singleElement().satisfies(application ->
                assertThat(application.get("status").asText()).isEqualTo("claimed"));
    }

    @Test
    void theFreelancerSeesTheClaimAndDeniesItWithAReason() {
        PageClient client = world.browser();
        String clientLink = clientLinkReadyToAct(client);
        client.post(clientLink + "/file", APPLICATION);
        long id = applications().get(0).get("id").asLong();
        PageClient freelancer = world.browser();
        String link = world.link(FREELANCER);

        TestHttp.Answer page = freelancer.get(link);
        TestHttp.Answer unknownClaim = freelancer.post(link + "/deny", Map.of("application_id", "999999"));
        TestHttp.Answer denied = freelancer.post(link + "/deny", Map.of("application_id", String.valueOf(id),
                "reason", "プラットフォームでは未承認"));

        assertThat(page.body()).contains("https://crowdworks.jp/proposals/123456").contains("承認済みです")
                .contains("id=\"summary\"").contains("佐藤 健一");
        assertThat(unknownClaim.status()).isEqualTo(404);
        assertThat(denied.status()).isEqualTo(200);
        assertThat(denied.body()).contains("申請 #" + id + " を却下しました");
        assertThat(applications().get(0).get("status").asText()).isEqualTo("denied");
        JsonNode audit = world.service().http().get("/api/audit", TestEnvironment.OPERATOR_KEY).json();
        assertThat(audit).anySatisfy(entry -> {
            assertThat(entry.get("action").asText()).isEqualTo("application.denied");
            assertThat(entry.get("detail").asText()).isEqualTo("プラットフォームでは未承認");
            assertThat(entry.get("actor").asText()).contains("freelancer chatwork:" + FREELANCER).contains("page link");
        });
    }
}
