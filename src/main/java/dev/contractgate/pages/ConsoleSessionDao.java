package dev.contractgate.pages;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(ConsoleSession.class)
public interface ConsoleSessionDao {
    @SqlUpdate("""
            INSERT INTO console_session (token_hash, csrf_token, key_id, created_at, expires_at)
            VALUES (:tokenHash, :csrfToken, :keyId, :now, :expiresAt)
            """)
    void insert(String tokenHash, String csrfToken, Long keyId, Instant now, Instant expiresAt);

    /** The session with the key it was made with: a revoked key ends it on every instance at once. */
    @SqlQuery("""
            SELECT s.id, s.csrf_token, s.key_id, s.created_at, s.expires_at, s.ended_at,
                   k.revoked_at AS key_revoked_at, k.expires_at AS key_expires_at
            FROM console_session s LEFT JOIN api_key k ON k.id = s.key_id
            WHERE s.token_hash = :tokenHash
            """)
    Optional<ConsoleSession> find(String tokenHash);

    @SqlUpdate("UPDATE console_session SET ended_at = :now WHERE id = :id AND ended_at IS NULL")
    int end(long id, Instant now);

    @SqlUpdate("UPDATE console_session SET ended_at = :now WHERE key_id = :keyId AND ended_at IS NULL")
    int endForKey(long keyId, Instant now);
}
