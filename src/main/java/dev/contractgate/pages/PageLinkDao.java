package dev.contractgate.pages;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Links and their one-time codes; a link is looked up only by the hash of its token. */
@RegisterConstructorMapper(PageLink.class)
public interface PageLinkDao {
    String COLUMNS = "id, channel, account_id, room_id, action, sent_privately, created_at, expires_at, used_at";

    @SqlQuery("""
            INSERT INTO page_link (token_hash, channel, account_id, room_id, action, sent_privately, created_at, expires_at)
            VALUES (:tokenHash, :channel, :accountId, :roomId, :action, :sentPrivately, :now, :expiresAt)
            RETURNING id
            """)
    long insert(String tokenHash, String channel, String accountId, String roomId, String action, boolean sentPrivately,
                Instant now, Instant expiresAt);

    @SqlQuery("SELECT " + COLUMNS + " FROM page_link WHERE token_hash = :tokenHash")
    Optional<PageLink> find(String tokenHash);

    /** Uses a link up; 1 when this call did (it was unused and unexpired), 0 when another request was first. */
    @SqlUpdate("UPDATE page_link SET used_at = :now WHERE id = :id AND used_at IS NULL AND expires_at > :now")
    int use(long id, Instant now);

    @SqlUpdate("""
            INSERT INTO page_code (link_id, code_hash, browser_hash, created_at, expires_at)
            VALUES (:linkId, :codeHash, :browserHash, :now, :expiresAt)
            """)
    void insertCode(long linkId, String codeHash, String browserHash, Instant now, Instant expiresAt);

    @SqlQuery("""
            SELECT COUNT(*) FROM page_code
            WHERE link_id = :linkId AND browser_hash = :browserHash AND verified_at IS NOT NULL
            """)
    int verifiedCodes(long linkId, String browserHash);

    /** The unverified, unexpired codes with this hash on live links bound to this person in this room. */
    @SqlQuery("""
            SELECT c.id FROM page_code c JOIN page_link l ON l.id = c.link_id
            WHERE c.code_hash = :codeHash AND c.verified_at IS NULL AND c.expires_at > :now
              AND l.channel = :channel AND l.room_id = :roomId AND l.account_id = :accountId
              AND l.used_at IS NULL AND l.expires_at > :now
            """)
    List<Long> matchingCodes(String codeHash, String channel, String roomId, String accountId, Instant now);

    @SqlUpdate("UPDATE page_code SET verified_at = :now WHERE id = :id AND verified_at IS NULL")
    int verifyCode(long id, Instant now);
}
