package dev.contractgate.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contractgate.testing.ChatworkWebhooks;
import dev.contractgate.testing.Eventually;
import dev.contractgate.testing.FakeChatwork;
import dev.contractgate.testing.RegistryCalls;
import dev.contractgate.testing.Messenger;
import dev.contractgate.testing.RunningService;
import dev.contractgate.testing.TestClock;
import dev.contractgate.testing.TestEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reminders driven by a controllable clock, through the whole service and a restart. */
class ReminderEndToEndTest {
    static final String BOT = TestEnvironment.BOT_ACCOUNT_ID;
    static final String FREELANCER = "2001";
    static final String CLIENT = "3001";
    static final String ROOM = "1010";
    /** Two passes of the reminder worker (it looks every second here). */
    static final long TWO_PASSES_MS = 2_500;

    @TempDir
    Path folder;

    private final TestClock clock = TestClock.atNow();
    private final Messenger messenger = new Messenger(700_000);
    private FakeChatwork chatwork;
    private TestEnvironment environment;
    private RunningService service;
    private RegistryCalls registry;

    @BeforeEach
    void start() {
        chatwork = new FakeChatwork(BOT).members(ROOM, BOT, "ContractGate", FREELANCER, "山田 花子", CLIENT, "佐藤 健一");
        environment = new TestEnvironment(folder).set("CHATWORK_API_TOKEN", "bot-token").set("CHATWORK_API_URL", chatwork.apiUrl())
                .useConfig("reminders:\n  check_interval: 1s\n");
        service = RunningService.start(environment, clock);
        registry = new RegistryCalls(service.http(), TestEnvironment.OPERATOR_KEY);
        registry.party(FREELANCER, "freelancer");
    }

    @AfterEach
    void stop() {
        service.close();
        chatwork.close();
    }

    private void say(String sender, String text) {
        messenger.say(service, ROOM, sender, text, clock.instant().getEpochSecond());
    }

    private long postsContaining(String text) {
        return chatwork.postsIn(ROOM).stream().filter(post -> post.body().contains(text)).count();
    }

    private static void twoPasses() throws InterruptedException {
        Thread.sleep(TWO_PASSES_MS);
    }

    @Test
    void remindsTheFreelancerOfAClaimLeftUnconfirmedForThreeDaysOnceAndNotAgainAfterARestart() throws Exception {
        registry.clientClaim(registry.createKey("client", CLIENT), CLIENT, FREELANCER, ROOM);
        say(CLIENT, "申請しましたので、よろしくお願いします。");
        Eventually.await("confirm request", () -> postsContaining("申請の確認をお願いします") == 1);

        clock.advance(Duration.ofDays(2));
        say(CLIENT, "ご確認いただけましたでしょうか。");
        twoPasses();
        assertThat(postsContaining("申請の確認がまだです")).as("not yet three days").isZero();

        clock.advance(Duration.ofDays(1).plusHours(1));
        say(CLIENT, "お手すきの際にご確認をお願いします。");
        Eventually.await("reminder", () -> postsContaining("申請の確認がまだです") == 1);
        String reminder = chatwork.postsIn(ROOM).stream().filter(p -> p.body().contains("申請の確認がまだです")).findFirst().orElseThrow().body();
        assertThat(reminder).startsWith("[To:" + FREELANCER + "]\n").contains("佐藤 健一 さんとのサービス外連絡申請が、3 日以上");

        twoPasses();
        service.close();
        service = RunningService.start(environment, clock);
        twoPasses();
        assertThat(postsContaining("申請の確認がまだです")).as("neither repeated nor doubled by the restart").isEqualTo(1);

        clock.advance(Duration.ofDays(3).plusHours(1));
        say(CLIENT, "まだでしょうか？");
        Eventually.await("the next reminder three days later", () -> postsContaining("申請の確認がまだです") == 2);
    }

    @Test
    void leavesAnUncoveredRoomToTheGateWarningWhileItRepeatsDaily() throws Exception {
        say(CLIENT, "はじめまして。");
        for (int day = 0; day < 4; day++) {
            clock.advance(Duration.ofHours(25));
            say(CLIENT, "よろしくお願いします。");
        }
        twoPasses();

        assertThat(postsContaining("サービス外連絡申請が確認できません")).isEqualTo(5);
        assertThat(postsContaining("ContractGate：サービス外連絡申請がまだ登録されていません")).isZero();
    }

    @Test
    void remindsAboutAnUncoveredRoomWhenTheGateWarningIsSetToRepeatLessOften() throws Exception {
        service.close();
        environment.useConfig("reminders:\n  check_interval: 1s\ngate:\n  cooldowns:\n    gate_warning: 30d\n");
        service = RunningService.start(environment, clock);
        say(CLIENT, "はじめまして。");
        clock.advance(Duration.ofDays(3).plusHours(1));
        say(CLIENT, "LINEのIDはsato_kです。");

        Eventually.await("reminder", () -> postsContaining("ContractGate：サービス外連絡申請がまだ登録されていません") == 1);
        String reminder = chatwork.postsIn(ROOM).stream()
                .filter(p -> p.body().contains("サービス外連絡申請がまだ登録されていません")).findFirst().orElseThrow().body();
        assertThat(reminder).contains("[To:" + FREELANCER + "]").contains("[To:" + CLIENT + "]")
                .contains("3 日以上、佐藤 健一 さんとの承認済みのサービス外連絡申請が登録されないまま");
    }

    @Test
    void nudgesBothSidesToPostTheSummaryOncePerChangeWhenTheRoomGoesQuiet() throws Exception {
        registry.confirmed(CLIENT, FREELANCER, ROOM);
        say(CLIENT, "報酬は5万円でお願いします。");

        clock.advance(Duration.ofHours(23));
        twoPasses();
        assertThat(postsContaining("決まった条件をプラットフォームにも")).as("not quiet for a day yet").isZero();

        clock.advance(Duration.ofHours(2));
        Eventually.await("nudge", () -> postsContaining("決まった条件をプラットフォームにも") == 1);
        String nudge = chatwork.postsIn(ROOM).stream().filter(p -> p.body().contains("決まった条件をプラットフォームにも")).findFirst().orElseThrow().body();
        assertThat(nudge).contains("[To:" + FREELANCER + "]").contains("[To:" + CLIENT + "]");
        clock.advance(Duration.ofDays(2));
        twoPasses();
        assertThat(postsContaining("決まった条件をプラットフォームにも")).as("once per change").isEqualTo(1);

        say(FREELANCER, "[To:" + BOT + "]まとめ");
        clock.advance(Duration.ofDays(2));
        twoPasses();
        assertThat(postsContaining("決まった条件をプラットフォームにも")).as("summarised: nothing to nudge").isEqualTo(1);

        say(CLIENT, "やはり6万円に変更させてください。");
        clock.advance(Duration.ofHours(25));
        Eventually.await("a nudge for the new change", () -> postsContaining("決まった条件をプラットフォームにも") == 2);
    }
}
