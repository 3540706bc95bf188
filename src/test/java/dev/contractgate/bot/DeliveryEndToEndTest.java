package dev.contractgate.bot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contractgate.outbox.OutboxDao;
import dev.contractgate.outbox.OutboxEntry;
import dev.contractgate.testing.ChatworkWebhooks;
import dev.contractgate.testing.Eventually;
import dev.contractgate.testing.FakeChatwork;
import dev.contractgate.testing.RunningService;
import dev.contractgate.testing.TestEnvironment;
import java.nio.file.Path;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replies survive the process: stopped before sending, they go out once after the restart; a dry run only records. */
class DeliveryEndToEndTest {
    static final String BOT = TestEnvironment.BOT_ACCOUNT_ID;
    static final String CLIENT = "3001";
    static final String ROOM = "778";

    @TempDir
    Path folder;

    private static void say(RunningService service, String messageId, String text) {
        String body = ChatworkWebhooks.created(messageId, ROOM, CLIENT, text, 1_790_000_000L);
        assertThat(service.http().send(ChatworkWebhooks.signed(service.http(), body)).status()).isEqualTo(200);
    }

    private static OutboxDao outbox(RunningService service) {
        return service.jdbi().onDemand(OutboxDao.class);
    }

    @Test
    void deliversAReplyPromisedBeforeTheProcessStoppedExactlyOnceAfterTheRestart() {
        TestEnvironment environment = new TestEnvironment(folder).set("CHATWORK_API_TOKEN", "bot-token");
        try (FakeChatwork down = new FakeChatwork(BOT).members(ROOM, BOT, "ContractGate", CLIENT, "佐藤")) {
            down.failNextPosts(new MockResponse.Builder().code(503).build(), new MockResponse.Builder().code(503).build(),
                    new MockResponse.Builder().code(503).build());
            environment.set("CHATWORK_API_URL", down.apiUrl());
            try (RunningService first = RunningService.start(environment)) {
                say(first, "901", "はじめまして");
                Eventually.await("the post was tried and failed", () -> outbox(first).list(null, null, 10).stream()
                        .anyMatch(entry -> entry.lastError() != null));
                assertThat(down.posts()).isEmpty();
            }
        }
        try (FakeChatwork up = new FakeChatwork(BOT).members(ROOM, BOT, "ContractGate", CLIENT, "佐藤")) {
            environment.set("CHATWORK_API_URL", up.apiUrl());
            try (RunningService second = RunningService.start(environment)) {
                Eventually.await("sent after the restart", () -> outbox(second).count(OutboxEntry.SENT) == 1);
                assertThat(up.postsIn(ROOM)).singleElement()
                        .satisfies(post -> assertThat(post.body()).contains("ContractGate です").contains("「登録」"));
                assertThat(outbox(second).list(null, null, 10)).hasSize(1);
            }
        }
    }

    @Test
    void settlesAReplyWhoseSendWasCutOffByACrashWithoutPostingItTwice() {
        TestEnvironment environment = new TestEnvironment(folder).set("CHATWORK_API_TOKEN", "bot-token")
                .useConfig("outbox:\n  lease: 5s\n");
        try (FakeChatwork chatwork = new FakeChatwork(BOT).members(ROOM, BOT, "ContractGate", CLIENT, "佐藤")) {
            environment.set("CHATWORK_API_URL", chatwork.apiUrl());
            try (RunningService first = RunningService.start(environment)) {
                say(first, "902", "はじめまして");
                Eventually.await("sent", () -> outbox(first).count(OutboxEntry.SENT) == 1);
                // What a crash right after Chatwork accepted the post leaves behind: a claim with no outcome.
                first.jdbi().useHandle(handle -> handle.execute(
                        "UPDATE outbox SET status = 'sending', sent_at = NULL, remote_message_id = NULL, lease_owner = 'dead'"));
            }
            try (RunningService second = RunningService.start(environment)) {
                Eventually.await("settled by reading the room", () -> outbox(second).count(OutboxEntry.SENT) == 1);
                assertThat(chatwork.postsIn(ROOM)).hasSize(1);
                assertThat(outbox(second).list(null, null, 1).get(0).remoteMessageId())
                        .isEqualTo(chatwork.postsIn(ROOM).get(0).messageId());
            }
        }
    }

    @Test
    void recordsRepliesAsHeldWithoutSendingInADryRun() {
        try (FakeChatwork chatwork = new FakeChatwork(BOT);
             RunningService service = RunningService.start(new TestEnvironment(folder).set("CHATWORK_API_URL", chatwork.apiUrl()))) {
            say(service, "903", "はじめまして");

            Eventually.await("held", () -> outbox(service).count(OutboxEntry.HELD) == 1);
            assertThat(chatwork.requestCount()).isZero();
            assertThat(service.http().get("/api/outbox?status=held", TestEnvironment.OPERATOR_KEY).json())
                    .singleElement().satisfies(entry -> {
                        assertThat(entry.get("kind").asText()).isEqualTo("introduction");
                        assertThat(entry.get("body").asText()).startsWith("[info][title]ContractGate です[/title]");
                    });
            // No member list without credentials: the room is who has spoken, and says so.
            JsonNode room = service.http().get("/api/rooms/chatwork/" + ROOM, TestEnvironment.OPERATOR_KEY).json();
            assertThat(room.get("members_source").asText()).isEqualTo("roster");
            assertThat(room.get("members")).extracting(member -> member.get("account_id").asText()).containsExactly(CLIENT);
            assertThat(service.http().get("/ready").json().at("/details/chatwork/dry_run").asBoolean()).isTrue();
        }
    }
}
