package dev.contractgate.line;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contractgate.testing.EmbeddedPostgres;
import dev.contractgate.testing.Eventually;
import dev.contractgate.testing.FakeLine;
import dev.contractgate.testing.RunningService;
import dev.contractgate.testing.TestEnvironment;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LINE on PostgreSQL: events stored once, one reply per token (the room's; the private alert is pushed), an unsend
 * retracting terms.
 */
class LineOnPostgresTest {
    static final String FREELANCER = "U" + "f".repeat(32);
    static final String CLIENT = "U" + "c".repeat(32);
    static final String GROUP = "C" + "a".repeat(32);

    @TempDir
    Path folder;

    @Test
    void answersOnceThroughTheTokenPushesTheSecondReplyAndRetractsTerms() {
        try (FakeLine line = new FakeLine().group(GROUP, FREELANCER, "山田 花子", CLIENT, "佐藤 健一")
                .friend(FREELANCER, "山田 花子");
             RunningService service = RunningService.start(line.configure(new TestEnvironment(folder))
                     .set("CONTRACTGATE_DB_URL", EmbeddedPostgres.newDatabaseUrl())
                     .set("CONTRACTGATE_DB_USER", EmbeddedPostgres.USER)
                     .set("CONTRACTGATE_DB_PASSWORD", EmbeddedPostgres.PASSWORD))) {
            // The freelancer registers in her 1:1 chat with the bot: that is where she is told privately.
            FakeLine.deliverAndWait(service, line.message(FREELANCER, FREELANCER, "登録", false));
            Eventually.await("registered", () -> line.sent().size() == 1);
            // A scam pitch with a contact exchange: the room's introduction through the token, the alert pushed to her.
            ObjectNode message = line.message(GROUP, CLIENT,
                    "作業用ツールの登録料3,000円を先にお振込みください。今日中にお願いします。Discordでも話せます。", false);
            FakeLine.deliverAndWait(service, message, message);

            Eventually.await("the introduction and the private alert", () -> line.sent().size() == 3);
            assertThat(line.sent().subList(1, 3)).satisfiesExactlyInAnyOrder(
                    reply -> assertThat(reply.via() + " " + reply.text()).startsWith("reply ").contains("ContractGate です")
                            .doesNotContain("佐藤 健一 さんのメッセージ"),
                    alert -> {
                        assertThat(alert.via()).as("the token was spent on the room").isEqualTo("push");
                        assertThat(alert.to()).as("to the freelancer alone").isEqualTo(FREELANCER);
                        assertThat(alert.text()).contains("佐藤 健一");
                    });
            ObjectNode proposal = line.message(GROUP, CLIENT, "報酬は5万円、納期は12月15日でお願いします", false);
            FakeLine.deliverAndWait(service, proposal);
            ObjectNode unsend = line.event("unsend", GROUP, CLIENT);
            unsend.putObject("unsend").put("messageId", proposal.path("message").path("id").asText());
            FakeLine.deliverAndWait(service, unsend);

            assertThat(service.http().get("/api/rooms/line/" + GROUP + "/ledger", TestEnvironment.OPERATOR_KEY).json())
                    .isNotEmpty().allSatisfy(entry -> assertThat(entry.get("retracted_at").isNull()).isFalse());
            int stored = service.jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT COUNT(*) FROM inbox_event WHERE channel = 'line'").mapTo(Integer.class).one());
            assertThat(stored).as("the message delivered twice in one delivery is stored once").isEqualTo(4);
        }
    }
}
