package dev.contractgate.chatwork;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contractgate.Json;
import dev.contractgate.chat.Pacing;
import dev.contractgate.chat.RoomMarkDao;
import dev.contractgate.config.ChatworkConfig;
import dev.contractgate.db.Database;
import dev.contractgate.inbox.InboxAppendWorker;
import dev.contractgate.inbox.InboxDao;
import dev.contractgate.inbox.InboxEvent;
import dev.contractgate.metrics.Metrics;
import dev.contractgate.testing.FakeChatwork;
import dev.contractgate.testing.TestEnvironment;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A catch-up pass reads the room list and only the rooms that changed since the bot last read them. */
class ChatworkCatchUpByChangeTest {
    static final String BOT = TestEnvironment.BOT_ACCOUNT_ID;
    static final int ROOMS = 1_000;

    @TempDir
    Path folder;

    @Test
    void aPassOverAThousandRoomsReadsOnlyTheTwentyThatChangedAndARestartReadsNoneAgain() {
        long now = Instant.now().getEpochSecond();
        try (FakeChatwork chatwork = new FakeChatwork(BOT).accountLimit(100_000, Duration.ofMinutes(5));
             Database database = Database.open("jdbc:sqlite:" + folder.resolve("catch-up.db"), null, null, 0);
             InboxAppendWorker inbox = new InboxAppendWorker(database.jdbi(), Clock.systemUTC())) {
            database.migrate();
            inbox.start();
            for (int i = 0; i < ROOMS; i++) {
                chatwork.members(room(i), BOT, "ContractGate", "3001", "佐藤").lastUpdated(room(i), now - 2 * 86_400);
            }
            ChatworkCatchUpWorker first = worker(chatwork, database, inbox);
            assertThat(first.catchUp()).isZero();
            assertThat(chatwork.roomLists()).isEqualTo(1);
            assertThat(chatwork.messageReads()).as("rooms quiet since before the catch-up window are not read").isZero();

            for (int i = 0; i < 20; i++) {
                chatwork.say(room(i * 50), "3001", "見積もりをお願いします " + i, now - 5);
                chatwork.lastUpdated(room(i * 50), now - 5); // as Chatwork says: when the message was written
            }
            long callsBefore = chatwork.requestCount();
            assertThat(first.catchUp()).as("the missed messages stored").isEqualTo(20);
            assertThat(chatwork.requestCount() - callsBefore).as("calls for the pass").isEqualTo(21);
            assertThat(database.jdbi().onDemand(InboxDao.class).count(InboxEvent.PENDING)).isEqualTo(20);
            @SuppressWarnings("unchecked")
            Map<String, Object> standing = (Map<String, Object>) first.status().get("catch_up");
            assertThat(standing).containsEntry("rooms", ROOMS).containsEntry("rooms_changed_last_pass", 20)
                    .containsEntry("rooms_read_last_pass", 20).containsKey("lag_seconds");

            callsBefore = chatwork.requestCount();
            first.catchUp();
            assertThat(chatwork.requestCount() - callsBefore).as("a pass after nothing changed: the room list only").isEqualTo(1);

            ChatworkCatchUpWorker afterRestart = worker(chatwork, database, inbox);
            chatwork.say(room(7), "3001", "了解です", now - 2);
            chatwork.lastUpdated(room(7), now - 2);
            callsBefore = chatwork.requestCount();
            assertThat(afterRestart.catchUp()).isEqualTo(1);
            assertThat(chatwork.requestCount() - callsBefore).as("after a restart: the list and the one room that changed")
                    .isEqualTo(2);
        }
    }

    @Test
    void aRoomWhoseReadFailedIsReadAgainNextPass() {
        long now = Instant.now().getEpochSecond();
        try (FakeChatwork chatwork = new FakeChatwork(BOT).accountLimit(100_000, Duration.ofMinutes(5));
             Database database = Database.open("jdbc:sqlite:" + folder.resolve("retry.db"), null, null, 0);
             InboxAppendWorker inbox = new InboxAppendWorker(database.jdbi(), Clock.systemUTC())) {
            database.migrate();
            inbox.start();
            chatwork.members("500", BOT, "ContractGate", "3001", "佐藤").lastUpdated("500", now - 20);
            ChatworkCatchUpWorker worker = worker(chatwork, database, inbox);
            worker.catchUp();
            chatwork.say("500", "3001", "はじめまして", now - 3);
            chatwork.lastUpdated("500", now - 3);
            chatwork.failNextReadsOf("500", 1);
            assertThat(worker.catchUp()).as("the read failed").isZero();
            long readsBefore = chatwork.messageReads();
            assertThat(worker.catchUp()).as("read again, the message found").isEqualTo(1);
            assertThat(chatwork.messageReads() - readsBefore).isEqualTo(1);
        }
    }

    @Test
    void aRoomWhoseMarkerSecondTheReadBeganInIsReadOnceMore() {
        Instant read = Instant.ofEpochSecond(1_800_000_000L, 400_000_000L);
        assertThat(ChatworkCatchUpWorker.movedSince(1_800_000_000L, new dev.contractgate.chat.RoomMarks.Mark(1_800_000_000L, read)))
                .as("a message later in the same second may have been missed").isTrue();
        assertThat(ChatworkCatchUpWorker.movedSince(1_800_000_000L,
                new dev.contractgate.chat.RoomMarks.Mark(1_800_000_000L, read.plusSeconds(1)))).isFalse();
        assertThat(ChatworkCatchUpWorker.movedSince(1_800_000_001L,
                new dev.contractgate.chat.RoomMarks.Mark(1_800_000_000L, read.plusSeconds(5)))).isTrue();
    }

    private static String room(int index) {
        return String.valueOf(100_000 + index);
    }

    private static ChatworkCatchUpWorker worker(FakeChatwork chatwork, Database database, InboxAppendWorker inbox) {
        ChatworkClient client = new ChatworkClient(new OkHttpClient(), chatwork.apiUrl(), "token", Json.create());
        ChatworkChannel channel = ChatworkChannel.live(new ChatworkPayloads(Json.create()), true, client,
                new Pacing(List.of(new Pacing.Window(10, Duration.ofSeconds(10))), List.of()), BOT);
        return new ChatworkCatchUpWorker(channel, client, inbox, Json.create(), roomId -> Optional.empty(),
                database.jdbi().onDemand(RoomMarkDao.class), ChatworkConfig.defaults(), Clock.systemUTC(), Metrics.none());
    }
}
