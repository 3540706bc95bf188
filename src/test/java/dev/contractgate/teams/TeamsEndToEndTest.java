package dev.contractgate.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contractgate.outbox.OutboxDao;
import dev.contractgate.outbox.OutboxEntry;
import dev.contractgate.testing.Eventually;
import dev.contractgate.testing.FakeBotFramework;
import dev.contractgate.testing.RegistryCalls;
import dev.contractgate.testing.RunningService;
import dev.contractgate.testing.TestEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signed activities in, Connector posts out: the bot in a Teams group chat, a channel and a personal chat. */
class TeamsEndToEndTest {
    static final String FREELANCER = "f0f0f0f0-0000-4000-8000-000000000001";
    static final String CLIENT = "c0c0c0c0-0000-4000-8000-000000000002";
    static final String CHAT = "19:meeting_Zjk5@thread.v2";
    static final String CHANNEL = "19:general_7d2f@thread.tacv2";
    static final String PERSONAL = "a:1T9fXyz-personal";

    @TempDir
    Path folder;

    private FakeBotFramework microsoft;
    private RunningService service;
    private RegistryCalls registry;

    @BeforeEach
    void start() {
        microsoft = new FakeBotFramework()
                .members(CHAT, FREELANCER, "山田 花子", CLIENT, "佐藤 健一")
                .members(CHANNEL, FREELANCER, "山田 花子", CLIENT, "佐藤 健一")
                .members(PERSONAL, FREELANCER, "山田 花子");
        service = start(microsoft.configure(new TestEnvironment(folder)));
    }

    private RunningService start(TestEnvironment environment) {
        RunningService started = RunningService.start(environment);
        registry = new RegistryCalls(started.http(), TestEnvironment.OPERATOR_KEY, TeamsChannel.NAME);
        return started;
    }

    @AfterEach
    void stop() {
        service.close();
        microsoft.close();
    }

    private String say(String conversation, String from, String name, String text, boolean toBot) {
        String type = conversation.startsWith("a:") ? "personal" : conversation.contains("tacv2") ? "channel" : "groupChat";
        ObjectNode message = microsoft.message(microsoft.nextActivityId(), conversation, type, from, name, text, toBot);
        microsoft.deliverAndWait(service, message);
        return message.get("id").asText();
    }

    private List<FakeBotFramework.Sent> sent(int count) {
        Eventually.await(count + " posts to the Connector", () -> microsoft.sent().size() >= count);
        return microsoft.sent();
    }

    private List<OutboxEntry> outbox() {
        return service.jdbi().onDemand(OutboxDao.class).list(null, null, 100);
    }

    @Test
    void warnsAnUncoveredCounterpartInAGroupChatThroughTheConnector() {
        registry.party(FREELANCER, "freelancer");

        String id = say(CHAT, CLIENT, "佐藤 健一", "急ぎなのでLINEで話しましょう。IDは sato_k です", false);

        FakeBotFramework.Sent warning = sent(1).get(0);
        assertThat(warning.conversationId()).isEqualTo(CHAT);
        assertThat(warning.replyToId()).as("answered in the message's thread").isEqualTo(id);
        assertThat(warning.encodedPath()).isEqualTo("/amer/v3/conversations/19%3Ameeting_Zjk5%40thread.v2/activities/" + id);
        assertThat(warning.authorization()).isEqualTo("Bearer bot-token-1");
        assertThat(warning.activity().path("textFormat").asText()).isEqualTo("xml");
        assertThat(warning.activity().path("from").path("id").asText()).isEqualTo(FakeBotFramework.BOT_ID);
        assertThat(warning.text()).contains("<b>ContractGate です</b>").contains("佐藤 健一 さんとの承認済みの申請")
                .contains("「急ぎなのでLINEで話しましょう」").doesNotContain("Chatwork").doesNotContain("（TO）")
                .contains("@メンション");
        assertThat(warning.mentioned()).as("the first words in a room are an introduction that mentions no one").isEmpty();
        Eventually.await("recorded as sent", () -> outbox().get(0).status().equals(OutboxEntry.SENT));
        assertThat(outbox().get(0).kind()).isEqualTo("introduction");
        assertThat(outbox().get(0).remoteMessageId()).isNotBlank();
        JsonNode room = service.http().get("/api/rooms/msteams/" + CHAT, TestEnvironment.OPERATOR_KEY).json();
        assertThat(room.get("gate").asText()).isEqualTo("uncovered");
        assertThat(room.get("members_source").asText()).isEqualTo("channel");
    }

    @Test
    void registersAFreelancerAndConfirmsAClaimByChatCommand() {
        say(CHAT, FREELANCER, "山田 花子", "登録", true);
        assertThat(sent(1).get(0).text()).contains("山田 花子 さんを、このチャットのフリーランスとして登録しました");
        assertThat(sent(1).get(0).mentioned()).as("the answer notifies who asked").containsExactly(FREELANCER);

        say(CHAT, CLIENT, "佐藤 健一", "申請 https://crowdworks.jp/proposals/123456", true);
        FakeBotFramework.Sent request = sent(2).get(1);
        assertThat(request.text()).contains("申請の確認をお願いします").contains("crowdworks.jp/proposals/123456");
        assertThat(request.mentioned()).as("the freelancer who must confirm").containsExactly(FREELANCER);

        say(CHAT, FREELANCER, "山田 花子", "確認", true);
        FakeBotFramework.Sent approval = sent(3).get(2);
        assertThat(approval.text()).contains("サービス外連絡申請を確認しました");
        assertThat(approval.mentioned()).containsExactlyInAnyOrder(FREELANCER, CLIENT);

        JsonNode applications = service.http().get("/api/applications?channel=msteams&account_id=" + CLIENT,
                TestEnvironment.OPERATOR_KEY).json();
        assertThat(applications).singleElement().satisfies(application -> {
            assertThat(application.get("status").asText()).isEqualTo("confirmed");
            assertThat(application.get("room_id").asText()).isEqualTo(CHAT);
            assertThat(application.get("freelancer_account_id").asText()).isEqualTo(FREELANCER);
        });
        assertThat(service.http().get("/api/rooms/msteams/" + CHAT, TestEnvironment.OPERATOR_KEY).json()
                .get("gate").asText()).isEqualTo("confirmed");
        say(CHAT, CLIENT, "佐藤 健一", "報酬は5万円、納期は12月15日でいかがでしょうか", false);
        say(CHAT, FREELANCER, "山田 花子", "承知しました", false);
        say(CHAT, CLIENT, "佐藤 健一", "状態", true);
        say(CHAT, FREELANCER, "山田 花子", "まとめ", true);
        Eventually.await("status and summary answered", () -> microsoft.sent().stream()
                .anyMatch(post -> post.text().contains("取引条件のまとめ")));
        assertThat(microsoft.sent()).anySatisfy(post -> assertThat(post.text()).contains("このチャットの状況（確認済み）"));
        assertThat(microsoft.sent()).anySatisfy(post -> assertThat(post.text()).contains("以下は Teams でのやり取りから")
                .contains("50,000円"));
        assertThat(microsoft.tokenFetches()).as("one token, reused for every post").isEqualTo(1);
        assertThat(microsoft.sent()).extracting(FakeBotFramework.Sent::authorization).containsOnly("Bearer bot-token-1");
    }

    @Test
    void answersEveryCommandInAPersonalChatWithoutAMention() {
        say(PERSONAL, FREELANCER, "山田 花子", "登録", false);

        FakeBotFramework.Sent answer = sent(1).get(0);
        assertThat(answer.text()).contains("フリーランスとして登録しました").contains("Teams");
        assertThat(answer.encodedPath()).startsWith("/amer/v3/conversations/a%3A1T9fXyz-personal/activities/");
        assertThat(service.http().get("/api/parties?channel=msteams&account_id=" + FREELANCER, TestEnvironment.OPERATOR_KEY)
                .json()).singleElement().satisfies(party -> assertThat(party.get("role").asText()).isEqualTo("freelancer"));

        say(PERSONAL, FREELANCER, "山田 花子", "help", false);
        assertThat(sent(2).get(1).text()).as("answered in the language of the word").contains("ContractGate: how to use it")
                .doesNotContain("(mention it with TO)");

        String route = service.jdbi().onDemand(dev.contractgate.chat.ConversationDao.class)
                .route(TeamsChannel.NAME, FREELANCER).orElseThrow();
        assertThat(new TeamsChannel(FakeBotFramework.APP_ID, new dev.contractgate.chat.DryRun("test"), dev.contractgate.Json.create())
                .privateRoom(route)).as("where to reach the freelancer privately").contains(PERSONAL);
        assertThat(route).contains("29:" + FREELANCER);
    }

    @Test
    void treatsAChannelsThreadsAsOneRoomAndAnswersInTheThread() {
        registry.party(FREELANCER, "freelancer");
        String thread = CHANNEL + ";messageid=1712345678901";

        ObjectNode message = microsoft.message(microsoft.nextActivityId(), thread, "channel", CLIENT, "佐藤 健一",
                "このスレッドで相談させてください。電話番号は 090-1234-5678 です", false);
        microsoft.deliverAndWait(service, message);

        FakeBotFramework.Sent warning = sent(1).get(0);
        assertThat(warning.encodedPath()).isEqualTo("/amer/v3/conversations/19%3Ageneral_7d2f%40thread.tacv2%3Bmessageid%3D"
                + "1712345678901/activities/" + message.get("id").asText());
        assertThat(service.http().get("/api/rooms/msteams/" + CHANNEL, TestEnvironment.OPERATOR_KEY).status()).isEqualTo(200);
        assertThat(outbox()).allSatisfy(entry -> assertThat(entry.roomId()).isEqualTo(CHANNEL));
    }

    @Test
    void introducesItselfOnceWhenAddedWithTheSetupNoticeFoldedIn() {
        microsoft.deliverAndWait(service, microsoft.botAdded(microsoft.nextActivityId(), CHAT, "groupChat", FREELANCER, "山田 花子"));
        ObjectNode installed = microsoft.activity("installationUpdate", microsoft.nextActivityId(), CHAT, "groupChat",
                FREELANCER, "山田 花子").put("action", "add");
        microsoft.deliverAndWait(service, installed);

        FakeBotFramework.Sent introduction = sent(1).get(0);
        assertThat(introduction.text()).contains("ContractGate です").contains("「登録」").contains("@メンション");
        assertThat(introduction.replyToId()).isNull();

        say(CHAT, CLIENT, "佐藤 健一", "はじめまして", false);
        assertThat(outbox()).extracting(OutboxEntry::kind).as("one introduction, and no setup notice right after it")
                .containsExactly("introduction");
    }

    @Test
    void postsOnceWhenTheConnectorFirstAnswers429And412() {
        microsoft.answerNextPosts(new MockResponse.Builder().code(429).addHeader("Retry-After", "1").build(),
                new MockResponse.Builder().code(412).build());
        registry.party(FREELANCER, "freelancer");

        say(CHAT, CLIENT, "佐藤 健一", "LINEで話しましょう", false);

        Eventually.await("sent", () -> outbox().get(0).status().equals(OutboxEntry.SENT));
        assertThat(microsoft.sent()).hasSize(1);
        assertThat(outbox().get(0).attempts()).as("a 429 or 412 is not a failed attempt").isEqualTo(1);
    }

    @Test
    void sendsOnceMoreAtMostWhenTheAnswerIsLost() {
        service.close();
        service = start(microsoft.configure(new TestEnvironment(folder)).useConfig("msteams:\n  request_timeout: 500ms\n"));
        microsoft.storeThenHang(1, Duration.ofSeconds(3));
        registry.party(FREELANCER, "freelancer");

        say(CHAT, CLIENT, "佐藤 健一", "LINEで話しましょう", false);

        Eventually.await("sent", () -> outbox().get(0).status().equals(OutboxEntry.SENT));
        assertThat(microsoft.sent()).as("the Connector cannot be read back: one duplicate at most").hasSize(2);
        assertThat(outbox().get(0).recoveries()).isEqualTo(1);
    }

    @Test
    void postsAtMostOneDuplicateWhenTheProcessDiesBetweenSendingAndRecording() {
        registry.party(FREELANCER, "freelancer");
        say(CHAT, CLIENT, "佐藤 健一", "LINEで話しましょう", false);
        Eventually.await("sent", () -> outbox().get(0).status().equals(OutboxEntry.SENT));
        service.close();
        // What kill -9 right after the Connector accepted the post leaves: a claim with no outcome, its lease run out.
        service = start(microsoft.configure(new TestEnvironment(folder)));
        service.jdbi().useHandle(handle -> handle.execute("UPDATE outbox SET status = 'sending', sent_at = NULL, "
                + "remote_message_id = NULL, lease_owner = 'killed', available_at = 0"));

        Eventually.await("settled", () -> outbox().get(0).status().equals(OutboxEntry.SENT));
        assertThat(microsoft.sent()).as("posted twice: one duplicate, never more").hasSize(2);
        assertThat(outbox().get(0).recoveries()).isEqualTo(1);
        assertThat(outbox()).hasSize(1);
    }

    @Test
    void neverSendsItsTokenToAServiceUrlOffTheAllowList() {
        String foreign = "http://localhost:" + microsoft.base().substring(microsoft.base().lastIndexOf(':') + 1) + "/amer/";
        registry.party(FREELANCER, "freelancer");
        ObjectNode message = microsoft.message(microsoft.nextActivityId(), CHAT, "groupChat", CLIENT, "佐藤 健一",
                "LINEで話しましょう", false).put("serviceUrl", foreign);

        assertThat(microsoft.deliver(service.http(), message,
                microsoft.sign(microsoft.claims().claim("serviceurl", foreign).build())).status()).isEqualTo(200);

        Eventually.await("given up", () -> !outbox().isEmpty() && outbox().get(0).status().equals(OutboxEntry.DEAD));
        assertThat(outbox().get(0).lastError()).contains("MSTEAMS_SERVICE_URL_HOSTS");
        assertThat(microsoft.sent()).isEmpty();
        assertThat(microsoft.tokenFetches()).as("not even fetched").isZero();
    }

    @Test
    void recordsRepliesAsHeldInADryRunAndBuildsTheRosterFromWhoSpoke() {
        service.close();
        service = start(microsoft.configure(new TestEnvironment(folder)).unset("MSTEAMS_APP_PASSWORD"));

        say(CHAT, CLIENT, "佐藤 健一", "はじめまして", false);

        Eventually.await("held", () -> !outbox().isEmpty() && outbox().get(0).status().equals(OutboxEntry.HELD));
        assertThat(microsoft.sent()).isEmpty();
        JsonNode room = service.http().get("/api/rooms/msteams/" + CHAT, TestEnvironment.OPERATOR_KEY).json();
        assertThat(room.get("members_source").asText()).isEqualTo("roster");
        assertThat(room.get("members")).anySatisfy(member -> {
            assertThat(member.get("account_id").asText()).isEqualTo(CLIENT);
            assertThat(member.get("name").asText()).isEqualTo("佐藤 健一");
        });
        JsonNode ready = service.http().get("/ready").json();
        assertThat(ready.at("/checks/msteams").asText()).isEqualTo("ok");
        assertThat(ready.at("/details/msteams/dry_run").asBoolean()).isTrue();
    }
}
