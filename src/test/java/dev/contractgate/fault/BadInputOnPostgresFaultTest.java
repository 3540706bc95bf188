package dev.contractgate.fault;

import dev.contractgate.testing.EmbeddedPostgres;
import dev.contractgate.testing.TestEnvironment;

/** The bad inputs against PostgreSQL, which refuses text SQLite stores (a NUL is a 500 there when it reaches SQL). */
class BadInputOnPostgresFaultTest extends BadInputFaults {
    @Override
    TestEnvironment onDatabase(TestEnvironment environment) {
        return environment.set("CONTRACTGATE_DB_URL", EmbeddedPostgres.newDatabaseUrl())
                .set("CONTRACTGATE_DB_USER", EmbeddedPostgres.USER)
                .set("CONTRACTGATE_DB_PASSWORD", EmbeddedPostgres.PASSWORD);
    }
}
