package dev.contractgate.testing;

import dev.contractgate.db.Database;
import java.nio.file.Path;

/** Migrated databases for tests that run the same assertions on SQLite and PostgreSQL. */
public final class TestDatabases {
    private TestDatabases() {
    }

    /** A new SQLite file in {@code folder}, migrated. */
    public static Database sqlite(Path folder) {
        return migrated(Database.open("jdbc:sqlite:" + folder.resolve("test-" + System.nanoTime() + ".db"), null, null, 0));
    }

    /** A new, empty database on the embedded PostgreSQL server, migrated. */
    public static Database postgres() {
        return migrated(Database.open(EmbeddedPostgres.newDatabaseUrl(), EmbeddedPostgres.USER, EmbeddedPostgres.PASSWORD, 0));
    }

    private static Database migrated(Database database) {
        try {
            database.migrate();
            return database;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }
}
