package dev.contractgate.command;

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
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chat commands through signed webhooks, answered in Chatwork. */
class CommandsEndToEndTest {
    static final String BOT = TestEnvironment.BOT_ACCOUNT_ID;
    static final String FREELANCER = "2001";
    static final String CLIENT = "3001";
    static final String SECOND = "3002";
    static final String ROOM = "880";
    static final String DIRECT = "881";
    static final String TO_BOT = "[To:" + BOT + "]ContractGateさん\n";

    @TempDir
    Path folder;

    private FakeChatwork chatwork;
    private RunningService service;
    private RegistryCalls registry;
    private final Messenger messenger = new Messenger(500_000);

    @BeforeEach
    void start() {
        chatwork = new FakeChatwork(BOT).roomLimit(10, Duration.ofSeconds(1))
                .members(ROOM, BOT, "ContractGate", FREELANCER, "山田 花子", CLIENT, "佐藤 健一")
                .members(DIRECT, BOT, "ContractGate", FREELANCER, "山田 花子");
        service = RunningService.start(chatwork.configure(new TestEnvironment(folder))
                .useConfig("outbox:\n  room_post_window: 1s\n"));
        registry = new RegistryCalls(service.http(), TestEnvironment.OPERATOR_KEY);
        Eventually.await("the bot's name is known", () -> chatwork.requestCount() >= 1);
    }

    @AfterEach
    void stop() {
        service.close();
        chatwork.close();
    }

    private String say(String room, String sender, String text) {
        return messenger.say(service, room, sender, text, 1_790_000_000L);
    }

    /** The next post to the room (after the {@code before} already seen). */
    private FakeChatwork.Post answer(String room, int before) {
        Eventually.await("an answer in room " + room, () -> chatwork.postsIn(room).size() > before);
        return chatwork.postsIn(room).get(before);
    }

    private int posted(String room) {
        Eventually.await("outbox drained", () -> service.jdbi().onDemand(OutboxDao.class).list(null, null, 1000).stream()
                .noneMatch(entry -> entry.status().equals("pending") || entry.status().equals("sending")));
        return chatwork.postsIn(room).size();
    }

    private JsonNode applications() {
        return service.http().get("/api/applications", TestEnvironment.OPERATOR_KEY).json();
    }

    @Test
    void answersHelpInJapaneseAndEnglishAndExplainsAnUnknownWord() {
        String ask = say(ROOM, CLIENT, TO_BOT + "ヘルプ");
        FakeChatwork.Post help = answer(ROOM, 0);
        say(ROOM, CLIENT, "[To:" + BOT + "] help");
        FakeChatwork.Post english = answer(ROOM, 1);
        say(ROOM, CLIENT, TO_BOT + "こんにちは、よろしく");
        FakeChatwork.Post unknown = answer(ROOM, 2);

        assertThat(help.body()).startsWith("[rp aid=" + CLIENT + " to=" + ROOM + "-" + ask + "]")
                .contains("ContractGate の使い方").contains("申請（apply） 相談のURLまたはID").contains("まとめ");
        assertThat(english.body()).as("an English word is answered in English").contains("ContractGate: how to use it");
        assertThat(unknown.body()).contains("「こんにちは、よろしく」はコマンドではありません");
        assertThat(service.jdbi().onDemand(OutboxDao.class).list(null, null, 10))
                .extracting(OutboxEntry::kind).containsOnly("command_reply");
    }

    @Test
    void registersAFreelancerInADirectChatWithTheBot() {
        say(DIRECT, FREELANCER, "[To:" + BOT + "]登録");

        assertThat(answer(DIRECT, 0).body()).contains("フリーランスとして登録しました").contains("山田 花子 さん");
        JsonNode parties = service.http().get("/api/parties?account_id=" + FREELANCER, TestEnvironment.OPERATOR_KEY).json();
        assertThat(parties).singleElement().satisfies(party -> assertThat(party.get("role").asText()).isEqualTo("freelancer"));
    }

    @Test
    void registersTheRoomsFreelancerAndPolitelyRefusesASecondOne() {
        say(ROOM, FREELANCER, TO_BOT + "登録");
        FakeChatwork.Post registered = answer(ROOM, 0);
        say(ROOM, CLIENT, "[To:" + BOT + "]ContractGate さん register");
        FakeChatwork.Post refused = answer(ROOM, 1);

        assertThat(registered.body()).contains("このルームのフリーランスとして登録しました");
        assertThat(refused.body()).as("asked in English").contains("ContractGate: not registered")
                .contains("山田 花子 is already registered as this room's freelancer");
        JsonNode room = service.http().get("/api/rooms/chatwork/" + ROOM, TestEnvironment.OPERATOR_KEY).json();
        assertThat(room.get("members")).anySatisfy(member -> {
            assertThat(member.get("account_id").asText()).isEqualTo(FREELANCER);
            assertThat(member.get("role").asText()).isEqualTo("freelancer");
        });
        assertThat(room.get("members")).anySatisfy(member -> {
            assertThat(member.get("account_id").asText()).isEqualTo(CLIENT);
            assertThat(member.get("role").asText()).isEqualTo("counterpart");
        });
    }

    @Test
    void filesTheClientsClaimAndLetsOnlyTheFreelancerConfirmIt() {
        say(ROOM, FREELANCER, TO_BOT + "登録");
        answer(ROOM, 0);

        say(ROOM, CLIENT, TO_BOT + "申請 https://crowdworks.jp/proposals/123456");
        FakeChatwork.Post request = answer(ROOM, 1);
        say(ROOM, CLIENT, TO_BOT + "確認");
        FakeChatwork.Post ownClaim = answer(ROOM, 2);
        say(ROOM, FREELANCER, TO_BOT + "確認");
        FakeChatwork.Post confirmed = answer(ROOM, 3);

        assertThat(request.body()).contains("[To:" + FREELANCER + "]")
                .contains("申請の確認をお願いします").contains("crowdworks：https://crowdworks.jp/proposals/123456");
        assertThat(ownClaim.body()).contains("確認を待っている申請はありません").contains("ご自身が登録した申請は、相手の方が確認します");
        assertThat(confirmed.body()).contains("サービス外連絡申請を確認しました").contains("自己責任").contains("[To:" + CLIENT + "]");
        assertThat(applications()).singleElement().satisfies(application -> {
            assertThat(application.get("status").asText()).isEqualTo("confirmed");
            assertThat(application.get("filed_by").asText()).isEqualTo("client");
            assertThat(application.get("room_id").asText()).isEqualTo(ROOM);
            assertThat(application.get("platform").asText()).isEqualTo("crowdworks");
        });
        // The answers count as the gate's notices for this application: nothing is said twice.
        say(ROOM, CLIENT, "よろしくお願いします");
        assertThat(posted(ROOM)).isEqualTo(4);
    }

    @Test
    void worksInEnglishToo() {
        say(ROOM, FREELANCER, "[To:" + BOT + "] register");
        answer(ROOM, 0);
        say(ROOM, FREELANCER, "[To:" + BOT + "] apply lancers 98765");
        FakeChatwork.Post request = answer(ROOM, 1);
        say(ROOM, CLIENT, "[To:" + BOT + "] confirm");
        answer(ROOM, 2);
        say(ROOM, CLIENT, "[To:" + BOT + "] status");
        FakeChatwork.Post status = answer(ROOM, 3);
        say(ROOM, FREELANCER, "[To:" + BOT + "] summary");
        FakeChatwork.Post summary = answer(ROOM, 4);

        assertThat(request.body()).contains("[To:" + CLIENT + "]").contains("lancers：98765");
        assertThat(status.body()).contains("ContractGate: this room (confirmed)").contains("佐藤 健一: confirmed application (lancers: 98765");
        assertThat(summary.body()).contains("Summary of the terms");
        assertThat(applications()).singleElement().satisfies(application ->
                assertThat(application.get("filed_by").asText()).isEqualTo("freelancer"));
    }

    @Test
    void refusesAnApplicationWithoutAReferenceOrWithAnOverlongOne() {
        say(ROOM, FREELANCER, TO_BOT + "登録");
        answer(ROOM, 0);

        say(ROOM, CLIENT, TO_BOT + "申請");
        FakeChatwork.Post missing = answer(ROOM, 1);
        say(ROOM, CLIENT, TO_BOT + "申請 " + "x".repeat(201));
        FakeChatwork.Post tooLong = answer(ROOM, 2);

        assertThat(missing.body()).contains("相談のURLまたはIDを添えて送ってください").doesNotContain("登録できませんでした：");
        assertThat(tooLong.body()).contains("申請を登録できませんでした：").contains("200");
        assertThat(applications()).isEmpty();
    }

    @Test
    void showsTheStatusOfAnUncoveredRoom() {
        say(ROOM, FREELANCER, TO_BOT + "登録");
        answer(ROOM, 0);

        say(ROOM, CLIENT, TO_BOT + "状態");

        assertThat(answer(ROOM, 1).body()).contains("このルームの状況（申請なし）").contains("山田 花子 さん：フリーランス")
                .contains("佐藤 健一 さん：申請がありません");
    }

    @Test
    void answersInTheLanguageOfTheWordUsedAndListsBothWords() {
        say(ROOM, CLIENT, "[To:" + BOT + "] help");
        FakeChatwork.Post english = answer(ROOM, 0);
        say(ROOM, CLIENT, "[To:" + BOT + "] ヘルプ");
        FakeChatwork.Post japanese = answer(ROOM, 1);

        assertThat(english.body()).as("a Japanese room, an English word").contains("ContractGate: how to use it")
                .contains("register (登録)").contains("summary (まとめ)").doesNotContain("使い方");
        assertThat(japanese.body()).contains("ContractGate の使い方").contains("登録（register）").contains("まとめ（summary）");
    }

    @Test
    void takesAReplyToTheBotAsACommandButNotAMentionInsideAQuote() {
        say(ROOM, CLIENT, "[rp aid=" + BOT + " to=" + ROOM + "-777]ContractGateさん\n状態");
        FakeChatwork.Post status = answer(ROOM, 0);

        say(ROOM, CLIENT, "[qt][qtmeta aid=" + FREELANCER + " time=1790000000][To:" + BOT + "]登録[/qt]了解です");
        posted(ROOM);

        assertThat(status.body()).contains("このルームの状況");
        assertThat(service.jdbi().onDemand(OutboxDao.class).list(null, null, 10)).extracting(OutboxEntry::kind)
                .as("the quoted command is not run; the message is an ordinary one").containsExactly("introduction", "command_reply");
        assertThat(service.http().get("/api/parties", TestEnvironment.OPERATOR_KEY).json()).isEmpty();
    }

    @Test
    void answersABurstOfTwentyFourCommandsWithinTheRoomsPostingLimit() {
        for (int i = 0; i < 24; i++) {
            say(ROOM, CLIENT, TO_BOT + (i % 2 == 0 ? "状態" : "help"));
        }

        Eventually.await("all 24 answered", () -> chatwork.postsIn(ROOM).size() == 24);
        assertThat(chatwork.roomRejections()).isZero();
        List<FakeChatwork.Post> posts = chatwork.postsIn(ROOM);
        for (int i = 10; i < posts.size(); i++) {
            assertThat(Duration.between(posts.get(i - 10).at(), posts.get(i).at()))
                    .as("no more than 10 posts in any second").isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        }
    }
}
