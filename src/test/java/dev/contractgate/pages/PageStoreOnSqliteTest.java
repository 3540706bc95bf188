package dev.contractgate.pages;

import dev.contractgate.db.Database;
import dev.contractgate.testing.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class PageStoreOnSqliteTest extends PageStoreTests {
    @TempDir
    Path folder;

    @Override
    Database openDatabase() {
        return TestDatabases.sqlite(folder);
    }
}
