package dev.contractgate.registry;

import dev.contractgate.db.Database;
import dev.contractgate.testing.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class RegistryOnSqliteTest extends RegistryTests {
    @TempDir
    Path folder;

    @Override
    Database openDatabase() {
        return TestDatabases.sqlite(folder);
    }
}
