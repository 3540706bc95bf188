package dev.contractgate.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contractgate.Json;
import dev.contractgate.chat.Channel;
import dev.contractgate.chat.Channels;
import dev.contractgate.chat.Pacing;
import dev.contractgate.chatwork.ChatworkChannel;
import dev.contractgate.chatwork.ChatworkClient;
import dev.contractgate.chatwork.ChatworkPayloads;
import dev.contractgate.config.OutboxConfig;
import dev.contractgate.db.Database;
import dev.contractgate.metrics.Metrics;
import dev.contractgate.testing.Eventually;
import dev.contractgate.testing.FakeChatwork;
import dev.contractgate.testing.ScriptedChannel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import mockwebserver3.MockResponse;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxWorkerTest {
    private static final String BOT = "9000001";

    @TempDir
    Path folder;

    private Database database;
    private OutboxDao dao;
    private FakeChatwork chatwork;
    private ChatworkChannel channel;
    private OutboxWorker worker;

    @BeforeEach
    void open() {
        database = Database.open("jdbc:sqlite:" + folder.resolve("outbox.db"), null, null, 2);
        database.migrate();
        dao = database.jdbi().onDemand(OutboxDao.class);
        chatwork = new FakeChatwork(BOT);
        channel = chatworkChannel(Duration.ofSeconds(10));
    }

    @AfterEach
    void close() {
        if (worker != null) {
            worker.close();
        }
        chatwork.close();
        database.close();
    }

    /** The live Chatwork channel on the fake, with its per-room limit of 10 posts per {@code roomWindow}. */
    private ChatworkChannel chatworkChannel(Duration roomWindow) {
        ChatworkClient client = new ChatworkClient(new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(2)).build(),
                chatwork.apiUrl(), "token", Json.create());
        return ChatworkChannel.live(new ChatworkPayloads(Json.create()), true, client,
                new Pacing(List.of(new Pacing.Window(10, roomWindow)), List.of()), BOT);
    }

    private OutboxWorker startWorker(Channel channel, OutboxConfig config) {
        worker = new OutboxWorker(database.jdbi(), new Channels(List.of(channel)), config, Clock.systemUTC(),
                Metrics.none());
        worker.start();
        return worker;
    }

    private static OutboxConfig quick(int maxAttempts) {
        return new OutboxConfig(Duration.ofMillis(50), maxAttempts, Duration.ofMillis(100), Duration.ofSeconds(30), 4);
    }

    private OutboxWorker startWorker() {
        return startWorker(channel, quick(5));
    }

    private void enqueue(String roomId, String body) {
        dao.insert(new NewOutboxEntry("chatwork", roomId, "gate_warning", body, "200,300", "gate_warning", "gate.uncovered", "5001", null), Instant.now());
    }

    private List<OutboxEntry> entries() {
        return dao.list(null, null, 1000);
    }

    @Test
    void postsAReplyAndRecordsChatworksMessageId() {
        enqueue("10", "[To:200][To:300]\n[info][title]注意[/title]サービス外連絡申請が確認できません & 100%[/info]");

        startWorker();
        Eventually.await("sent", () -> dao.count(OutboxEntry.SENT) == 1);

        assertThat(chatwork.posts()).singleElement().satisfies(post -> {
            assertThat(post.roomId()).isEqualTo("10");
            assertThat(post.body()).isEqualTo("[To:200][To:300]\n[info][title]注意[/title]サービス外連絡申請が確認できません & 100%[/info]");
        });
        OutboxEntry sent = entries().get(0);
        assertThat(sent.remoteMessageId()).isEqualTo(chatwork.posts().get(0).messageId());
        assertThat(sent.attempts()).isEqualTo(1);
        assertThat(sent.sentAt()).isNotNull();
    }

    @Test
    void waitsOutA429UntilTheResetAndThenDelivers() {
        chatwork.failNextPosts(new MockResponse.Builder().code(429)
                .addHeader("X-RateLimit-Limit", "300").addHeader("X-RateLimit-Remaining", "0")
                .addHeader("X-RateLimit-Reset", String.valueOf(Instant.now().plusSeconds(1).getEpochSecond()))
                .body("{\"errors\":[\"Rate limit exceeded\"]}").build());
        enqueue("10", "hello");

        startWorker();
        Eventually.await("sent after the reset", () -> dao.count(OutboxEntry.SENT) == 1);

        assertThat(chatwork.posts()).hasSize(1);
        assertThat(entries().get(0).attempts()).as("a rate limit is not a failed attempt").isEqualTo(1);
    }

    @Test
    void deliversExactlyOnceAfterSeveralServerErrors() {
        chatwork.failNextPosts(
                new MockResponse.Builder().code(500).body("{\"errors\":[\"Internal server error\"]}").build(),
                new MockResponse.Builder().code(503).build(),
                new MockResponse.Builder().code(502).body("bad gateway").build());
        enqueue("10", "hello");
        startWorker(channel, quick(10));
        Eventually.await("sent after recovery", () -> dao.count(OutboxEntry.SENT) == 1);

        assertThat(chatwork.posts()).hasSize(1);
        assertThat(entries().get(0).attempts()).isEqualTo(4);
    }

    @Test
    void marksAReplyChatworkRefusesDeadWithTheError() {
        chatwork.failNextPosts(new MockResponse.Builder().code(403).body("{\"errors\":[\"You don't have permission to send messages in this room\"]}").build());
        enqueue("10", "hello");

        startWorker();
        Eventually.await("dead", () -> dao.count(OutboxEntry.DEAD) == 1);

        assertThat(entries().get(0).lastError()).contains("403").contains("permission");
        assertThat(chatwork.posts()).isEmpty();
    }

    @Test
    void keepsThirtyRepliesToOneRoomWithinThePerRoomLimit() {
        chatwork.roomLimit(10, Duration.ofSeconds(1));
        for (int i = 1; i <= 30; i++) {
            enqueue("10", "reply " + i);
        }

        startWorker(chatworkChannel(Duration.ofSeconds(1)), quick(5));
        Eventually.await("all 30 sent", () -> dao.count(OutboxEntry.SENT) == 30);

        assertThat(chatwork.roomRejections()).isZero();
        assertThat(chatwork.postsIn("10")).extracting(FakeChatwork.Post::body).first().isEqualTo("reply 1");
    }

    @Test
    void waitsForTheRoomWhenChatworkSaysItsLimitIsReachedWhileOtherRoomsGoOn() {
        chatwork.failNextPostsIn("10", new MockResponse.Builder().code(429)
                .body("{\"errors\":[\"Rate limit for message posting per room exceeded.\"]}").build());
        enqueue("10", "to the busy room");
        enqueue("11", "to another room");

        startWorker(chatworkChannel(Duration.ofSeconds(1)), quick(5));
        Eventually.await("both sent", () -> dao.count(OutboxEntry.SENT) == 2);

        assertThat(chatwork.posts()).extracting(FakeChatwork.Post::roomId).containsExactly("11", "10");
    }

    @Test
    void settlesAClaimLeftByACrashByFindingTheReplyInTheRoom() {
        enqueue("10", "already posted before the crash");
        long id = entries().get(0).id();
        dao.claim(id, "crashed-worker", Instant.now().minusSeconds(1), Instant.now());
        chatwork.failNextPosts();
        // What the crashed worker managed to post:
        new ChatworkClient(new OkHttpClient(), chatwork.apiUrl(), "token", Json.create()).postMessage("10", "already posted before the crash");

        startWorker();
        Eventually.await("settled", () -> dao.count(OutboxEntry.SENT) == 1);

        assertThat(chatwork.posts()).hasSize(1);
        assertThat(entries().get(0).remoteMessageId()).isEqualTo(chatwork.posts().get(0).messageId());
    }

    @Test
    void retriesAClaimLeftByACrashOnceWhenTheReplyIsNotInTheRoom() {
        enqueue("10", "lost in the crash");
        long id = entries().get(0).id();
        dao.claim(id, "crashed-worker", Instant.now().minusSeconds(1), Instant.now());

        startWorker();
        Eventually.await("sent", () -> dao.count(OutboxEntry.SENT) == 1);

        assertThat(chatwork.posts()).hasSize(1);
        assertThat(entries().get(0).recoveries()).as("read back, so not a blind retry").isZero();
        assertThat(entries().get(0).attempts()).isEqualTo(2);
    }

    @Test
    void readsTheRoomAgainAfterASecondCrashRatherThanGivingUp() {
        enqueue("10", "crashed twice");
        long id = entries().get(0).id();
        dao.claim(id, "crashed-worker", Instant.now().minusSeconds(1), Instant.now());
        dao.recover(id, Instant.now(), "outcome unknown after a crash", true);
        dao.claim(id, "crashed-again", Instant.now().minusSeconds(1), Instant.now());

        startWorker();
        Eventually.await("sent", () -> dao.count(OutboxEntry.SENT) == 1);

        assertThat(chatwork.posts()).as("Chatwork can be read back: not there, so posted once").hasSize(1);
    }

    @Test
    void holdsRepliesInADryRunWithoutPosting() {
        enqueue("10", "hello");

        startWorker(ChatworkChannel.dry(new ChatworkPayloads(Json.create()), true, "CHATWORK_API_TOKEN is not set", BOT),
                quick(5));
        Eventually.await("held", () -> dao.count(OutboxEntry.HELD) == 1);

        assertThat(chatwork.requestCount()).isZero();
        assertThat(entries().get(0).lastError()).contains("dry run");
    }

    @Test
    void postsOnceWhenChatworkStoresTheMessageButAnswersAfterTheTimeout() {
        chatwork.storeThenHang("10", Duration.ofSeconds(4));
        enqueue("10", "stored, then the answer is late");

        startWorker();
        Eventually.await("settled as sent", () -> dao.count(OutboxEntry.SENT) == 1);

        assertThat(chatwork.posts()).as("read back from the room, not posted again").singleElement()
                .satisfies(post -> assertThat(entries().get(0).remoteMessageId()).isEqualTo(post.messageId()));
        assertThat(entries().get(0).recoveries()).isZero();
    }

    @Test
    void aHungRoomDoesNotHoldUpTheOthers() {
        chatwork.storeThenHang("20", Duration.ofSeconds(30));
        enqueue("20", "to the hung room");
        enqueue("21", "to a healthy room");
        ChatworkClient patient = new ChatworkClient(new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(20)).build(),
                chatwork.apiUrl(), "token", Json.create());

        startWorker(ChatworkChannel.live(new ChatworkPayloads(Json.create()), true, patient,
                new Pacing(List.of(new Pacing.Window(10, Duration.ofSeconds(10))), List.of()), BOT), quick(5));
        Eventually.await("the healthy room served", () -> chatwork.postsIn("21").size() == 1);

        assertThat(entries()).filteredOn(entry -> entry.roomId().equals("20")).singleElement()
                .extracting(OutboxEntry::status).isEqualTo(OutboxEntry.SENDING);
        chatwork.close(); // ends the hung call, so the worker stops at once
    }

    @Test
    void sendsOnceMoreAtMostWhenTheChannelCannotReadBack() {
        ScriptedChannel scripted = new ScriptedChannel().next(ScriptedChannel.Step.POST_THEN_LOSE_ANSWER);
        dao.insert(new NewOutboxEntry(ScriptedChannel.NAME, "r1", "gate_warning", "hello", "", "gate_warning", null, null,
                null), Instant.now());

        startWorker(scripted, quick(5));
        Eventually.await("sent on the second try", () -> dao.count(OutboxEntry.SENT) == 1);

        assertThat(scripted.posted()).as("at most one duplicate").hasSize(2);
        assertThat(entries().get(0).recoveries()).isEqualTo(1);
    }

    @Test
    void givesUpWithoutAThirdPostWhenTheOutcomeIsUnknownTwice() {
        ScriptedChannel scripted = new ScriptedChannel()
                .next(ScriptedChannel.Step.POST_THEN_LOSE_ANSWER, ScriptedChannel.Step.POST_THEN_LOSE_ANSWER);
        dao.insert(new NewOutboxEntry(ScriptedChannel.NAME, "r1", "gate_warning", "hello", "", "gate_warning", null, null,
                null), Instant.now());

        startWorker(scripted, quick(5));
        Eventually.await("dead", () -> dao.count(OutboxEntry.DEAD) == 1);

        assertThat(scripted.attempts()).isEqualTo(2);
        assertThat(entries().get(0).lastError()).contains("outcome unknown twice");
    }

    @Test
    void retriesKnownNonSendsFreelyAndDefersForAQuota() {
        ScriptedChannel scripted = new ScriptedChannel().next(ScriptedChannel.Step.RATE_LIMITED,
                ScriptedChannel.Step.REFUSE_NOT_NOW, ScriptedChannel.Step.RATE_LIMITED, ScriptedChannel.Step.QUOTA_EXHAUSTED);
        dao.insert(new NewOutboxEntry(ScriptedChannel.NAME, "r1", "gate_warning", "hello", "", "gate_warning", null, null,
                null), Instant.now());

        startWorker(scripted, quick(5));
        Eventually.await("deferred for the quota", () -> dao.count(OutboxEntry.DEFERRED) == 1);
        Eventually.await("sent once the quota is back", () -> dao.count(OutboxEntry.SENT) == 1);

        assertThat(scripted.posted()).as("no duplicate: every refusal was a known non-send").hasSize(1);
        assertThat(entries().get(0).recoveries()).isZero();
    }
}
