package dev.contractgate.fault;

import dev.contractgate.testing.TestEnvironment;

/** The bad inputs against SQLite (the default: a file in the test's folder). */
class BadInputOnSqliteFaultTest extends BadInputFaults {
    @Override
    TestEnvironment onDatabase(TestEnvironment environment) {
        return environment;
    }
}
