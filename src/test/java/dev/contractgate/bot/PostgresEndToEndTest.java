package dev.contractgate.bot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contractgate.outbox.OutboxDao;
import dev.contractgate.outbox.OutboxEntry;
import dev.contractgate.testing.EmbeddedPostgres;
import dev.contractgate.testing.Eventually;
import dev.contractgate.testing.FakeChatwork;
import dev.contractgate.testing.Messenger;
import dev.contractgate.testing.RunningService;
import dev.contractgate.testing.TestEnvironment;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole conversation flow on PostgreSQL: commands, gate, outbox, ledger and the room API. */
class PostgresEndToEndTest {
    static final String BOT = TestEnvironment.BOT_ACCOUNT_ID;
    static final String FREELANCER = "2001";
    static final String CLIENT = "3001";
    static final String ROOM = "1301";
    static final String TO_BOT = "[To:" + BOT + "]ContractGateさん\n";

    @TempDir
    Path folder;

    @Test
    void runsAConversationFromRegistrationToSummaryOnPostgresql() {
        try (FakeChatwork chatwork = new FakeChatwork(BOT).members(ROOM, BOT, "ContractGate", FREELANCER, "山田 花子", CLIENT, "佐藤 健一");
             RunningService service = RunningService.start(chatwork.configure(new TestEnvironment(folder))
                     .set("CONTRACTGATE_DB_URL", EmbeddedPostgres.newDatabaseUrl())
                     .set("CONTRACTGATE_DB_USER", EmbeddedPostgres.USER)
                     .set("CONTRACTGATE_DB_PASSWORD", EmbeddedPostgres.PASSWORD))) {
            Messenger messenger = new Messenger(800_000);
            long at = 1_795_136_400L;
            messenger.say(service, ROOM, FREELANCER, TO_BOT + "登録", at);
            messenger.say(service, ROOM, CLIENT, "LINEのIDはsato_kです。追加してください", at + 60);
            messenger.say(service, ROOM, CLIENT, TO_BOT + "申請 https://crowdworks.jp/proposals/123456", at + 120);
            messenger.say(service, ROOM, FREELANCER, TO_BOT + "確認", at + 180);
            messenger.say(service, ROOM, CLIENT, "報酬は5万円、納期は12月15日でいかがでしょうか？", at + 240);
            messenger.say(service, ROOM, FREELANCER, "承知しました。よろしくお願いします。", at + 300);
            messenger.say(service, ROOM, FREELANCER, TO_BOT + "まとめ", at + 360);
            messenger.say(service, ROOM, CLIENT, TO_BOT + "申請 https://crowdworks.jp/proposals/123456", at + 420);

            OutboxDao outbox = service.jdbi().onDemand(OutboxDao.class);
            // The introduction (the contact warning folded in), the registry's notices for the claim and its
            // confirmation, the summary and the answer to a second claim; the terms right after the approval notice
            // fall within the reply budget, so no reminder about them.
            Eventually.await("every reply sent", () -> outbox.count(OutboxEntry.SENT) == 6);
            assertThat(outbox.list(null, null, 100)).extracting(OutboxEntry::kind).containsExactlyInAnyOrder(
                    "command_reply", "introduction", "confirm_request", "approval_notice", "command_reply",
                    "command_reply");
            List<String> bodies = chatwork.postsIn(ROOM).stream().map(FakeChatwork.Post::body).toList();
            assertThat(bodies.get(4)).contains("取引条件のまとめ").contains("・報酬の額：50,000円（佐藤 健一 さん、2026年11月20日。山田 花子 さんが了承）");
            assertThat(bodies.get(5)).contains("すでに登録されています");

            JsonNode room = service.http().get("/api/rooms/chatwork/" + ROOM, TestEnvironment.OPERATOR_KEY).json();
            assertThat(room.get("gate").asText()).isEqualTo("confirmed");
            JsonNode ledger = service.http().get("/api/rooms/chatwork/" + ROOM + "/ledger", TestEnvironment.OPERATOR_KEY).json();
            assertThat(ledger).anySatisfy(entry -> {
                assertThat(entry.get("term_type").asText()).isEqualTo("deadline");
                assertThat(entry.get("value").asText()).isEqualTo("2026-12-15");
                assertThat(entry.get("answered_by").asText()).isEqualTo(FREELANCER);
            });
        }
    }
}
