package dev.contractgate.pages;

import dev.contractgate.db.Database;
import dev.contractgate.testing.TestDatabases;

class PageStoreOnPostgresTest extends PageStoreTests {
    @Override
    Database openDatabase() {
        return TestDatabases.postgres();
    }
}
