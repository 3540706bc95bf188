package dev.contractgate.line;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/** Which outbox entry took an event's reply token (each token answers once). */
interface LineDao {
    @Transaction
    @SqlUpdate("""
            INSERT INTO line_reply_token (token_hash, outbox_id, claimed_at) VALUES (:tokenHash, :outboxId, :at)
            ON CONFLICT (token_hash) DO NOTHING
            """)
    int claim(String tokenHash, long outboxId, Instant at);

    @SqlQuery("SELECT outbox_id FROM line_reply_token WHERE token_hash = :tokenHash")
    Optional<Long> owner(String tokenHash);

    /** Whether a LINE message is one the bot sent (its id as LINE gave it back). */
    @SqlQuery("SELECT COUNT(*) > 0 FROM outbox WHERE channel = 'line' AND remote_message_id = :messageId")
    boolean sentByBot(String messageId);

    /** The entry's reply through the token certainly did not go out: it pushes instead, and the token is nobody's. */
    @Transaction
    @SqlUpdate("DELETE FROM line_reply_token WHERE token_hash = :tokenHash AND outbox_id = :outboxId")
    int release(String tokenHash, long outboxId);
}
