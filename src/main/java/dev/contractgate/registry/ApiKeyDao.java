package dev.contractgate.registry;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

@RegisterConstructorMapper(ApiKey.class)
public interface ApiKeyDao {

    /** @return the new id */
    @SqlQuery("""
            INSERT INTO api_key (key_hash, role, channel, account_id, name, created_at)
            VALUES (:keyHash, :role, :channel, :accountId, :name, :now)
            RETURNING id
            """)
    long insert(String keyHash, @BindMethods NewApiKey key, Instant now);

    @SqlQuery("SELECT id, role, channel, account_id, name, created_at FROM api_key WHERE id = :id")
    Optional<ApiKey> find(long id);

    @SqlQuery("SELECT id, role, channel, account_id, name, created_at FROM api_key WHERE key_hash = :keyHash")
    Optional<ApiKey> findByHash(String keyHash);
}
