package dev.contractgate.web;

import dev.contractgate.testing.TestEnvironment;
import java.nio.file.Path;

class OperatingApiOnSqliteTest extends OperatingApiTests {
    @Override
    TestEnvironment environment(Path folder) {
        return new TestEnvironment(folder);
    }
}
