package dev.contractgate.bot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contractgate.outbox.OutboxDao;
import dev.contractgate.outbox.OutboxEntry;
import dev.contractgate.testing.BotInRoom;
import dev.contractgate.testing.ChatworkWebhooks;
import dev.contractgate.testing.Eventually;
import dev.contractgate.testing.FakeChatwork;
import dev.contractgate.testing.RegistryCalls;
import dev.contractgate.testing.Messenger;
import dev.contractgate.testing.RunningService;
import dev.contractgate.testing.TestEnvironment;
import dev.contractgate.testing.TestHttp;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signed webhooks in, Chatwork messages out: each room state and alert kind, end to end. */
class GateEndToEndTest {
    static final String BOT = BotInRoom.BOT;
    static final String FREELANCER = BotInRoom.FREELANCER;
    static final String CLIENT = BotInRoom.CLIENT;
    static final String ROOM = BotInRoom.ROOM;

    @TempDir
    Path folder;

    private BotInRoom world;
    private FakeChatwork chatwork;
    private RunningService service;
    private RegistryCalls registry;
    private final Messenger messenger = new Messenger(984_676_321_621_704_704L);

    @BeforeEach
    void start() {
        world = new BotInRoom(folder, Clock.systemUTC());
        chatwork = world.chatwork();
        service = world.service();
        registry = world.registry();
    }

    @AfterEach
    void stop() {
        world.close();
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
        assertThat(post.body()).as("an introduction mentions no one").doesNotContain("[To:").doesNotContain("[rp ")
                .contains("[info][title]ContractGate です[/title]").contains("フリーランスの方は").contains("「登録」");
        Eventually.await("recorded as sent", () -> outbox().get(0).status().equals("sent"));
        assertThat(outbox()).singleElement().satisfies(entry -> {
            assertThat(entry.kind()).isEqualTo("introduction");
            assertThat(entry.remoteMessageId()).isEqualTo(post.messageId());
        });
    }

    @Test
    void warnsBothSidesInAnUncoveredRoomAndNamesWhatTriggeredIt() {
        registerFreelancer();

        String messageId = say(CLIENT, "LINEのIDはyamada_2024です。こちらに追加してください");

        FakeChatwork.Post warning = posts(1).get(0);
        assertThat(warning.body()).contains("ContractGate です")
                .contains("佐藤 商事 さんとの承認済みの申請は、まだ登録されていません")
                .contains("気になった発言：「LINEのIDはyamada_2024です」")
                .contains("申請 相談のURLまたはID").doesNotContain("禁止");
        OutboxEntry entry = outbox().get(0);
        assertThat(entry.kind()).isEqualTo("introduction");
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
        assertThat(posts.get(1).body()).contains("ContractGate：連絡先の交換は申請の承認後に").contains("「LINEのIDはyamada_2024です」");
        assertThat(outbox()).extracting(OutboxEntry::kind).containsExactly("contact_alert", "introduction");
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
        say(FREELANCER, "承知しました。");
        assertThat(outbox()).extracting(OutboxEntry::kind)
                .as("the approval notice just asked to keep the terms on the platform: no reminder repeats it")
                .containsExactly("approval_notice", "confirm_request");
    }

    /** The kinds and addressees of everything the bot promised in the room, oldest first. */
    private List<String> said() {
        List<OutboxEntry> entries = new java.util.ArrayList<>(outbox());
        java.util.Collections.reverse(entries);
        return entries.stream().map(entry -> entry.kind() + " → " + entry.addressees()).toList();
    }

    @Test
    void speaksTwiceInAConversationWithAHesitantClient() {
        registerFreelancer();

        say(CLIENT, "はじめまして。ご提案ありがとうございます。");
        say(CLIENT, "サービス外連絡申請というのは、どうすればいいのでしょうか…");
        say(CLIENT, "予算は5万円くらいで考えています。");
        say(FREELANCER, "ありがとうございます。まずはプラットフォーム上で進めましょう。");
        say(CLIENT, "やっぱりLINEのほうが気楽なので、IDは sato_2024 です。");
        say(CLIENT, "すみません、やはりこちらで続けます。");

        assertThat(said()).as("an introduction to the room, then one alert when contact details came up").containsExactly(
                "introduction → ", "contact_alert → " + FREELANCER + "," + CLIENT);
        assertThat(posts(2).get(0).body()).doesNotContain("[To:").contains("ContractGate です");
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
    void cautionsTheRoomWithoutNamingAnyoneAndAlertsBothAboutADirectDeal() {
        registerFreelancer();
        registry.confirmed(CLIENT, FREELANCER, ROOM);
        say(CLIENT, "よろしくお願いします。");
        posts(1);

        say(CLIENT, "お仕事を始める前に、登録料3,000円をお振込みください");
        say(CLIENT, "クラウドワークスを通さずに直接契約しませんか？");

        List<FakeChatwork.Post> posts = posts(3);
        assertThat(posts.get(1).body()).as("the bot's first words in the room, with the caution folded in")
                .contains("ContractGate です").contains("いったん手を止めて")
                .as("no private chat is known: the room's notice says how to get one")
                .contains("このボットとの個人チャットで「登録」")
                .doesNotContain("佐藤 商事").doesNotContain("登録料").doesNotContain("[To:").doesNotContain("[rp ");
        assertThat(posts.get(2).body()).contains("[rp aid=" + CLIENT).contains("[To:" + FREELANCER + "]")
                .contains("契約と支払いはプラットフォームで");
        assertThat(outbox()).extracting(OutboxEntry::kind).doesNotContain("scam_alert");
    }

    @Test
    void sendsAScamAlertToTheFreelancersDirectChatAndNothingInTheRoomNamesTheSender() {
        String direct = "555";
        chatwork.members(direct, BOT, "ContractGate", FREELANCER, "山田 花子");
        messenger.say(service, direct, FREELANCER, "[To:" + BOT + "]ContractGateさん\n登録", 1_790_000_000L);
        Eventually.await("registered in the direct chat", () -> chatwork.postsIn(direct).size() == 1);
        registry.confirmed(CLIENT, FREELANCER, ROOM);
        say(CLIENT, "よろしくお願いします。");
        posts(1);

        String scam = say(CLIENT, "お仕事を始める前に、登録料3,000円をお振込みください。今日中にお願いします。");

        Eventually.await("the private alert", () -> chatwork.postsIn(direct).size() == 2);
        FakeChatwork.Post alert = chatwork.postsIn(direct).get(1);
        assertThat(alert.body()).contains("[To:" + FREELANCER + "]").contains("佐藤 商事 さんのメッセージ")
                .contains("登録料").doesNotContain("[rp ");
        assertThat(outbox()).filteredOn(entry -> entry.kind().equals("scam_alert")).singleElement().satisfies(entry -> {
            assertThat(entry.roomId()).isEqualTo(direct);
            assertThat(entry.aboutRoomId()).isEqualTo(ROOM);
            assertThat(entry.triggerMessageId()).isEqualTo(scam);
        });
        FakeChatwork.Post caution = posts(2).get(1);
        assertThat(caution.body()).contains("ContractGate です").contains("いったん手を止めて").doesNotContain("個人チャットで「登録」");
        assertThat(chatwork.postsIn(ROOM)).as("nothing in the shared room names the sender or quotes them")
                .allSatisfy(post -> assertThat(post.body()).doesNotContain("佐藤 商事 さんのメッセージ").doesNotContain("登録料")
                        .doesNotContain("[rp aid=" + CLIENT));
        assertThat(service.http().get("/api/outbox?room_id=" + direct, TestEnvironment.OPERATOR_KEY).json())
                .anySatisfy(entry -> assertThat(entry.path("about_room_id").asText()).isEqualTo(ROOM));
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
