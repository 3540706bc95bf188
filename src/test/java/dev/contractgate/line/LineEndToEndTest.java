package dev.contractgate.line;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contractgate.outbox.OutboxDao;
import dev.contractgate.outbox.OutboxEntry;
import dev.contractgate.testing.Eventually;
import dev.contractgate.testing.FakeLine;
import dev.contractgate.testing.RegistryCalls;
import dev.contractgate.testing.RunningService;
import dev.contractgate.testing.TestEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signed deliveries in, replies and pushes out: the bot in a LINE group, and in a person's 1:1 chat with it. */
class LineEndToEndTest {
    static final String FREELANCER = "U" + "f".repeat(32);
    static final String CLIENT = "U" + "c".repeat(32);
    static final String GROUP = "C" + "a".repeat(32);
    static final String CONTACT = "急ぎなのでDiscordで話しましょう。メールは sato@example.com です";

    @TempDir
    Path folder;

    private FakeLine line;
    private RunningService service;
    private RegistryCalls registry;

    @BeforeEach
    void start() {
        line = new FakeLine().group(GROUP, FREELANCER, "山田 花子", CLIENT, "佐藤 健一").friend(FREELANCER, "山田 花子");
        service = start(line.configure(new TestEnvironment(folder)));
    }

    private RunningService start(TestEnvironment environment) {
        RunningService started = RunningService.start(environment);
        registry = new RegistryCalls(started.http(), TestEnvironment.OPERATOR_KEY, LineChannel.NAME);
        return started;
    }

    @AfterEach
    void stop() {
        service.close();
        line.close();
    }

    private ObjectNode say(String room, String from, String text, boolean toBot) {
        ObjectNode message = line.message(room, from, text, toBot);
        FakeLine.deliverAndWait(service, message);
        return message;
    }

    private List<OutboxEntry> outbox() {
        return service.jdbi().onDemand(OutboxDao.class).list(null, null, 100);
    }

    private void awaitSent(int entries) {
        Eventually.await(entries + " replies sent", () -> outbox().size() >= entries
                && outbox().stream().allMatch(entry -> entry.status().equals(OutboxEntry.SENT)));
    }

    @Test
    void introducesItselfThenWarnsAboutAContactExchangeEachThroughItsFreeReplyToken() {
        registry.party(FREELANCER, "freelancer");
        ObjectNode greeting = say(GROUP, CLIENT, "はじめまして、佐藤です。よろしくお願いします", false);
        awaitSent(1);
        assertThat(line.sent()).singleElement().satisfies(reply -> {
            assertThat(reply.via()).isEqualTo("reply");
            assertThat(reply.replyToken()).isEqualTo(greeting.get("replyToken").asText());
            assertThat(reply.text()).contains("ContractGate です").contains("サービス外連絡申請").doesNotContain("禁止");
        });

        ObjectNode message = say(GROUP, CLIENT, CONTACT, false);

        awaitSent(2);
        assertThat(line.sent()).hasSize(2).last().satisfies(reply -> {
            assertThat(reply.via()).isEqualTo("reply");
            assertThat(reply.replyToken()).isEqualTo(message.get("replyToken").asText());
            assertThat(reply.authorization()).isEqualTo("Bearer " + FakeLine.ACCESS_TOKEN);
            assertThat(reply.messages().path(0).path("type").asText()).isEqualTo("textV2");
            assertThat(reply.text()).startsWith("{m0} {m1}\n").contains("サービス外連絡申請").contains("Discord")
                    .doesNotContain("（TO）");
            assertThat(reply.mentioned()).containsExactly(CLIENT, FREELANCER);
        });
        assertThat(outbox()).extracting(OutboxEntry::kind).containsExactly("contact_alert", "introduction");
        assertThat(outbox().get(0).body()).startsWith("@佐藤 健一 @山田 花子\n");
        assertThat(line.quotaUsed()).as("a reply costs nothing").isZero();
        JsonNode room = service.http().get("/api/rooms/line/" + GROUP, TestEnvironment.OPERATOR_KEY).json();
        assertThat(room.get("gate").asText()).isEqualTo("uncovered");
        assertThat(room.get("members_source").asText()).as("the member-id list and profiles").isEqualTo("channel");
    }

    @Test
    void pushesOnceWithItsRetryKeyWhenTheReplyTokenIsStale() {
        registry.party(FREELANCER, "freelancer");
        ObjectNode message = line.message(GROUP, CLIENT, CONTACT, false);
        message.put("timestamp", System.currentTimeMillis() - Duration.ofMinutes(5).toMillis());

        FakeLine.deliverAndWait(service, message);

        awaitSent(1);
        assertThat(line.sent()).singleElement().satisfies(push -> {
            assertThat(push.via()).isEqualTo("push");
            assertThat(push.to()).isEqualTo(GROUP);
            assertThat(push.retryKey()).isEqualTo(outbox().get(0).idempotencyKey()).isNotBlank();
        });
        assertThat(line.quotaUsed()).as("a push to a group counts once per member").isEqualTo(2);
    }

    @Test
    void pushesOnceWhenLineRefusesAReplyTokenThatExpiredEarly() {
        registry.party(FREELANCER, "freelancer");
        ObjectNode message = line.message(GROUP, CLIENT, CONTACT, false);
        line.expire(message.get("replyToken").asText());

        FakeLine.deliverAndWait(service, message);

        awaitSent(1);
        assertThat(line.sent()).extracting(FakeLine.Sent::via).containsExactly("push");
    }

    @Test
    void introducesItselfOnceWhenInvitedIntoAGroup() {
        ObjectNode join = line.answerable("join", GROUP, null);

        FakeLine.deliverAndWait(service, join);
        FakeLine.deliverAndWait(service, join);
        say(GROUP, CLIENT, "はじめまして", false);

        awaitSent(1);
        assertThat(outbox()).extracting(OutboxEntry::kind).containsExactly("introduction");
        assertThat(line.sent()).singleElement().satisfies(reply -> {
            assertThat(reply.via()).isEqualTo("reply");
            assertThat(reply.text()).contains("ContractGate です").contains("@メンション");
        });
    }

    @Test
    void registersAFreelancerAndConfirmsAClaimByMentioningTheBot() {
        say(GROUP, FREELANCER, "登録", true);
        awaitSent(1);
        assertThat(line.sent().get(0).text()).contains("山田 花子 さんを、このグループのフリーランスとして登録しました");

        say(GROUP, CLIENT, "申請 https://crowdworks.jp/proposals/123456", true);
        say(GROUP, FREELANCER, "確認", true);

        awaitSent(3);
        assertThat(line.sent().get(2).text()).contains("サービス外連絡申請を確認しました");
        assertThat(service.http().get("/api/rooms/line/" + GROUP, TestEnvironment.OPERATOR_KEY).json()
                .get("gate").asText()).isEqualTo("confirmed");
        assertThat(line.sent()).as("each notice answers the command that caused it, through its free reply token")
                .extracting(FakeLine.Sent::via).containsOnly("reply");
        assertThat(line.quotaUsed()).isZero();
    }

    @Test
    void answersCommandsInTheOneToOneChatWithoutAMention() {
        say(FREELANCER, FREELANCER, "ヘルプ", false);

        awaitSent(1);
        assertThat(line.sent().get(0).text()).contains("ContractGate の使い方");
        say(FREELANCER, FREELANCER, "help", false);
        awaitSent(2);
        assertThat(line.sent().get(1).text()).as("the English word gets English").contains("how to use it");
        String route = service.jdbi().onDemand(dev.contractgate.chat.ConversationDao.class)
                .route(LineChannel.NAME, FREELANCER).orElseThrow();
        assertThat(route).as("the 1:1 chat is where the freelancer is reached privately").isEqualTo(FREELANCER);
    }

    @Test
    void keepsTheRosterFromEventsWhenLineRefusesTheMemberIdList() {
        line.refuseMemberIds();
        ObjectNode joined = line.event("memberJoined", GROUP, null);
        joined.putObject("joined").putArray("members").addObject().put("type", "user").put("userId", CLIENT);

        FakeLine.deliverAndWait(service, joined);
        say(GROUP, FREELANCER, "よろしくお願いします", false);

        JsonNode room = service.http().get("/api/rooms/line/" + GROUP, TestEnvironment.OPERATOR_KEY).json();
        assertThat(room.get("members_source").asText()).isEqualTo("roster");
        assertThat(room.get("members").findValuesAsText("account_id")).containsExactlyInAnyOrder(CLIENT, FREELANCER);

        ObjectNode left = line.event("memberLeft", GROUP, null);
        left.putObject("left").putArray("members").addObject().put("type", "user").put("userId", CLIENT);
        FakeLine.deliverAndWait(service, left);
        assertThat(service.http().get("/api/rooms/line/" + GROUP, TestEnvironment.OPERATOR_KEY).json().get("members")
                .findValuesAsText("account_id")).containsExactly(FREELANCER);
    }

    @Test
    void treatsASenderWithoutAUserIdAsAnUnidentifiedCounterpartNeverCovered() {
        line.refuseMemberIds();
        registry.party(FREELANCER, "freelancer");
        say(GROUP, FREELANCER, "よろしくお願いします", false);

        say(GROUP, null, CONTACT, false);

        awaitSent(1);
        assertThat(outbox()).singleElement().satisfies(entry -> {
            assertThat(entry.kind()).as("the bot's first words in the group, the warning folded in").isEqualTo("introduction");
            assertThat(entry.body()).contains("Discord");
        });
        JsonNode room = service.http().get("/api/rooms/line/" + GROUP, TestEnvironment.OPERATOR_KEY).json();
        assertThat(room.get("gate").asText()).isEqualTo("uncovered");
        assertThat(room.get("members").findValuesAsText("account_id")).contains(LineChannel.UNIDENTIFIED);
    }

    @Test
    void marksTheTermsOfAnUnsentMessageRetractedAndKeepsThem() {
        registry.party(FREELANCER, "freelancer");
        ObjectNode proposal = say(GROUP, CLIENT, "報酬は5万円、納期は12月15日でお願いします", false);
        String messageId = proposal.path("message").path("id").asText();
        ObjectNode unsend = line.event("unsend", GROUP, CLIENT);
        unsend.putObject("unsend").put("messageId", messageId);

        FakeLine.deliverAndWait(service, unsend);

        JsonNode ledger = service.http().get("/api/rooms/line/" + GROUP + "/ledger", TestEnvironment.OPERATOR_KEY).json();
        assertThat(ledger).isNotEmpty().allSatisfy(entry -> {
            assertThat(entry.get("message_id").asText()).isEqualTo(messageId);
            assertThat(entry.get("retracted_at").isNull()).as("marked retracted").isFalse();
            assertThat(entry.get("current").asBoolean()).as("no longer the agreed value").isFalse();
        });
    }
    private ObjectNode staleContact() {
        ObjectNode message = line.message(GROUP, CLIENT, CONTACT, false);
        message.put("timestamp", System.currentTimeMillis() - Duration.ofMinutes(5).toMillis());
        return message;
    }

    @Test
    void pushesExactlyOnceWhenTheProcessDiesBetweenPushingAndRecording() {
        registry.party(FREELANCER, "freelancer");
        FakeLine.deliverAndWait(service, staleContact());
        awaitSent(1);
        service.close();
        // What kill -9 right after LINE accepted the push leaves: a claim with no outcome, its lease run out.
        service = start(line.configure(new TestEnvironment(folder)));
        service.jdbi().useHandle(handle -> handle.execute("UPDATE outbox SET status = 'sending', sent_at = NULL, "
                + "remote_message_id = NULL, lease_owner = 'killed', available_at = 0"));

        awaitSent(1);
        assertThat(line.pushes()).as("the second push had the same retry key: LINE answered 409").hasSize(1);
        assertThat(outbox()).singleElement().satisfies(entry -> assertThat(entry.recoveries()).isZero());
    }

    @Test
    void pushesExactlyOnceWhenTheAnswerToAPushIsLost() {
        service.close();
        service = start(line.configure(new TestEnvironment(folder)).useConfig("line:\n  request_timeout: 300ms\n"));
        line.storeThenHang(1, Duration.ofSeconds(2));
        registry.party(FREELANCER, "freelancer");

        FakeLine.deliverAndWait(service, staleContact());

        awaitSent(1);
        assertThat(line.pushes()).hasSize(1);
    }

    @Test
    void defersPushesOfKindsThatMatterLessWhenTheQuotaRunsLow() {
        line.quota(200L, 190L); // 10 left: low (the low mark is 20)
        registry.party(FREELANCER, "freelancer");
        ObjectNode stale = line.message(GROUP, CLIENT, "状態", true);
        stale.put("timestamp", System.currentTimeMillis() - Duration.ofMinutes(5).toMillis());

        FakeLine.deliverAndWait(service, staleContact(), stale);

        Eventually.await("the warning sent, the command's answer deferred", () -> outbox().size() == 2
                && outbox().stream().anyMatch(entry -> entry.kind().equals("introduction") && entry.status().equals(OutboxEntry.SENT))
                && outbox().stream().anyMatch(entry -> entry.kind().equals("command_reply") && entry.status().equals(OutboxEntry.DEFERRED)));
        assertThat(line.pushes()).hasSize(1);
        JsonNode ready = service.http().get("/ready").json();
        assertThat(ready.toString()).contains("\"quota_remaining\":8").contains("\"quota_low\":true");
        assertThat(service.http().get("/metrics", TestEnvironment.OPERATOR_KEY).body())
                .contains("contractgate_line_quota_remaining{channel=\"line\"} 8.0");
    }
    @Test
    void takesAMessageQuotingOneOfTheBotsMessagesAsACommand() {
        registry.party(FREELANCER, "freelancer");
        say(GROUP, CLIENT, CONTACT, false);
        awaitSent(1);
        String warning = outbox().get(0).remoteMessageId();

        ObjectNode answer = line.message(GROUP, CLIENT, "状態", false);
        ((ObjectNode) answer.get("message")).put("quotedMessageId", warning);
        FakeLine.deliverAndWait(service, answer);
        ObjectNode quotingSomeoneElse = line.message(GROUP, CLIENT, "状態", false);
        ((ObjectNode) quotingSomeoneElse.get("message")).put("quotedMessageId", "468789577898262530");
        FakeLine.deliverAndWait(service, quotingSomeoneElse);

        awaitSent(2);
        assertThat(outbox()).extracting(OutboxEntry::kind).containsExactlyInAnyOrder("introduction", "command_reply");
        assertThat(line.sent().get(1).text()).contains("このグループの状況");
    }
    @Test
    void countsAnUnidentifiedSenderAmongTheMembersTheIdListShows() {
        String alone = "C" + "e".repeat(32);
        line.group(alone, FREELANCER, "山田 花子");
        registry.party(FREELANCER, "freelancer");

        say(alone, null, CONTACT, false);

        awaitSent(1);
        assertThat(outbox()).singleElement().satisfies(entry -> {
            assertThat(entry.kind()).as("the bot's first words in the group, the warning folded in").isEqualTo("introduction");
            assertThat(entry.body()).contains("Discord");
        });
        JsonNode room = service.http().get("/api/rooms/line/" + alone, TestEnvironment.OPERATOR_KEY).json();
        assertThat(room.get("members_source").asText()).isEqualTo("channel");
        assertThat(room.get("members").findValuesAsText("account_id")).containsExactlyInAnyOrder(FREELANCER,
                LineChannel.UNIDENTIFIED);
    }
}
