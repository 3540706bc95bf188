package dev.contractgate.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.contractgate.Json;
import dev.contractgate.chat.ChatEvent;
import dev.contractgate.chat.DryRun;
import dev.contractgate.testing.FakeBotFramework;
import dev.contractgate.testing.RunningService;
import dev.contractgate.testing.TestEnvironment;
import dev.contractgate.testing.TestHttp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /webhooks/msteams}: every token the Bot Framework's rules refuse is a 401 and stores nothing. */
class TeamsWebhookTest {
    static final String CLIENT = "c0c0c0c0-0000-4000-8000-000000000001";
    static final String CHAT = "19:meeting_abc@thread.v2";

    @TempDir
    Path folder;

    private FakeBotFramework microsoft;
    private RunningService service;

    @BeforeEach
    void start() {
        microsoft = new FakeBotFramework();
        service = RunningService.start(microsoft.configure(new TestEnvironment(folder)));
    }

    @AfterEach
    void stop() {
        service.close();
        microsoft.close();
    }

    private ObjectNode message() {
        return microsoft.message(microsoft.nextActivityId(), CHAT, "groupChat", CLIENT, "佐藤 健一", "はじめまして", false);
    }

    private int stored() {
        return service.jdbi().withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM inbox_event")
                .mapTo(Integer.class).one());
    }

    private TestHttp.Answer deliver(ObjectNode activity, String token) {
        return microsoft.deliver(service.http(), activity, token);
    }

    private void assertRefused(ObjectNode activity, String token, String why) {
        TestHttp.Answer answer = deliver(activity, token);
        assertThat(answer.status()).as(why).isEqualTo(401);
        assertThat(stored()).as(why + ": nothing stored").isZero();
    }

    private JWTClaimsSet.Builder claims() {
        return microsoft.claims();
    }

    @Test
    void storesAnActivityWithAGoodTokenOnceAndAnswersWithAnEmptyBody() {
        ObjectNode activity = message();

        TestHttp.Answer first = deliver(activity, microsoft.token());
        TestHttp.Answer again = deliver(activity, microsoft.token());

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body()).isEmpty();
        assertThat(again.status()).isEqualTo(200);
        assertThat(stored()).isEqualTo(1);
        String room = service.jdbi().withHandle(handle -> handle.createQuery("SELECT room_id FROM inbox_event")
                .mapTo(String.class).one());
        assertThat(room).isEqualTo(CHAT);
    }

    @Test
    void refusesATokenFromAnotherIssuer() {
        assertRefused(message(), microsoft.sign(claims().issuer("https://sts.windows.net/evil/").build()), "wrong iss");
    }

    @Test
    void refusesATokenForAnotherBot() {
        assertRefused(message(), microsoft.sign(claims().audience("00000000-0000-0000-0000-000000000000").build()), "wrong aud");
    }

    @Test
    void refusesATokenExpiredBeyondTheFiveMinutesOfSkewAndAcceptsOneWithin() {
        Instant now = Instant.now();
        assertRefused(message(), microsoft.sign(claims().expirationTime(Date.from(now.minus(Duration.ofMinutes(6)))).build()),
                "expired 6 minutes ago");

        TestHttp.Answer withinSkew = deliver(message(),
                microsoft.sign(claims().expirationTime(Date.from(now.minus(Duration.ofMinutes(4)))).build()));
        assertThat(withinSkew.status()).as("expired 4 minutes ago: within the skew").isEqualTo(200);
    }

    @Test
    void refusesATokenNotValidYet() {
        assertRefused(message(), microsoft.sign(claims().notBeforeTime(Date.from(Instant.now().plus(Duration.ofMinutes(6))))
                .build()), "nbf 6 minutes ahead");
    }

    @Test
    void refusesATokenSignedWithAKeyNobodyPublished() {
        assertRefused(message(), FakeBotFramework.sign(claims().build(), "unknown-kid", FakeBotFramework.strangerKey()),
                "unknown kid");
    }

    @Test
    void refusesATokenNamingThePublishedKeyButSignedWithAnother() {
        String good = microsoft.token();
        String publishedHeader = good.substring(0, good.indexOf('.'));
        String forged = FakeBotFramework.sign(claims().build(), "x", FakeBotFramework.strangerKey());
        String withPublishedKid = publishedHeader + forged.substring(forged.indexOf('.'));
        assertRefused(message(), withPublishedKid, "bad signature");
    }

    @Test
    void refusesHs256AndAlgNone() {
        assertRefused(message(), microsoft.signHs256(claims().build()), "HS256");
        assertRefused(message(), FakeBotFramework.unsigned(claims().build()), "alg none");
    }

    @Test
    void refusesAnActivityOfAChannelTheKeyIsNotEndorsedFor() {
        assertRefused(message().put("channelId", "skype"), microsoft.token(), "channel not endorsed");
    }

    @Test
    void refusesAnActivityWithoutAChannelId() {
        assertRefused(message().put("channelId", ""), microsoft.token(), "empty channelId");
        ObjectNode missing = message();
        missing.remove("channelId");
        assertRefused(missing, microsoft.token(), "no channelId");
    }

    @Test
    void refusesAnActivityWhoseServiceUrlIsNotTheOneItsTokenNames() {
        String withoutSlash = microsoft.serviceUrl().substring(0, microsoft.serviceUrl().length() - 1);
        assertRefused(message(), microsoft.sign(claims().claim("serviceurl", withoutSlash).build()), "no trailing slash");
        assertRefused(message().put("serviceUrl", "https://evil.example/"), microsoft.token(), "another service URL");
        assertRefused(message(), microsoft.sign(claims().claim("serviceurl", null).build()), "no serviceurl claim");
    }

    @Test
    void refusesADeliveryWithoutABearerToken() {
        assertRefused(message(), null, "no Authorization");
        TestHttp.Answer basic = service.http().send(new okhttp3.Request.Builder().url(service.http().url("/webhooks/msteams"))
                .header("Authorization", "bearer " + microsoft.token())
                .post(okhttp3.RequestBody.create(message().toString(), TestHttp.JSON)).build());
        assertThat(basic.status()).as("the scheme is exactly Bearer").isEqualTo(401);
        assertRefused(message(), "not-a-jwt", "not a JWT");
        assertThat(stored()).isZero();
    }

    @Test
    void readsTheSigningKeysOnceAndAgainAtMostOnceAnHourForAnUnknownKey() {
        for (int i = 0; i < 3; i++) {
            assertThat(deliver(message(), microsoft.token()).status()).isEqualTo(200);
        }
        assertThat(microsoft.keyReads()).isEqualTo(1);

        deliver(message(), FakeBotFramework.sign(claims().build(), "rotated-1", FakeBotFramework.strangerKey()));
        deliver(message(), FakeBotFramework.sign(claims().build(), "rotated-2", FakeBotFramework.strangerKey()));

        assertThat(microsoft.keyReads()).as("one look for the first unknown key, none for the second").isEqualTo(2);
    }

    @Test
    void recordsAnActivityTypeItDoesNotActOnAsIgnored() {
        ObjectNode typing = microsoft.activity("typing", microsoft.nextActivityId(), CHAT, "groupChat", CLIENT, "佐藤");

        assertThat(deliver(typing, microsoft.token()).status()).isEqualTo(200);

        List<String> statuses = service.jdbi().withHandle(handle -> handle.createQuery("SELECT status FROM inbox_event")
                .mapTo(String.class).list());
        assertThat(statuses).containsExactly("ignored");
    }

    @Test
    void refusesAMalformedActivityWithAGoodToken() {
        ObjectNode noConversation = message();
        noConversation.remove("conversation");

        TestHttp.Answer answer = deliver(noConversation, microsoft.token());

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("conversation.id");
        assertThat(stored()).isZero();
    }

    @Test
    void answers503WhenTeamsIsOff() {
        service.close();
        service = RunningService.start(new TestEnvironment(folder));

        TestHttp.Answer answer = deliver(message(), microsoft.token());

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.body()).contains("MSTEAMS_APP_ID");
        assertThat(service.http().get("/ready").json().at("/checks/msteams").isMissingNode())
                .as("/ready does not wait for a channel that is off").isTrue();
        assertThat(List.of(stored())).containsExactly(0);
    }

    private TestHttp.Answer deliverRaw(String path, byte[] body) {
        return service.http().send(new okhttp3.Request.Builder().url(service.http().url(path))
                .header("Authorization", "Bearer " + microsoft.token())
                .post(okhttp3.RequestBody.create(body, TestHttp.JSON)).build());
    }

    private void assertBadInput(String path, byte[] body, String why, String named) {
        TestHttp.Answer answer = deliverRaw(path, body);
        assertThat(answer.status()).as(why).isEqualTo(400);
        assertThat(answer.body()).as(why).contains(named);
        assertThat(stored()).as(why + ": nothing stored").isZero();
    }

    @Test
    void refusesWhatTheInputPolicyRefusesOnEveryWebhook() {
        String good = message().toString();
        assertBadInput("/webhooks/msteams", good.getBytes(StandardCharsets.UTF_16), "UTF-16", "UTF-8");
        assertBadInput("/webhooks/msteams", (good + " {}").getBytes(StandardCharsets.UTF_8), "a second JSON value", "body");
        assertBadInput("/webhooks/msteams", good.replaceFirst("\\{", "{\"text\":\"twice\",")
                .getBytes(StandardCharsets.UTF_8), "a field given twice", "text");
        assertBadInput("/webhooks/msteams?code=abc", good.getBytes(StandardCharsets.UTF_8), "a query parameter", "code");
    }

    @Test
    void removesControlCharactersFromWhatPeopleWroteAndStoresTheRest() {
        ObjectNode activity = message().put("text", "LINE\u0007で\u0000話そう\n明日");
        ((ObjectNode) activity.get("from")).put("name", "佐藤\u0001 健一");
        // Jackson escapes the controls; a raw one goes in as well, as a careless sender would write it.
        String body = activity.toString().replace("LINE\\u0007", "LINE\u0007");

        assertThat(deliverRaw("/webhooks/msteams", body.getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);

        String payload = service.jdbi().withHandle(handle -> handle.createQuery("SELECT payload FROM inbox_event")
                .mapTo(String.class).one());
        assertThat(payload).doesNotContain("\u0007");
        ChatEvent event = new TeamsChannel(FakeBotFramework.APP_ID, new DryRun("a test"), Json.create())
                .decode("message", payload).orElseThrow();
        assertThat(event.body()).isEqualTo("LINEで話そう\n明日");
        assertThat(event.senderName()).isEqualTo("佐藤 健一");
    }

    @Test
    void recordsAnUnknownActivityTypeCutToFitItsColumn() {
        ObjectNode activity = message().put("type", "event_" + "x".repeat(100) + "\u0001");

        assertThat(deliver(activity, microsoft.token()).status()).isEqualTo(200);

        String type = service.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT event_type FROM inbox_event WHERE status = 'ignored'").mapTo(String.class).one());
        assertThat(type).startsWith("event_xxx").hasSize(64).doesNotContain("\u0001");
    }
}
