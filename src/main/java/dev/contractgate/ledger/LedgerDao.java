package dev.contractgate.ledger;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(LedgerEntry.class)
public interface LedgerDao {
    /** @return 1 when recorded, 0 when this message already gave this term this value */
    @SqlUpdate("""
            INSERT INTO ledger_entry (channel, room_id, message_id, sender_id, said_at, term_type, value, text, question, recorded_at)
            VALUES (:channel, :roomId, :messageId, :senderId, :saidAt, :termType, :value, :text, :question, :now)
            ON CONFLICT (channel, room_id, message_id, term_type, value) DO NOTHING
            """)
    int record(String channel, String roomId, String messageId, String senderId, Instant saidAt, String termType,
               String value, String text, int question, Instant now);

    /** Marks the open proposals of the other side as accepted. */
    @SqlUpdate("""
            UPDATE ledger_entry SET answered_by = :by, answered_at = :at
            WHERE channel = :channel AND room_id = :roomId AND question = 1 AND answered_by IS NULL
              AND sender_id <> :by AND said_at <= :at AND retracted_at IS NULL
            """)
    int accept(String channel, String roomId, String by, Instant at);

    /** The sender took the message back: its terms are kept, marked retracted. */
    @SqlUpdate("""
            UPDATE ledger_entry SET retracted_at = :at
            WHERE channel = :channel AND room_id = :roomId AND message_id = :messageId AND retracted_at IS NULL
            """)
    int retract(String channel, String roomId, String messageId, java.time.Instant at);

    /** The whole history of a room, oldest first. */
    @SqlQuery("SELECT * FROM ledger_entry WHERE channel = :channel AND room_id = :roomId ORDER BY said_at, id")
    List<LedgerEntry> history(String channel, String roomId);
}
