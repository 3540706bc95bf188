package dev.contractgate.registry;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(ApiKey.class)
public interface ApiKeyDao {
    String COLUMNS = "id, role, channel, account_id, name, created_at, expires_at, revoked_at, last_used_at";

    /** @return the new id */
    @SqlQuery("""
            INSERT INTO api_key (key_hash, role, channel, account_id, name, created_at, expires_at)
            VALUES (:keyHash, :role, :channel, :accountId, :name, :now, :expiresAt)
            RETURNING id
            """)
    long insert(String keyHash, @BindMethods NewApiKey key, Instant now);

    @SqlQuery("SELECT " + COLUMNS + " FROM api_key WHERE id = :id")
    Optional<ApiKey> find(long id);

    @SqlQuery("SELECT " + COLUMNS + " FROM api_key WHERE key_hash = :keyHash")
    Optional<ApiKey> findByHash(String keyHash);

    /** Keys newest first, optionally of one role, or bound to one account. */
    @SqlQuery("SELECT " + COLUMNS + " FROM api_key"
            + " WHERE (:role IS NULL OR role = :role) AND (:channel IS NULL OR channel = :channel)"
            + " AND (:accountId IS NULL OR account_id = :accountId) ORDER BY id DESC LIMIT :limit")
    List<ApiKey> list(Role role, String channel, String accountId, int limit);

    /** @return 1 when this call revoked the key, 0 when it was revoked already (or does not exist) */
    @SqlUpdate("UPDATE api_key SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
    int revoke(long id, Instant now);

    /** Records a use, unless one was recorded since {@code notBefore} (by this or another instance). */
    @SqlUpdate("UPDATE api_key SET last_used_at = :now WHERE id = :id AND (last_used_at IS NULL OR last_used_at < :notBefore)")
    int used(long id, Instant now, Instant notBefore);
}
