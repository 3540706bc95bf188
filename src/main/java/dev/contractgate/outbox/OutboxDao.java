package dev.contractgate.outbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.sqlobject.config.KeyColumn;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.ValueColumn;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

@RegisterConstructorMapper(OutboxEntry.class)
public interface OutboxDao {

    @Transaction
    @SqlUpdate("""
            INSERT INTO outbox (channel, room_id, kind, status, body, addressees, cooldown_key, trigger_rule,
                                trigger_message_id, trigger_match, attempts, recoveries, created_at, available_at,
                                payload, reply_handle, reply_handle_expires_at, idempotency_key, about_room_id)
            VALUES (:channel, :roomId, :kind, 'pending', :body, :addressees, :cooldownKey, :triggerRule,
                    :triggerMessageId, :triggerMatch, 0, 0, :now, :now, :payload, :replyHandle,
                    :replyHandleExpiresAt, :idempotencyKey, :aboutRoomId)
            """)
    void insert(@BindMethods NewOutboxEntry entry, Instant now);

    /** Due rows waiting to be sent (pending, or deferred for a quota), oldest first. */
    @SqlQuery("SELECT * FROM outbox WHERE status IN ('pending', 'deferred') AND available_at <= :now ORDER BY id LIMIT :limit")
    List<OutboxEntry> due(Instant now, int limit);

    /** When the next row becomes due (to send, or to settle), or null when none waits. */
    @SqlQuery("SELECT MIN(available_at) FROM outbox WHERE status IN ('pending', 'deferred', 'sending')")
    Instant nextDue();

    /**
     * Claims a row before sending it; 1 when this caller got it. Not while an earlier row of the same room is on its
     * way or due, whichever instance has it: the replies of a room go out in order, one at a time, across instances.
     */
    @Transaction
    @SqlUpdate("""
            UPDATE outbox SET status = 'sending', lease_owner = :owner, attempts = attempts + 1, available_at = :leaseUntil
            WHERE id = :id AND status IN ('pending', 'deferred')
              AND NOT EXISTS (SELECT 1 FROM outbox earlier
                              WHERE earlier.channel = outbox.channel AND earlier.room_id = outbox.room_id
                                AND earlier.id < outbox.id
                                AND (earlier.status = 'sending'
                                     OR (earlier.status IN ('pending', 'deferred') AND earlier.available_at <= :now)))
            """)
    int claim(long id, String owner, Instant leaseUntil, Instant now);

    @Transaction
    @SqlUpdate("""
            UPDATE outbox SET status = 'sent', sent_at = :now, remote_message_id = :remoteMessageId, last_error = NULL,
                              lease_owner = NULL
            WHERE id = :id
            """)
    int markSent(long id, String remoteMessageId, Instant now);

    @Transaction
    @SqlUpdate("UPDATE outbox SET status = 'held', lease_owner = NULL, last_error = :note WHERE id = :id")
    int markHeld(long id, String note);

    @Transaction
    @SqlUpdate("UPDATE outbox SET status = 'dead', last_error = :error, lease_owner = NULL WHERE id = :id")
    int markDead(long id, String error);

    /**
     * Puts a claimed row back to wait until {@code availableAt}.
     *
     * @param countAttempt false when the send never really happened (a rate limit), so it does not use up an attempt
     */
    @Transaction
    @SqlUpdate("""
            UPDATE outbox SET status = 'pending', available_at = :availableAt, last_error = :error, lease_owner = NULL,
                              attempts = attempts - (CASE WHEN :countAttempt THEN 0 ELSE 1 END)
            WHERE id = :id AND status = 'sending'
            """)
    int retryLater(long id, Instant availableAt, String error, boolean countAttempt);

    /**
     * A send whose outcome is unknown (a timeout, a dropped connection, a 5xx): the row stays {@code sending}, without
     * an owner, until {@code settleAt}; then it is settled like a row whose sender crashed.
     */
    @Transaction
    @SqlUpdate("""
            UPDATE outbox SET lease_owner = NULL, available_at = :settleAt, last_error = :error
            WHERE id = :id AND status = 'sending'
            """)
    int unsettled(long id, Instant settleAt, String error);

    /** Rows whose send has an unknown outcome: their sender died (the lease ran out) or could not tell. */
    @SqlQuery("SELECT * FROM outbox WHERE status = 'sending' AND available_at <= :now ORDER BY id")
    List<OutboxEntry> abandoned(Instant now);

    /** The channel could not settle the row now: look again at {@code retryAt} (counts as an attempt). */
    @Transaction
    @SqlUpdate("""
            UPDATE outbox SET attempts = attempts + 1, available_at = :retryAt, last_error = :note, lease_owner = NULL
            WHERE id = :id AND status = 'sending' AND available_at <= :now
            """)
    int settleLater(long id, Instant retryAt, String note, Instant now);

    /**
     * Sends an abandoned row again.
     *
     * @param recovery true when the channel could not read back whether it was posted: such a row is sent again at most once
     */
    @Transaction
    @SqlUpdate("""
            UPDATE outbox SET status = 'pending', recoveries = recoveries + (CASE WHEN :recovery THEN 1 ELSE 0 END),
                              available_at = :now, lease_owner = NULL, last_error = :note
            WHERE id = :id AND status = 'sending' AND available_at <= :now
            """)
    int recover(long id, Instant now, String note, boolean recovery);

    /** The channel's quota is used up: the row waits as {@code deferred} (not a failed attempt). */
    @Transaction
    @SqlUpdate("""
            UPDATE outbox SET status = 'deferred', available_at = :until, last_error = :note, lease_owner = NULL,
                              attempts = attempts - 1
            WHERE id = :id AND status = 'sending'
            """)
    int defer(long id, Instant until, String note);

    /** When each cooldown key of a room was last used, by a reply in the room or one sent privately about it. */
    @SqlQuery("""
            SELECT cooldown_key, MAX(created_at) AS last_at FROM outbox
            WHERE channel = :channel AND (room_id = :roomId OR about_room_id = :roomId) AND created_at >= :since
            GROUP BY cooldown_key
            """)
    @KeyColumn("cooldown_key")
    @ValueColumn("last_at")
    Map<String, Instant> lastUsed(String channel, String roomId, Instant since);

    /** Whether a once-only key (approval notice, confirm request of one application) was ever used in a room. */
    @SqlQuery("SELECT COUNT(*) > 0 FROM outbox WHERE channel = :channel AND room_id = :roomId AND cooldown_key = :key")
    boolean used(String channel, String roomId, String key);

    @SqlQuery("""
            SELECT * FROM outbox
            WHERE (:status IS NULL OR status = :status) AND (:roomId IS NULL OR room_id = :roomId)
            ORDER BY id DESC LIMIT :limit
            """)
    List<OutboxEntry> list(String status, String roomId, int limit);

    @SqlQuery("SELECT * FROM outbox WHERE channel = :channel AND room_id = :roomId ORDER BY id DESC LIMIT :limit")
    List<OutboxEntry> recentInRoom(String channel, String roomId, int limit);

    @SqlQuery("SELECT COUNT(*) FROM outbox WHERE status = :status")
    long count(String status);

    @SqlQuery("SELECT * FROM outbox WHERE id = :id")
    java.util.Optional<OutboxEntry> find(long id);

    /**
     * Puts an entry in one of {@code from} back to {@code pending}, due now, with a fresh count of attempts.
     *
     * @return 1 when changed, 0 when the entry was not in one of those states (any more)
     */
    @SqlUpdate("""
            UPDATE outbox SET status = 'pending', attempts = 0, recoveries = 0, available_at = :now, lease_owner = NULL
            WHERE id = :id AND status IN (<from>)
            """)
    int requeue(long id, @org.jdbi.v3.sqlobject.customizer.BindList List<String> from, Instant now);

    /** @return 1 when changed, 0 when the entry was not in one of {@code from} (any more) */
    @SqlUpdate("UPDATE outbox SET status = 'discarded', lease_owner = NULL WHERE id = :id AND status IN (<from>)")
    int discard(long id, @org.jdbi.v3.sqlobject.customizer.BindList List<String> from);

    /** Rows by status, of these statuses (for the metrics). */
    @SqlQuery("SELECT status, COUNT(*) AS n FROM outbox WHERE status IN (<statuses>) GROUP BY status")
    @KeyColumn("status")
    @ValueColumn("n")
    Map<String, Long> countByStatus(@org.jdbi.v3.sqlobject.customizer.BindList List<String> statuses);

    /** When the oldest pending reply was written, or null when none is pending. */
    @SqlQuery("SELECT MIN(created_at) FROM outbox WHERE status = 'pending'")
    Instant oldestPending();
}
