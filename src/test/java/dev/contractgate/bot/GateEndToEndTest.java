package dev.contractgate.bot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contractgate.outbox.OutboxDao;
import dev.contractgate.outbox.OutboxEntry;
import dev.contractgate.testing.ChatworkWebhooks;
import dev.contractgate.testing.Eventually;
import dev.contractgate.testing.FakeChatwork;
import dev.contractgate.testing.RegistryCalls;
import dev.contractgate.testing.Messenger;
import dev.contractgate.testing.RunningService;
import dev.contractgate.testing.TestEnvironment;
import dev.contractgate.testing.TestHttp;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signed webhooks in, Chatwork messages out: each room state and alert kind, end to end. */
class GateEndToEndTest {
    static final String BOT = TestEnvironment.BOT_ACCOUNT_ID;
    static final String FREELANCER = "2001";
    static final String CLIENT = "3001";
    static final String ROOM = "777";

    @TempDir
    Path folder;

    private FakeChatwork chatwork;
    private RunningService service;
    private RegistryCalls registry;
    private final Messenger messenger = new Messenger(984_676_321_621_704_704L);

    @BeforeEach
    void start() {
        chatwork = new FakeChatwork(BOT).members(ROOM, BOT, "ContractGate", FREELANCER, "山田 花子", CLIENT, "佐藤 商事");
        service = RunningService.start(new TestEnvironment(folder)
                .set("CHATWORK_API_TOKEN", "bot-token")
                .set("CHATWORK_API_URL", chatwork.apiUrl()));
        registry = new RegistryCalls(service.http(), TestEnvironment.OPERATOR_KEY);
    }

    @AfterEach
    void stop() {
        service.close();
        chatwork.close();
    }

    /** Sends a message as Chatwork would and waits until the bot has handled it. */
    private String say(String sender, String text) {
        return messenger.say(service, ROOM, sender, text, 1_790_000_000L);
    }

    private List<OutboxEntry> outbox() {
        return service.jdbi().onDemand(OutboxDao.class).list(null, null, 100);
    }

    /** Waits until the room has received {@code count} posts, and returns them. */
    private List<FakeChatwork.Post> posts(int count) {
        Eventually.await(count + " posts", () -> chatwork.postsIn(ROOM).size() >= count);
        return chatwork.postsIn(ROOM);
    }

    private void registerFreelancer() {
        registry.party(FREELANCER, "freelancer");
    }

    @Test
    void asksTheFreelancerToRegisterInARoomWithoutOne() {
        say(CLIENT, "はじめまして。ご提案ありがとうございます。");

        FakeChatwork.Post post = posts(1).get(0);
        assertThat(post.body()).contains("[To:" + FREELANCER + "]").contains("[rp aid=" + CLIENT + " to=" + ROOM + "-")
                .contains("[info][title]ContractGate：このルームのフリーランスの方が未登録です[/title]").contains("「登録」");
        Eventually.await("recorded as sent", () -> outbox().get(0).status().equals("sent"));
        assertThat(outbox()).singleElement().satisfies(entry -> {
            assertThat(entry.kind()).isEqualTo("setup_notice");
            assertThat(entry.remoteMessageId()).isEqualTo(post.messageId());
        });
    }

    @Test
    void warnsBothSidesInAnUncoveredRoomAndNamesWhatTriggeredIt() {
        registerFreelancer();

        String messageId = say(CLIENT, "LINEのIDはyamada_2024です。こちらに追加してください");

        FakeChatwork.Post warning = posts(1).get(0);
        assertThat(warning.body()).contains("[rp aid=" + CLIENT + " to=" + ROOM + "-" + messageId + "]")
                .contains("[To:" + FREELANCER + "]")
                .contains("佐藤 商事 さんとの間で、承認済みの「サービス外連絡申請」")
                .contains("きっかけになった発言：「LINEのIDはyamada_2024」")
                .contains("申請 相談のURLまたはID");
        OutboxEntry entry = outbox().get(0);
        assertThat(entry.kind()).isEqualTo("gate_warning");
        assertThat(entry.triggerMessageId()).isEqualTo(messageId);
        assertThat(entry.triggerMatch()).isEqualTo("LINEのIDはyamada_2024");
    }

    @Test
    void alertsOnContactExchangeAfterTheWarningAndKeepsToTheCooldown() {
        registerFreelancer();
        say(CLIENT, "よろしくお願いします。");
        posts(1);

        say(CLIENT, "LINEのIDはyamada_2024です。こちらに追加してください");
        say(FREELANCER, "電話番号は090-1234-5678です");

        List<FakeChatwork.Post> posts = posts(2);
        assertThat(posts.get(1).body()).contains("ContractGate：連絡先の交換について").contains("LINEのIDはyamada_2024");
        assertThat(outbox()).extracting(OutboxEntry::kind).containsExactly("contact_alert", "gate_warning");
    }

    @Test
    void asksTheFreelancerToConfirmTheClientsClaimThenAnnouncesTheConfirmation() {
        registerFreelancer();
        String clientKey = registry.createKey("client", CLIENT);
        String freelancerKey = registry.createKey("freelancer", FREELANCER);
        long claim = registry.clientClaim(clientKey, CLIENT, FREELANCER, ROOM);

        say(CLIENT, "申請しましたので、ご確認をお願いします。");
        FakeChatwork.Post request = posts(1).get(0);
        assertThat(request.body()).startsWith("[To:" + FREELANCER + "]\n")
                .contains("申請の確認をお願いします").contains("crowdworks");

        assertThat(registry.change(freelancerKey, claim, "confirm").status()).isEqualTo(200);
        say(FREELANCER, "確認しました。よろしくお願いします。");
        FakeChatwork.Post notice = posts(2).get(1);
        assertThat(notice.body()).contains("[To:" + CLIENT + "]").contains("サービス外連絡申請を確認しました")
                .contains("自己責任").contains("有効期限：期限の定めなし");

        say(CLIENT, "では報酬は5万円、納期は12月15日でお願いします");
        FakeChatwork.Post reminder = posts(3).get(2);
        assertThat(reminder.body()).contains("条件はプラットフォームにも残しましょう").contains("5万円");
        assertThat(outbox()).extracting(OutboxEntry::kind)
                .containsExactly("negotiation_reminder", "approval_notice", "confirm_request");
    }

    @Test
    void allowsContactExchangeInAConfirmedRoom() {
        registerFreelancer();
        registry.confirmed(CLIENT, FREELANCER, ROOM);
        say(CLIENT, "よろしくお願いします。");
        posts(1);

        say(CLIENT, "LINEのIDはyamada_2024です。こちらに追加してください");

        assertThat(outbox()).extracting(OutboxEntry::kind).containsExactly("approval_notice");
    }

    @Test
    void alertsTheFreelancerAloneAboutAScamAndBothAboutADirectDeal() {
        registerFreelancer();
        registry.confirmed(CLIENT, FREELANCER, ROOM);
        say(CLIENT, "よろしくお願いします。");
        posts(1);

        say(CLIENT, "お仕事を始める前に、登録料3,000円をお振込みください");
        say(CLIENT, "クラウドワークスを通さずに直接契約しませんか？");

        List<FakeChatwork.Post> posts = posts(3);
        assertThat(posts.get(1).body()).startsWith("[To:" + FREELANCER + "]\n").doesNotContain("aid=" + CLIENT)
                .contains("ご注意ください").contains("登録料");
        assertThat(posts.get(2).body()).contains("[rp aid=" + CLIENT).contains("[To:" + FREELANCER + "]")
                .contains("プラットフォームを通さない取引について");
    }

    @Test
    void saysNothingAboutTheBotsOwnMessages() {
        registerFreelancer();

        say(BOT, "[info]LINEのIDはyamada_2024です[/info]");

        assertThat(outbox()).isEmpty();
    }

    @Test
    void ignoresWhatIsQuotedFromSomeoneElse() {
        registerFreelancer();
        registry.confirmed(CLIENT, FREELANCER, ROOM);
        say(CLIENT, "よろしくお願いします。");
        posts(1);

        say(FREELANCER, "[qt][qtmeta aid=3001 time=1790000000]登録料3,000円をお振込みください[/qt]これは詐欺ですか？");

        assertThat(outbox()).extracting(OutboxEntry::kind).containsExactly("approval_notice");
    }

    @Test
    void answersTheSameMessageOnceWhenAMentionArrivesBesideTheRoomEvent() {
        registerFreelancer();
        String body = ChatworkWebhooks.created("555", ROOM, CLIENT, "[To:" + BOT + "]こんにちは", 1_790_000_000L);
        String mention = ChatworkWebhooks.mention("555", ROOM, CLIENT, BOT, "[To:" + BOT + "]こんにちは", 1_790_000_000L);
        service.http().send(ChatworkWebhooks.signed(service.http(), body));
        service.http().send(ChatworkWebhooks.signed(service.http(), mention));

        posts(1);
        Eventually.await("both handled", () -> service.jdbi().withHandle(handle ->
                handle.createQuery("SELECT COUNT(*) FROM inbox_event WHERE status <> 'pending'").mapTo(Integer.class).one()) == 2);
        assertThat(outbox()).hasSize(1);
    }

    @Test
    void showsTheRoomThroughTheApi() {
        registerFreelancer();
        String clientKey = registry.createKey("client", CLIENT);
        long claim = registry.clientClaim(clientKey, CLIENT, FREELANCER, ROOM);
        say(CLIENT, "よろしくお願いします。");
        posts(1);
        Eventually.await("recorded as sent", () -> outbox().get(0).status().equals("sent"));

        TestHttp.Answer answer = service.http().get("/api/rooms/chatwork/" + ROOM, TestEnvironment.OPERATOR_KEY);
        TestHttp.Answer asClient = service.http().get("/api/rooms/chatwork/" + ROOM, clientKey);
        TestHttp.Answer stranger = service.http().get("/api/rooms/chatwork/" + ROOM, registry.createKey("client", "3999"));
        TestHttp.Answer outbox = service.http().get("/api/outbox?status=sent&room_id=" + ROOM, TestEnvironment.OPERATOR_KEY);

        assertThat(answer.status()).isEqualTo(200);
        JsonNode room = answer.json();
        assertThat(room.get("gate").asText()).isEqualTo("claimed");
        assertThat(room.get("members_source").asText()).isEqualTo("channel");
        assertThat(room.get("members")).anySatisfy(member -> {
            assertThat(member.get("account_id").asText()).isEqualTo(CLIENT);
            assertThat(member.get("role").asText()).isEqualTo("counterpart");
            assertThat(member.get("covered_by").isNull()).isTrue();
            assertThat(member.get("pending_claim").asLong()).isEqualTo(claim);
        });
        assertThat(room.get("members")).anySatisfy(member -> assertThat(member.get("role").asText()).isEqualTo("bot"));
        assertThat(room.get("recent_actions").get(0).get("kind").asText()).isEqualTo("confirm_request");
        assertThat(asClient.status()).isEqualTo(200);
        assertThat(stranger.status()).isEqualTo(404);
        assertThat(outbox.json()).singleElement().satisfies(entry -> {
            assertThat(entry.get("kind").asText()).isEqualTo("confirm_request");
            assertThat(entry.get("trigger").get("rule").asText()).as("promised when the claim was filed").isEqualTo("registry.filed");
            assertThat(entry.get("sent_at").isNull()).isFalse();
        });
        assertThat(service.http().get("/api/outbox", clientKey).status()).isEqualTo(403);
        assertThat(service.http().get("/api/outbox?status=lost", TestEnvironment.OPERATOR_KEY).status()).isEqualTo(400);
    }
}
