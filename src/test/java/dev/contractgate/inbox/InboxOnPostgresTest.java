package dev.contractgate.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contractgate.testing.ChatworkWebhooks;
import dev.contractgate.testing.EmbeddedPostgres;
import dev.contractgate.testing.Eventually;
import dev.contractgate.testing.RunningService;
import dev.contractgate.testing.TestEnvironment;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InboxOnPostgresTest {
    @TempDir
    Path folder;

    @Test
    void storesOnceAndProcessesWebhooksOnPostgresql() {
        TestEnvironment environment = new TestEnvironment(folder)
                .set("CONTRACTGATE_DB_URL", EmbeddedPostgres.newDatabaseUrl())
                .set("CONTRACTGATE_DB_USER", EmbeddedPostgres.USER)
                .set("CONTRACTGATE_DB_PASSWORD", EmbeddedPostgres.PASSWORD);
        try (RunningService service = RunningService.start(environment)) {
            String body = ChatworkWebhooks.created("984676321621704705", "10", "1484814", "見積もりをお願いします", 1_700_000_000L);
            assertThat(service.http().send(ChatworkWebhooks.signed(service.http(), body)).status()).isEqualTo(200);
            assertThat(service.http().send(ChatworkWebhooks.signed(service.http(), body)).status()).isEqualTo(200);

            InboxDao inbox = service.jdbi().onDemand(InboxDao.class);
            Eventually.await("processed", () -> inbox.count(InboxEvent.DONE) == 1);
            assertThat(inbox.list(null, 10)).singleElement()
                    .satisfies(event -> assertThat(event.messageId()).isEqualTo("984676321621704705"));
        }
    }
}
