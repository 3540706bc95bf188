package dev.contractgate.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The connection pool, Jdbi and the migrations. SQLite runs in WAL mode with {@code synchronous=FULL} (a committed
 * row survives a crash and a power cut), a busy timeout, foreign keys on, and {@code BEGIN IMMEDIATE} transactions
 * so a read-then-write transaction takes the write lock up front instead of failing half way.
 */
public final class Database implements AutoCloseable {
    private static final int SQLITE_BUSY_TIMEOUT_MS = 10_000;

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final Dialect dialect;

    private Database(HikariDataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
        if (dialect == Dialect.SQLITE) {
            jdbi.setTransactionHandler(new SerializedWritesTransactionHandler(jdbi.getTransactionHandler()));
        }
        // Times are stored as epoch milliseconds (BIGINT) in both databases: portable, sortable, no time zones.
        jdbi.registerArgument(new EpochMillisArgumentFactory());
        jdbi.registerColumnMapper(Instant.class, (results, column, context) -> {
            long millis = results.getLong(column);
            return results.wasNull() ? null : Instant.ofEpochMilli(millis);
        });
    }

    /**
     * @param poolSize 0 picks a size for the database: 4 for SQLite (one writer at a time anyway), 10 for PostgreSQL
     */
    public static Database open(String url, String user, String password, int poolSize) {
        Dialect dialect = Dialect.of(url);
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("contractgate-db");
        if (dialect == Dialect.SQLITE) {
            createParentFolder(url);
            hikari.setDataSource(sqliteDataSource(url));
            // A shared-cache in-memory database reports table locks between connections instead of waiting for
            // them: give it one connection. It also lives exactly as long as that connection.
            hikari.setMaximumPoolSize(isInMemory(url) ? 1 : poolSize > 0 ? poolSize : 4);
            if (isInMemory(url)) {
                hikari.setMaxLifetime(0);
                hikari.setIdleTimeout(0);
            }
        } else {
            hikari.setJdbcUrl(url);
            hikari.setUsername(user);
            hikari.setPassword(password);
            hikari.setMaximumPoolSize(poolSize > 0 ? poolSize : 10);
        }
        hikari.setMinimumIdle(1);
        hikari.setConnectionTimeout(15_000);
        hikari.setInitializationFailTimeout(1); // fail at once: a service that cannot reach its database should say so and exit
        try {
            return new Database(new HikariDataSource(hikari), dialect);
        } catch (RuntimeException e) {
            throw new DatabaseUnavailableException("cannot open the database at " + redactUrl(url) + ": " + rootMessage(e), e);
        }
    }

    /** Applies pending migrations; returns how many were applied. */
    public int migrate() {
        MigrateResult result = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .placeholders(dialect.placeholders())
                .failOnMissingLocations(true)
                .load()
                .migrate();
        return result.migrationsExecuted;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** True when the database answers a trivial query. */
    public boolean ping() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(2);
            statement.execute("SELECT 1");
            return true;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }

    private static SQLiteDataSource sqliteDataSource(String url) {
        SQLiteConfig config = new SQLiteConfig();
        if (!isInMemory(url)) {
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        }
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MS);
        config.enforceForeignKeys(true);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl(url);
        return dataSource;
    }

    private static boolean isInMemory(String url) {
        return url.contains(":memory:") || url.contains("mode=memory");
    }

    private static void createParentFolder(String url) {
        if (isInMemory(url)) {
            return;
        }
        String path = url.substring("jdbc:sqlite:".length());
        if (path.startsWith("file:")) {
            path = path.substring("file:".length());
        }
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        Path parent = Path.of(path).toAbsolutePath().getParent();
        if (parent != null) {
            try {
                Files.createDirectories(parent);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the database folder " + parent, e);
            }
        }
    }

    /** A JDBC URL may carry a password parameter: never log it. */
    public static String redactUrl(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
