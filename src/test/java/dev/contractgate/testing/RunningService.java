package dev.contractgate.testing;

import dev.contractgate.Main;
import dev.contractgate.Service;
import dev.contractgate.db.Database;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/** The whole service started in-process on a free port, with a second connection to its database for assertions. */
public final class RunningService implements AutoCloseable {
    private final Service service;
    private final Database database;
    private final TestHttp http;

    private RunningService(Service service, Database database) {
        this.service = service;
        this.database = database;
        this.http = new TestHttp("http://127.0.0.1:" + service.port());
    }

    public static RunningService start(TestEnvironment environment) {
        return start(environment, Clock.systemUTC());
    }

    public static RunningService start(TestEnvironment environment, Clock clock) {
        var loaded = environment.load();
        Service service = Main.start(loaded, clock);
        Database database = Database.open(loaded.config().database().url(), loaded.config().database().user(),
                loaded.secrets().databasePassword(), 2);
        return new RunningService(service, database);
    }

    public TestHttp http() {
        return http;
    }

    public Jdbi jdbi() {
        return database.jdbi();
    }

    /** The started part of this type, such as a worker to drive directly. */
    public <T> T part(Class<T> type) {
        return service.part(type).orElseThrow(() -> new AssertionError("the service has no " + type.getSimpleName()));
    }

    /** Every HTTP route of the server, as {@code METHOD /path/{param}}. */
    public java.util.List<String> routes() {
        return service.routes();
    }

    public int port() {
        return service.port();
    }

    @Override
    public void close() {
        service.close();
        database.close();
    }
}
