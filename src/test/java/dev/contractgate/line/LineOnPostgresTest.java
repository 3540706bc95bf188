package dev.contractgate.line;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contractgate.testing.EmbeddedPostgres;
import dev.contractgate.testing.Eventually;
import dev.contractgate.testing.FakeLine;
import dev.contractgate.testing.RegistryCalls;
import dev.contractgate.testing.RunningService;
import dev.contractgate.testing.TestEnvironment;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LINE on PostgreSQL: events stored once, one reply per token (the second reply pushes), an unsend retracting terms. */
class LineOnPostgresTest {
    static final String FREELANCER = "U" + "f".repeat(32);
    static final String CLIENT = "U" + "c".repeat(32);
    static final String GROUP = "C" + "a".repeat(32);

    @TempDir
    Path folder;

    @Test
    void answersOnceThroughTheTokenPushesTheSecondReplyAndRetractsTerms() {
        try (FakeLine line = new FakeLine().group(GROUP, FREELANCER, "山田 花子", CLIENT, "佐藤 健一");
             RunningService service = RunningService.start(line.configure(new TestEnvironment(folder))
                     .set("CONTRACTGATE_DB_URL", EmbeddedPostgres.newDatabaseUrl())
                     .set("CONTRACTGATE_DB_USER", EmbeddedPostgres.USER)
                     .set("CONTRACTGATE_DB_PASSWORD", EmbeddedPostgres.PASSWORD))) {
            new RegistryCalls(service.http(), TestEnvironment.OPERATOR_KEY, LineChannel.NAME).party(FREELANCER, "freelancer");
            // A warning and a scam alert for one message: two replies, one reply token.
            ObjectNode message = line.message(GROUP, CLIENT,
                    "作業用ツールの登録料3,000円を先にお振込みください。今日中にお願いします。Discordでも話せます。", false);
            FakeLine.deliverAndWait(service, message, message);

            Eventually.await("two replies", () -> line.sent().size() == 2);
            assertThat(line.sent()).extracting(FakeLine.Sent::via).containsExactly("reply", "push");
            ObjectNode proposal = line.message(GROUP, CLIENT, "報酬は5万円、納期は12月15日でお願いします", false);
            FakeLine.deliverAndWait(service, proposal);
            ObjectNode unsend = line.event("unsend", GROUP, CLIENT);
            unsend.putObject("unsend").put("messageId", proposal.path("message").path("id").asText());
            FakeLine.deliverAndWait(service, unsend);

            assertThat(service.http().get("/api/rooms/line/" + GROUP + "/ledger", TestEnvironment.OPERATOR_KEY).json())
                    .isNotEmpty().allSatisfy(entry -> assertThat(entry.get("retracted_at").isNull()).isFalse());
            int stored = service.jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT COUNT(*) FROM inbox_event WHERE channel = 'line'").mapTo(Integer.class).one());
            assertThat(stored).as("the message delivered twice in one delivery is stored once").isEqualTo(3);
        }
    }
}
