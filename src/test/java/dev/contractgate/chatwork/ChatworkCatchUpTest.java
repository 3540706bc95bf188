package dev.contractgate.chatwork;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contractgate.inbox.InboxDao;
import dev.contractgate.inbox.InboxEvent;
import dev.contractgate.testing.ChatworkWebhooks;
import dev.contractgate.testing.Eventually;
import dev.contractgate.testing.FakeChatwork;
import dev.contractgate.testing.RunningService;
import dev.contractgate.testing.TestEnvironment;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Messages whose webhook never arrived are read from the room and handled once. */
class ChatworkCatchUpTest {
    static final String BOT = TestEnvironment.BOT_ACCOUNT_ID;
    static final String CLIENT = "3001";
    static final String ROOM = "1201";

    @TempDir
    Path folder;

    @Test
    void handlesAMessageWhoseWebhookWasLostAndOnlyOnceOneThatArrivedBothWays() {
        try (FakeChatwork chatwork = new FakeChatwork(BOT).members(ROOM, BOT, "ContractGate", CLIENT, "佐藤 健一")) {
            TestEnvironment environment = chatwork.configure(new TestEnvironment(folder)).useConfig("chatwork:\n  catch_up_interval: 1s\n");
            long now = Instant.now().getEpochSecond();
            try (RunningService service = RunningService.start(environment)) {
                String delivered = chatwork.say(ROOM, CLIENT, "はじめまして", now - 30);
                String body = ChatworkWebhooks.created(delivered, ROOM, CLIENT, "はじめまして", now - 30);
                assertThat(service.http().send(ChatworkWebhooks.signed(service.http(), body)).status()).isEqualTo(200);
                InboxDao inbox = service.jdbi().onDemand(InboxDao.class);
                Eventually.await("the delivered message handled", () -> inbox.count(InboxEvent.DONE) == 1);

                String lost = chatwork.say(ROOM, CLIENT, "LINEのIDはsato_kです。追加してください", now - 5);

                Eventually.await("the lost message caught up and handled", () -> inbox.count(InboxEvent.DONE) == 2);
                List<InboxEvent> events = inbox.list(null, 10);
                assertThat(events).extracting(InboxEvent::messageId).containsExactlyInAnyOrder(delivered, lost);
                Eventually.await("the alert about it posted", () -> chatwork.postsIn(ROOM).stream()
                        .anyMatch(post -> post.body().contains("IDはsato_k")));
            }
        }
    }

    @Test
    void leavesHistoryFromBeforeTheBotKnewTheRoomAlone() throws Exception {
        try (FakeChatwork chatwork = new FakeChatwork(BOT).members(ROOM, BOT, "ContractGate", CLIENT, "佐藤 健一")) {
            chatwork.say(ROOM, CLIENT, "LINEのIDはsato_kです", Instant.now().getEpochSecond() - 3600);
            TestEnvironment environment = chatwork.configure(new TestEnvironment(folder)).useConfig("chatwork:\n  catch_up_interval: 1s\n");
            try (RunningService service = RunningService.start(environment)) {
                Eventually.await("the room was read", () -> chatwork.requestCount() >= 4);
                Thread.sleep(1_500);

                assertThat(service.jdbi().onDemand(InboxDao.class).list(null, 10)).isEmpty();
            }
        }
    }
}
