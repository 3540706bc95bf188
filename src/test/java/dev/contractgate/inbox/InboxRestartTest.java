package dev.contractgate.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contractgate.testing.ChatworkWebhooks;
import dev.contractgate.testing.Eventually;
import dev.contractgate.testing.RunningService;
import dev.contractgate.testing.TestEnvironment;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InboxRestartTest {
    @TempDir
    Path folder;

    @Test
    void processesEventsLeftInTheInboxAfterARestart() {
        // Until GET /me answers the bot cannot tell its own messages apart, so it stores but does not process.
        TestEnvironment environment = new TestEnvironment(folder).unset("CHATWORK_BOT_ACCOUNT_ID")
                .set("CHATWORK_API_TOKEN", "bot-token").set("CHATWORK_API_URL", "http://127.0.0.1:1/v2");
        try (RunningService first = RunningService.start(environment)) {
            for (int i = 1; i <= 5; i++) {
                String body = ChatworkWebhooks.created(String.valueOf(i), "10", "1484814", "message " + i, 1_700_000_000L + i);
                assertThat(first.http().send(ChatworkWebhooks.signed(first.http(), body)).status()).isEqualTo(200);
            }
            assertThat(first.http().get("/ready").status()).isEqualTo(503);
            assertThat(events(first)).extracting(InboxEvent::status).containsOnly(InboxEvent.PENDING);
        }

        environment.set("CHATWORK_BOT_ACCOUNT_ID", TestEnvironment.BOT_ACCOUNT_ID).unset("CHATWORK_API_TOKEN");
        try (RunningService second = RunningService.start(environment)) {
            Eventually.await("left-over events processed", () ->
                    events(second).stream().allMatch(e -> e.status().equals(InboxEvent.DONE)));
            assertThat(events(second)).hasSize(5).allSatisfy(e -> assertThat(e.attempts()).isEqualTo(1));
        }
    }

    private static List<InboxEvent> events(RunningService service) {
        return service.jdbi().onDemand(InboxDao.class).list(null, 100);
    }
}
