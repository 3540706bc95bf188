package dev.contractgate.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contractgate.outbox.OutboxDao;
import dev.contractgate.outbox.OutboxEntry;
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

/**
 * Reminders driven by a controllable clock, through the whole service and a restart. The test runs the reminder
 * worker's passes itself (its own thread looks only once an hour here) and waits for the outbox to drain, so what was
 * not sent is known not to come.
 */
class ReminderEndToEndTest {
    static final String BOT = TestEnvironment.BOT_ACCOUNT_ID;
    static final String FREELANCER = "2001";
    static final String CLIENT = "3001";
    static final String ROOM = "1010";
    static final String CONFIG = "reminders:\n  check_interval: 1h\n";

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
        environment = chatwork.configure(new TestEnvironment(folder))
                .useConfig(CONFIG);
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

    /** One pass of the reminder worker, then every reply it promised is sent. */
    private void remind() {
        service.part(ReminderWorker.class).remindNow();
        OutboxDao outbox = service.jdbi().onDemand(OutboxDao.class);
        Eventually.await("the outbox drained", () -> outbox.count(OutboxEntry.PENDING) + outbox.count(OutboxEntry.SENDING) == 0);
    }

    @Test
    void remindsTheFreelancerOfAClaimLeftUnconfirmedForThreeDaysOnceAndNotAgainAfterARestart() {
        registry.clientClaim(registry.createKey("client", CLIENT), CLIENT, FREELANCER, ROOM);
        say(CLIENT, "申請しましたので、よろしくお願いします。");
        Eventually.await("confirm request", () -> postsContaining("申請の確認をお願いします") == 1);

        clock.advance(Duration.ofDays(2));
        say(CLIENT, "ご確認いただけましたでしょうか。");
        remind();
        assertThat(postsContaining("申請の確認がまだです")).as("not yet three days").isZero();

        clock.advance(Duration.ofDays(1).plusHours(1));
        say(CLIENT, "お手すきの際にご確認をお願いします。");
        remind();
        Eventually.await("reminder", () -> postsContaining("申請の確認がまだです") == 1);
        String reminder = chatwork.postsIn(ROOM).stream().filter(p -> p.body().contains("申請の確認がまだです")).findFirst().orElseThrow().body();
        assertThat(reminder).startsWith("[To:" + FREELANCER + "]\n").contains("佐藤 健一 さんとのサービス外連絡申請が、3 日以上");

        remind();
        service.close();
        service = RunningService.start(environment, clock);
        remind();
        assertThat(postsContaining("申請の確認がまだです")).as("neither repeated nor doubled by the restart").isEqualTo(1);

        clock.advance(Duration.ofDays(3).plusHours(1));
        say(CLIENT, "まだでしょうか？");
        remind();
        Eventually.await("the next reminder three days later", () -> postsContaining("申請の確認がまだです") == 2);
    }

    @Test
    void leavesAnUncoveredRoomToTheGateWarningWhileItRepeatsDaily() {
        say(CLIENT, "はじめまして。");
        for (int day = 0; day < 4; day++) {
            clock.advance(Duration.ofHours(25));
            say(CLIENT, "よろしくお願いします。");
        }
        remind();

        assertThat(postsContaining("ContractGate です")).isEqualTo(1);
        assertThat(postsContaining("ContractGate：申請の登録がまだです"))
                .as("after the introduction, a daily warning waits for three messages (gate.budget)").isEqualTo(1);
        assertThat(postsContaining("ContractGate：サービス外連絡申請がまだ登録されていません")).isZero();
    }

    @Test
    void remindsAboutAnUncoveredRoomWhenTheGateWarningIsSetToRepeatLessOften() {
        service.close();
        environment.useConfig(CONFIG + "gate:\n  cooldowns:\n    gate_warning: 30d\n");
        service = RunningService.start(environment, clock);
        say(CLIENT, "はじめまして。");
        clock.advance(Duration.ofDays(3).plusHours(1));
        say(CLIENT, "LINEのIDはsato_kです。");

        remind();
        Eventually.await("reminder", () -> postsContaining("ContractGate：サービス外連絡申請がまだ登録されていません") == 1);
        String reminder = chatwork.postsIn(ROOM).stream()
                .filter(p -> p.body().contains("サービス外連絡申請がまだ登録されていません")).findFirst().orElseThrow().body();
        assertThat(reminder).contains("[To:" + FREELANCER + "]").contains("[To:" + CLIENT + "]")
                .contains("3 日以上、佐藤 健一 さんとの承認済みのサービス外連絡申請が登録されないまま");
    }

    @Test
    void nudgesBothSidesToPostTheSummaryOncePerChangeWhenTheRoomGoesQuiet() {
        registry.confirmed(CLIENT, FREELANCER, ROOM);
        say(CLIENT, "報酬は5万円でお願いします。");

        clock.advance(Duration.ofHours(23));
        remind();
        assertThat(postsContaining("決まった条件をプラットフォームにも")).as("not quiet for a day yet").isZero();

        clock.advance(Duration.ofHours(2));
        remind();
        Eventually.await("nudge", () -> postsContaining("決まった条件をプラットフォームにも") == 1);
        String nudge = chatwork.postsIn(ROOM).stream().filter(p -> p.body().contains("決まった条件をプラットフォームにも")).findFirst().orElseThrow().body();
        assertThat(nudge).contains("[To:" + FREELANCER + "]").contains("[To:" + CLIENT + "]");
        clock.advance(Duration.ofDays(2));
        remind();
        assertThat(postsContaining("決まった条件をプラットフォームにも")).as("once per change").isEqualTo(1);

        say(FREELANCER, "[To:" + BOT + "]まとめ");
        clock.advance(Duration.ofDays(2));
        remind();
        assertThat(postsContaining("決まった条件をプラットフォームにも")).as("summarised: nothing to nudge").isEqualTo(1);

        say(CLIENT, "やはり6万円に変更させてください。");
        clock.advance(Duration.ofHours(25));
        remind();
        Eventually.await("a nudge for the new change", () -> postsContaining("決まった条件をプラットフォームにも") == 2);
    }
}
