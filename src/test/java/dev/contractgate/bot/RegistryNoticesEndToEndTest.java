package dev.contractgate.bot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contractgate.notice.ExpiryWorker;
import dev.contractgate.outbox.OutboxDao;
import dev.contractgate.outbox.OutboxEntry;
import dev.contractgate.testing.BotInRoom;
import dev.contractgate.testing.Eventually;
import dev.contractgate.testing.FakeChatwork;
import dev.contractgate.testing.Messenger;
import dev.contractgate.testing.RegistryCalls;
import dev.contractgate.testing.RunningService;
import dev.contractgate.testing.TestClock;
import dev.contractgate.testing.TestEnvironment;
import dev.contractgate.testing.TestHttp;
import java.nio.charset.StandardCharsets;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A change to the registry reaches the room at once, whoever makes it: the notice is promised with the change, so
 * nobody has to write in the room first.
 */
class RegistryNoticesEndToEndTest {
    static final String BOT = BotInRoom.BOT;
    static final String FREELANCER = BotInRoom.FREELANCER;
    static final String CLIENT = BotInRoom.CLIENT;
    static final String ROOM = BotInRoom.ROOM;

    @TempDir
    Path folder;

    private final TestClock clock = TestClock.atNow();
    private BotInRoom world;
    private FakeChatwork chatwork;
    private RunningService service;
    private RegistryCalls registry;
    private final Messenger messenger = new Messenger(984_676_321_621_704_704L);

    @BeforeEach
    void start() {
        world = new BotInRoom(folder, clock);
        chatwork = world.chatwork();
        service = world.service();
        registry = world.registry();
        registry.party(FREELANCER, "freelancer");
        messenger.say(service, ROOM, CLIENT, "はじめまして。よろしくお願いします。", clock.instant().getEpochSecond());
        Eventually.await("the bot spoke in the room", () -> !sentKinds().isEmpty());
    }

    @AfterEach
    void stop() {
        world.close();
    }

    private List<String> sentKinds() {
        return service.jdbi().onDemand(OutboxDao.class).list(OutboxEntry.SENT, ROOM, 100).stream()
                .map(OutboxEntry::kind).toList();
    }

    private FakeChatwork.Post awaitPost(String title) {
        Eventually.await("a post titled " + title, () -> chatwork.postsIn(ROOM).stream().anyMatch(post -> post.body().contains(title)));
        return chatwork.postsIn(ROOM).stream().filter(post -> post.body().contains(title)).findFirst().orElseThrow();
    }

    private long events() {
        return service.jdbi().withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM inbox_event").mapTo(Long.class).one());
    }

    private TestHttp.Answer importLines(String query, String body) {
        return service.http().send(new Request.Builder().url(service.http().url("/api/applications/import" + query))
                .header("Authorization", "Bearer " + TestEnvironment.OPERATOR_KEY)
                .post(RequestBody.create(body.getBytes(StandardCharsets.UTF_8), MediaType.get("application/x-ndjson")))
                .build());
    }

    @Test
    void anApiConfirmationPostsTheApprovalNoticeInTheRoomWithoutANewMessage() {
        String clientKey = registry.createKey("client", CLIENT);
        String freelancerKey = registry.createKey("freelancer", FREELANCER);
        long eventsBefore = events();

        long claim = registry.clientClaim(clientKey, CLIENT, FREELANCER, ROOM);
        FakeChatwork.Post request = awaitPost("申請の確認をお願いします");
        assertThat(request.body()).startsWith("[To:" + FREELANCER + "]").contains("佐藤 商事 さんが");

        assertThat(registry.change(freelancerKey, claim, "confirm").status()).isEqualTo(200);
        FakeChatwork.Post notice = awaitPost("サービス外連絡申請を確認しました");
        assertThat(notice.body()).contains("[To:" + FREELANCER + "]").contains("[To:" + CLIENT + "]")
                .contains("佐藤 商事 さんと 山田 花子 さん").contains("自己責任");
        assertThat(events()).as("nobody wrote in the room meanwhile").isEqualTo(eventsBefore);

        messenger.say(service, ROOM, CLIENT, "確認ありがとうございます。", clock.instant().getEpochSecond());
        assertThat(service.jdbi().onDemand(OutboxDao.class).list(null, ROOM, 100)).extracting(OutboxEntry::kind)
                .as("the gate does not announce the confirmation a second time")
                .containsOnlyOnce("approval_notice").containsOnlyOnce("confirm_request");
    }

    @Test
    void aDenialARevocationAndAnExpiryEachReachTheRoom() {
        String freelancerKey = registry.createKey("freelancer", FREELANCER);
        String clientKey = registry.createKey("client", CLIENT);
        long denied = registry.clientClaim(clientKey, CLIENT, FREELANCER, ROOM);
        assertThat(registry.change(freelancerKey, denied, "deny").status()).isEqualTo(200);
        assertThat(awaitPost("申請が却下されました").body()).contains("[To:" + CLIENT + "]");

        long revoked = registry.confirmed(CLIENT, FREELANCER, ROOM);
        assertThat(registry.change(clientKey, revoked, "revoke").status()).isEqualTo(200);
        assertThat(awaitPost("申請の確認が取り消されました").body()).contains("[To:" + FREELANCER + "]");

        Map<String, Object> expiring = RegistryCalls.claim(CLIENT, FREELANCER, ROOM);
        expiring.put("reference", "https://crowdworks.jp/proposals/expiring");
        expiring.put("status", "confirmed");
        expiring.put("valid_until", clock.instant().plus(Duration.ofDays(1)).toString());
        registry.file(TestEnvironment.OPERATOR_KEY, expiring);
        ExpiryWorker expiries = service.part(ExpiryWorker.class);
        assertThat(expiries.noticeNow()).as("nothing has expired yet").isZero();

        clock.advance(Duration.ofDays(2));
        assertThat(expiries.noticeNow()).isEqualTo(1);
        assertThat(expiries.noticeNow()).as("an expiry is noticed once").isZero();
        assertThat(awaitPost("申請の有効期限が切れました").body()).contains("proposals/expiring");
    }

    @Test
    void anImportTellsTheRoomOnlyWhenAskedTo() {
        String line = "{\"platform\":\"crowdworks\",\"reference\":\"imported-%s\",\"channel\":\"chatwork\","
                + "\"client_account_id\":\"" + CLIENT + "\",\"freelancer_account_id\":\"" + FREELANCER + "\","
                + "\"room_id\":\"" + ROOM + "\",\"status\":\"confirmed\"}";
        assertThat(importLines("", String.format(line, "quiet")).status()).isEqualTo(200);
        assertThat(importLines("?notify=true", String.format(line, "told")).status()).isEqualTo(200);

        assertThat(awaitPost("imported-told").body()).contains("サービス外連絡申請を確認しました");
        assertThat(service.jdbi().onDemand(OutboxDao.class).list(null, ROOM, 100))
                .noneMatch(entry -> entry.triggerMatch() != null && entry.triggerMatch().equals("imported-quiet"));
    }
}
