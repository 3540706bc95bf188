package dev.contractgate.web;

import dev.contractgate.testing.EmbeddedPostgres;
import dev.contractgate.testing.TestEnvironment;
import java.nio.file.Path;

class OperatingApiOnPostgresTest extends OperatingApiTests {
    @Override
    TestEnvironment environment(Path folder) {
        return new TestEnvironment(folder).set("CONTRACTGATE_DB_URL", EmbeddedPostgres.newDatabaseUrl())
                .set("CONTRACTGATE_DB_USER", EmbeddedPostgres.USER).set("CONTRACTGATE_DB_PASSWORD", EmbeddedPostgres.PASSWORD);
    }
}
