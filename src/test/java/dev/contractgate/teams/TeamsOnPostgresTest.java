package dev.contractgate.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contractgate.testing.EmbeddedPostgres;
import dev.contractgate.testing.Eventually;
import dev.contractgate.testing.FakeBotFramework;
import dev.contractgate.testing.RunningService;
import dev.contractgate.testing.TestEnvironment;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Teams on PostgreSQL, with conversation ids as long as real ones (PostgreSQL enforces column lengths). */
class TeamsOnPostgresTest {
    static final String FREELANCER = "f0f0f0f0-0000-4000-8000-000000000001";
    static final String CLIENT = "c0c0c0c0-0000-4000-8000-000000000002";
    /** A real group chat id is about 60 characters, a personal chat's well over 100. */
    static final String CHAT = "19:3f1c9b7e2d4a4c6f8e0b1a2c3d4e5f60_a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3@unq.gbl.spaces";
    static final String PERSONAL = "a:1" + "Xy9Zq8Wp7Vo6Un5Tm4Sl3Rk2Qj1Pi0Oh".repeat(4) + "-personal";

    @TempDir
    Path folder;

    @Test
    void warnsAndAnswersInConversationsWithLongIds() {
        try (FakeBotFramework microsoft = new FakeBotFramework()
                .members(CHAT, FREELANCER, "山田 花子", CLIENT, "佐藤 健一").members(PERSONAL, FREELANCER, "山田 花子");
             RunningService service = RunningService.start(microsoft.configure(new TestEnvironment(folder))
                     .set("CONTRACTGATE_DB_URL", EmbeddedPostgres.newDatabaseUrl())
                     .set("CONTRACTGATE_DB_USER", EmbeddedPostgres.USER)
                     .set("CONTRACTGATE_DB_PASSWORD", EmbeddedPostgres.PASSWORD))) {
            assertThat(PERSONAL.length()).isGreaterThan(128);
            microsoft.deliverAndWait(service, microsoft.message(microsoft.nextActivityId(), PERSONAL, "personal",
                    FREELANCER, "山田 花子", "登録", false));
            microsoft.deliverAndWait(service, microsoft.message(microsoft.nextActivityId(), CHAT, "groupChat",
                    CLIENT, "佐藤 健一", "LINEで話しましょう", false));

            Eventually.await("both answered", () -> microsoft.sent().size() == 2);
            assertThat(microsoft.sent().get(0).conversationId()).isEqualTo(PERSONAL);
            assertThat(microsoft.sent().get(1).text()).as("the introduction, the room warning folded in")
                    .contains("サービス外連絡申請").contains("まだ登録されていません").contains("「LINEで話しましょう」");
            JsonNode room = service.http().get("/api/rooms/msteams/" + CHAT, TestEnvironment.OPERATOR_KEY).json();
            assertThat(room.get("gate").asText()).isEqualTo("uncovered");
        }
    }
}
