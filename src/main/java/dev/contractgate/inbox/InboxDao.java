package dev.contractgate.inbox;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

@RegisterConstructorMapper(InboxEvent.class)
public interface InboxDao {

    /** @return 1 when stored, 0 when the same delivery was already there */
    @Transaction
    @SqlUpdate("""
            INSERT INTO inbox_event (channel, event_type, message_id, update_time, room_id, payload, status, note,
                                     attempts, received_at, available_at)
            VALUES (:channel, :eventType, :messageId, :updateTime, :roomId, :payload, :status, :note, 0, :now, :now)
            ON CONFLICT (channel, event_type, message_id, update_time) DO NOTHING
            """)
    int insert(@BindMethods NewInboxEvent event, Instant now);

    /**
     * Leases up to {@code limit} due pending events to {@code token}, in the order received. An event whose room has
     * an earlier pending event that is not due (it waits, or another worker holds it) is left for later, so a room's
     * events are acted on in order. The outer conditions repeat the inner ones so that, on PostgreSQL, a row another
     * instance leased meanwhile is re-checked and skipped.
     */
    @Transaction
    @SqlUpdate("""
            UPDATE inbox_event SET lease_owner = :token, available_at = :leaseUntil, attempts = attempts + 1
            WHERE status = 'pending' AND available_at <= :now AND channel IN (<channels>)
              AND id IN (SELECT e.id FROM inbox_event e
                         WHERE e.status = 'pending' AND e.available_at <= :now AND e.channel IN (<channels>)
                           AND NOT EXISTS (SELECT 1 FROM inbox_event earlier
                                           WHERE earlier.channel = e.channel AND earlier.room_id = e.room_id
                                             AND earlier.status = 'pending' AND earlier.id < e.id
                                             AND earlier.available_at > :now)
                         ORDER BY e.id LIMIT :limit)
            """)
    int lease(String token, Instant now, Instant leaseUntil, @BindList List<String> channels, int limit);

    @SqlQuery("SELECT * FROM inbox_event WHERE lease_owner = :token AND status = 'pending' ORDER BY id")
    List<InboxEvent> leasedTo(String token);

    @Transaction
    @SqlUpdate("""
            UPDATE inbox_event SET status = :status, note = :note, processed_at = :now, lease_owner = NULL
            WHERE id = :id AND lease_owner = :token
            """)
    int finish(long id, String token, String status, String note, Instant now);

    @Transaction
    @SqlUpdate("""
            UPDATE inbox_event SET last_error = :error, available_at = :retryAt, lease_owner = NULL
            WHERE id = :id AND lease_owner = :token
            """)
    int retryLater(long id, String token, String error, Instant retryAt);

    /**
     * Puts a leased event back to wait for its channel: the attempt does not count against {@code max_attempts},
     * because nothing was wrong with the event.
     */
    @Transaction
    @SqlUpdate("""
            UPDATE inbox_event SET last_error = :reason, available_at = :retryAt, lease_owner = NULL, attempts = attempts - 1
            WHERE id = :id AND lease_owner = :token
            """)
    int waitForChannel(long id, String token, String reason, Instant retryAt);

    /** Gives a leased event back untouched (the attempt did not happen). */
    @Transaction
    @SqlUpdate("""
            UPDATE inbox_event SET available_at = :now, lease_owner = NULL, attempts = attempts - 1
            WHERE id = :id AND lease_owner = :token
            """)
    int release(long id, String token, Instant now);

    @Transaction
    @SqlUpdate("""
            UPDATE inbox_event SET status = 'failed', last_error = :error, processed_at = :now, lease_owner = NULL
            WHERE id = :id
            """)
    int fail(long id, String error, Instant now);

    @SqlQuery("""
            SELECT * FROM inbox_event WHERE (:status IS NULL OR status = :status) AND (:roomId IS NULL OR room_id = :roomId)
            ORDER BY id DESC LIMIT :limit
            """)
    List<InboxEvent> list(String status, String roomId, int limit);

    default List<InboxEvent> list(String status, int limit) {
        return list(status, null, limit);
    }

    @SqlQuery("SELECT COUNT(*) FROM inbox_event WHERE status = :status")
    long count(String status);
}
