package dev.contractgate.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contractgate.inbox.InboxDao;
import dev.contractgate.inbox.NewInboxEvent;
import dev.contractgate.testing.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {
    @TempDir
    Path folder;

    @Test
    void applyOnSqliteAndAgainIsANoOp() {
        String url = "jdbc:sqlite:" + folder.resolve("m.db");
        try (Database database = Database.open(url, null, null, 0)) {
            assertThat(database.migrate()).isPositive();
            assertThat(database.migrate()).isZero();
            assertStoresAndDeduplicates(database);
        }
    }

    @Test
    void applyOnPostgresql() {
        try (Database database = Database.open(EmbeddedPostgres.newDatabaseUrl(), EmbeddedPostgres.USER, EmbeddedPostgres.PASSWORD, 0)) {
            assertThat(database.dialect()).isEqualTo(Dialect.POSTGRES);
            assertThat(database.migrate()).isPositive();
            assertThat(database.migrate()).isZero();
            assertStoresAndDeduplicates(database);
        }
    }

    private static void assertStoresAndDeduplicates(Database database) {
        InboxDao inbox = database.jdbi().onDemand(InboxDao.class);
        NewInboxEvent event = NewInboxEvent.pending("chatwork", "message_created", "984676321621704704", 0, "1", "{}");
        assertThat(inbox.insert(event, Instant.now())).isEqualTo(1);
        assertThat(inbox.insert(event, Instant.now())).isZero();
        assertThat(inbox.list(null, 10)).singleElement()
                .satisfies(stored -> assertThat(stored.messageId()).isEqualTo("984676321621704704"));
    }
}
