package dev.contractgate.registry;

import dev.contractgate.db.Database;
import dev.contractgate.testing.TestDatabases;

class RegistryOnPostgresTest extends RegistryTests {
    @Override
    Database openDatabase() {
        return TestDatabases.postgres();
    }
}
