package dev.contractgate.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contractgate.testing.PageClient;
import dev.contractgate.testing.RunningService;
import dev.contractgate.testing.TestClock;
import dev.contractgate.testing.TestEnvironment;
import dev.contractgate.testing.TestHttp;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator console at the HTTP level: signing in, the session cookie, CSRF on every form, and its changes. */
class ConsolePagesTest {
    private static final Pattern CREATED = Pattern.compile("id=\"created-key\">([^<]+)<");

    @TempDir
    static Path folder;

    private static RunningService service;
    private static final TestClock clock = TestClock.atNow();

    @BeforeAll
    static void start() {
        service = RunningService.start(new TestEnvironment(folder), clock);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static PageClient browser() {
        return new PageClient("http://127.0.0.1:" + service.port());
    }

    private static PageClient signedIn(String key) {
        PageClient browser = browser();
        browser.get("/console");
        TestHttp.Answer answer = browser.post("/console/login", Map.of("key", key));
        assertThat(answer.status()).as(answer.body()).isEqualTo(303);
        return browser;
    }

    private static String newKey(String role, String channel, String account) {
        JsonNode created = service.http().postJson("/api/keys", TestEnvironment.OPERATOR_KEY,
                channel == null ? Map.of("role", role) : Map.of("role", role, "channel", channel, "account_id", account)).json();
        return created.get("key").asText();
    }

    @Test
    void signsInWithAnOperatorKeyIntoAStrictHttpOnlySession() {
        PageClient browser = browser();
        TestHttp.Answer form = browser.get("/console");
        TestHttp.Answer signedIn = browser.post("/console/login", Map.of("key", TestEnvironment.OPERATOR_KEY));

        assertThat(form.body()).contains("運営者キー").contains("type=\"password\"");
        assertThat(signedIn.status()).isEqualTo(303);
        assertThat(signedIn.header("Location")).isEqualTo("/console/claims");
        String cookie = signedIn.headers().values("Set-Cookie").stream().filter(value -> value.startsWith("cg_console="))
                .findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly").containsIgnoringCase("SameSite=Strict").contains("Path=/console");
        assertThat(browser.get("/console/claims").body()).contains("確認待ちの申請").contains("ログアウト");
    }

    @Test
    void refusesAPartyKeyAnUnknownKeyAndASignInWithoutItsCsrfToken() {
        PageClient browser = browser();
        browser.get("/console");
        TestHttp.Answer freelancer = browser.post("/console/login", Map.of("key", newKey("freelancer", "chatwork", "2001")));
        TestHttp.Answer unknown = browser.post("/console/login", Map.of("key", "cg_not-a-key-of-ours-000000000000"));
        TestHttp.Answer noToken = browser.postExactly("/console/login", Map.of("key", TestEnvironment.OPERATOR_KEY));

        assertThat(freelancer.status()).isEqualTo(403);
        assertThat(freelancer.body()).contains("運営者キーが必要です");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(noToken.status()).isEqualTo(403);
        assertThat(browser.cookie("cg_console")).isNull();
        assertThat(browser.get("/console/keys").status()).isEqualTo(303);
    }

    @Test
    void everyConsoleFormNeedsTheSessionAndItsCsrfToken() {
        PageClient stranger = browser();
        TestHttp.Answer withoutSession = stranger.postExactly("/console/keys", Map.of("role", "operator"));
        PageClient operator = signedIn(TestEnvironment.OPERATOR_KEY);
        operator.get("/console/keys");
        TestHttp.Answer withoutToken = operator.postExactly("/console/keys", Map.of("role", "operator"));
        TestHttp.Answer wrongToken = operator.postExactly("/console/keys", Map.of("role", "operator", "csrf", "0".repeat(43)));

        assertThat(withoutSession.status()).isEqualTo(401);
        assertThat(withoutToken.status()).isEqualTo(403);
        assertThat(withoutToken.body()).contains("セキュリティトークン");
        assertThat(wrongToken.status()).isEqualTo(403);
        assertThat(service.http().get("/api/keys", TestEnvironment.OPERATOR_KEY).json())
                .noneSatisfy(key -> assertThat(key.get("role").asText()).isEqualTo("operator"));
    }

    @Test
    void createsAKeyShownOnceAndRevokingItEndsTheSessionsItOpened() {
        PageClient operator = signedIn(TestEnvironment.OPERATOR_KEY);
        operator.get("/console/keys");
        TestHttp.Answer created = operator.post("/console/keys", Map.of("role", "operator", "name", "夜間当番"));
        Matcher key = CREATED.matcher(created.body());
        assertThat(created.status()).isEqualTo(201);
        assertThat(key.find()).isTrue();
        assertThat(operator.get("/console/keys").body()).contains("夜間当番").doesNotContain(key.group(1));
        long id = service.http().get("/api/keys", TestEnvironment.OPERATOR_KEY).json().get(0).get("id").asLong();

        PageClient night = signedIn(key.group(1));
        assertThat(night.get("/console/claims").status()).isEqualTo(200);
        TestHttp.Answer revoked = operator.post("/console/keys/" + id + "/revoke", Map.of());

        assertThat(revoked.body()).contains("キー #" + id + " を無効にしました");
        assertThat(night.get("/console/claims").status()).as("the session of the revoked key").isEqualTo(303);
        assertThat(operator.get("/console/claims").status()).as("another key's session").isEqualTo(200);
    }

    @Test
    void signingOutEndsTheSession() {
        PageClient operator = signedIn(TestEnvironment.OPERATOR_KEY);
        operator.get("/console/claims");
        String session = operator.cookie("cg_console").value();

        TestHttp.Answer out = operator.post("/console/logout", Map.of());
        PageClient replay = browser();
        TestHttp.Answer replayed = replay.send(new okhttp3.Request.Builder()
                .url("http://127.0.0.1:" + service.port() + "/console/claims").header("Cookie", "cg_console=" + session).build());

        assertThat(out.status()).isEqualTo(303);
        assertThat(operator.get("/console/claims").status()).isEqualTo(303);
        assertThat(replayed.status()).as("the old cookie no longer opens the console").isEqualTo(303);
    }

    @Test
    void importsAFileAndFindsItsEntriesInTheAuditLog() {
        PageClient operator = signedIn(TestEnvironment.OPERATOR_KEY);
        operator.get("/console/import");
        String csv = "platform,reference,channel,client_account_id,freelancer_account_id,status\n"
                + "crowdworks,https://crowdworks.jp/proposals/777001,chatwork,3101,2101,confirmed\n"
                + "crowdworks,,chatwork,3102,2101,claimed\n";
        TestHttp.Answer imported = operator.postBody("/console/import", new MultipartBody.Builder()
                .setType(MultipartBody.FORM)
                .addFormDataPart("csrf", operator.csrf())
                .addFormDataPart("file", "applications.csv", RequestBody.create(csv, MediaType.get("text/csv")))
                .build());
        TestHttp.Answer audit = operator.get("/console/audit?action=application.filed&actor=console");
        TestHttp.Answer claims = operator.get("/console/claims");

        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(imported.body()).contains("2 行中 1 行を登録しました").contains("reference");
        assertThat(audit.body()).contains("777001").contains("operator (console, bootstrap key)");
        assertThat(claims.body()).doesNotContain("777001");
    }

    @Test
    void limitsSignInAttempts() {
        PageClient guesser = browser();
        guesser.get("/console");
        int refused = 0;
        for (int i = 0; i < 12; i++) {
            if (guesser.post("/console/login", Map.of("key", "guess-" + i)).status() == 429) {
                refused++;
            }
        }
        boolean blockedWithTheRightKey = signInStatus(guesser) == 429;
        clock.advance(java.time.Duration.ofMinutes(1));

        assertThat(refused).as("wrong keys past the limit").isEqualTo(2);
        assertThat(blockedWithTheRightKey).as("even the right key waits out the minute").isTrue();
        assertThat(signInStatus(guesser)).as("after the minute").isEqualTo(303);
    }

    private static int signInStatus(PageClient browser) {
        browser.get("/console");
        return browser.post("/console/login", Map.of("key", TestEnvironment.OPERATOR_KEY)).status();
    }
}
