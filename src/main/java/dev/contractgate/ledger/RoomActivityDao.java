package dev.contractgate.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** What the reminders need to know of each room (table {@code room_activity}). */
@RegisterConstructorMapper(RoomActivityDao.Activity.class)
public interface RoomActivityDao {
    /** A room's activity. */
    record Activity(String channel, String roomId, Instant lastMessageAt, String gateState, Instant stateSince,
                    Instant stateRemindedAt, Instant termsChangedAt, Instant summaryAt, Instant summaryNudgedAt) {
    }

    @SqlQuery("SELECT * FROM room_activity WHERE channel = :channel AND room_id = :roomId")
    Optional<Activity> find(String channel, String roomId);

    @SqlUpdate("""
            INSERT INTO room_activity (channel, room_id, last_message_at, gate_state, state_since)
            VALUES (:channel, :roomId, :lastMessageAt, :gateState, :stateSince)
            ON CONFLICT (channel, room_id) DO UPDATE SET last_message_at = excluded.last_message_at,
                gate_state = excluded.gate_state, state_since = excluded.state_since
            """)
    void saw(String channel, String roomId, Instant lastMessageAt, String gateState, Instant stateSince);

    @SqlUpdate("UPDATE room_activity SET gate_state = :gateState, state_since = :stateSince WHERE channel = :channel AND room_id = :roomId")
    void state(String channel, String roomId, String gateState, Instant stateSince);

    @SqlUpdate("UPDATE room_activity SET terms_changed_at = :at WHERE channel = :channel AND room_id = :roomId")
    void termsChanged(String channel, String roomId, Instant at);

    @SqlUpdate("UPDATE room_activity SET summary_at = :at WHERE channel = :channel AND room_id = :roomId")
    void summarised(String channel, String roomId, Instant at);

    /**
     * Records a state reminder, if nobody recorded one since {@code seen} was read (several instances may look at
     * the same room): 1 when this caller's reminder is the one to send.
     */
    @SqlUpdate("""
            UPDATE room_activity SET state_reminded_at = :at
            WHERE channel = :channel AND room_id = :roomId
              AND (state_reminded_at = :seen OR (state_reminded_at IS NULL AND :seen IS NULL))
            """)
    int stateReminded(String channel, String roomId, Instant seen, Instant at);

    /** Records a summary nudge, if nobody recorded one since {@code seen} was read: 1 when this caller's is to send. */
    @SqlUpdate("""
            UPDATE room_activity SET summary_nudged_at = :at
            WHERE channel = :channel AND room_id = :roomId
              AND (summary_nudged_at = :seen OR (summary_nudged_at IS NULL AND :seen IS NULL))
            """)
    int summaryNudged(String channel, String roomId, Instant seen, Instant at);

    /** Rooms with a message since {@code since}, or terms not summarised since they changed. */
    @SqlQuery("""
            SELECT * FROM room_activity
            WHERE last_message_at >= :since
               OR (terms_changed_at IS NOT NULL AND (summary_at IS NULL OR summary_at < terms_changed_at))
            ORDER BY channel, room_id
            """)
    List<Activity> candidates(Instant since);
}
